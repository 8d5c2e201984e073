package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;
import java.util.Set;

/**
 * A worker with 4 processing threads, 20 ms of waiting on a downstream per message and a downstream
 * that can fail ({@link FlakyDownstream}).
 */
public class RetryPolicyProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("retry-policy");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(
                QUEUE,
                PREFIX,
                Map.of(
                        "vazao.prefetch",
                        "4",
                        "vazao.work.mean-ms",
                        "20",
                        "vazao.audit.enabled",
                        "false"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FlakyDownstream.class);
    }
}
