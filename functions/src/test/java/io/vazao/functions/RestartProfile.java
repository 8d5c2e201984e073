package io.vazao.functions;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;
import java.util.Map;

/** A worker for the broker-restart test: its own queue and prefix, audit on. */
public class RestartProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("restart");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(QUEUE, PREFIX, Map.of("vazao.audit.enabled", "true"));
    }
}
