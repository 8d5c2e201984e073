package io.vazao.policy.loop;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.vazao.policy.support.PrefixCleanup;
import io.vazao.testsupport.TcpRelay;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The control loop against the real RabbitMQ and Redis, reaching the broker through two TCP
 * forwarders (management API, AMQP, Redis) that the test can cut: a real outage, without touching
 * the shared broker. Own key prefix, own queue.
 */
public class LoopTestProfile implements QuarkusTestProfile {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "t" + RUN + ":";
    static final String QUEUE = "t-loop-" + RUN;
    static final String TOKEN = "test-token-" + UUID.randomUUID();
    static final TcpRelay MANAGEMENT = new TcpRelay("127.0.0.1", 15672);
    static final TcpRelay AMQP = new TcpRelay("127.0.0.1", 5672);
    static final TcpRelay REDIS = new TcpRelay("127.0.0.1", 6379);

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
                QUEUE + ":1",
                "vazao.api.token",
                TOKEN,
                "vazao.management.url",
                "http://127.0.0.1:" + MANAGEMENT.port(),
                "vazao.management.timeout",
                "1s",
                "vazao.amqp.port",
                Integer.toString(AMQP.port()),
                "vazao.amqp.timeout",
                "1s",
                "quarkus.redis.hosts",
                "redis://127.0.0.1:" + REDIS.port(),
                "quarkus.redis.timeout",
                "3s");
    }
}
