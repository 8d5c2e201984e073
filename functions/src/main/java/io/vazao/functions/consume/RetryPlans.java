package io.vazao.functions.consume;

import io.vazao.contract.RetryPolicy;
import io.vazao.functions.config.FunctionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The retry plan in force: the queue's policy's {@code retry} when it has one (re-read with the
 * policy, see PolicyWatcher), else the worker's configuration.
 */
@ApplicationScoped
public class RetryPlans {

    private final RetryPlan fromConfig;
    private volatile RetryPlan current;

    @Inject
    public RetryPlans(FunctionsConfig config) {
        if (config.retry().maxAttempts() < 1) {
            throw new IllegalArgumentException("vazao.retry.max-attempts must be >= 1");
        }
        fromConfig =
                new RetryPlan(
                        RetryPlan.fromConfig(config.retry().maxAttempts(), config.retry().delay()),
                        config.retry().inPlaceMax());
        current = fromConfig;
    }

    public RetryPlan current() {
        return current;
    }

    /** The policy's retry settings; null falls back to the configuration. */
    public void update(RetryPolicy fromPolicy) {
        current =
                fromPolicy == null
                        ? fromConfig
                        : new RetryPlan(fromPolicy, fromConfig.inPlaceMax());
    }
}
