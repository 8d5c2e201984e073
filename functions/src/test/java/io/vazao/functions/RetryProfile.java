package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;
import java.util.Set;

/**
 * A worker whose work fails on script (see {@link ScriptedWork}), 3 attempts 100 ms apart and
 * doubling.
 */
public class RetryProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("retry");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(
                QUEUE,
                PREFIX,
                Map.of("vazao.retry.max-attempts", "3", "vazao.retry.delay", "100ms"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ScriptedWork.class);
    }
}
