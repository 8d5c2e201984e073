package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;
import java.util.Set;

/**
 * A worker whose deliveries run on the delivery thread (vazao.dispatch auto: no simulated work, no
 * audit, no rate limit), so its acks go out in batches.
 */
public class InlineProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("inline");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(QUEUE, PREFIX, Map.of("vazao.audit.enabled", "false"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingWork.class);
    }
}
