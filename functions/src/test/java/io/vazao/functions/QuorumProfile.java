package io.vazao.functions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueType;
import io.vazao.contract.RedisKeys;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.RedisProbe;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worker whose queue does not exist yet and whose policy asks for a quorum queue with a delivery
 * limit of 2: the policy is in Redis before the worker starts.
 */
public class QuorumProfile implements QuarkusTestProfile {

    public static final String QUEUE = Names.queue("quorum");
    public static final String PREFIX = Names.keyPrefix();
    public static final int DELIVERY_LIMIT = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return IsolatedWorkerConfig.of(QUEUE, PREFIX, Map.of("vazao.audit.enabled", "false"));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingWork.class);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoredPolicy.class));
    }

    /** Writes the queue's policy before the worker starts. */
    public static class StoredPolicy implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Policy policy =
                    Policy.builder(1.0)
                            .queueType(QueueType.QUORUM)
                            .deliveryLimit(DELIVERY_LIMIT)
                            .build();
            try (RedisProbe redis = new RedisProbe()) {
                redis.set(new RedisKeys(PREFIX).policy(QUEUE), Json.write(policy));
            }
            return Map.of();
        }

        @Override
        public void stop() {}
    }
}
