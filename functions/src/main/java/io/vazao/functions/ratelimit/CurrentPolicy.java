package io.vazao.functions.ratelimit;

import io.vazao.contract.Policy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The queue's policy as {@link PolicyWatcher} last read it: one reader of the policy key, whose
 * last good copy outlives a Redis that comes back empty. Null until a policy was read.
 */
@ApplicationScoped
public class CurrentPolicy {

    private volatile Policy policy;

    public Policy get() {
        return policy;
    }

    void set(Policy p) {
        policy = p;
    }
}
