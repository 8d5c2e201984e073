package io.vazao.functions;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.functions.support.Names;

/** A worker for the broker-restart test: its own queue and prefix, audit on. */
public class RestartProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("restart");
    public static final String PREFIX = Names.keyPrefix();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vazao.queue", QUEUE,
                "vazao.function", "processOrder",
                "vazao.key-prefix", PREFIX,
                "vazao.audit.enabled", "true",
                "quarkus.http.test-port", "0");
    }
}
