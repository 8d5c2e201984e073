package io.vazao.policy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.policy.support.PrefixCleanup;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API tests: own key prefix and queue names, a known token, the control loop off (Redis stays
 * still).
 */
public class ApiTestProfile implements QuarkusTestProfile {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "t" + RUN + ":";
    static final String QUEUE_A = "t-api-" + RUN + "-a";
    static final String QUEUE_B = "t-api-" + RUN + "-b";
    static final String TOKEN = "test-token-" + UUID.randomUUID();

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PrefixCleanup.class, Map.of("prefix", PREFIX)));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "vazao.key-prefix",
                PREFIX,
                "vazao.bootstrap-queues",
                QUEUE_A + ":0.4," + QUEUE_B + ":0.6",
                "vazao.api.token",
                TOKEN,
                "vazao.loop.enabled",
                "false");
    }
}
