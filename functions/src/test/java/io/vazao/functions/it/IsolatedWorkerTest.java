package io.vazao.functions.it;

import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import org.junit.jupiter.api.AfterEach;

/**
 * A packaged-worker test with a queue and a Redis prefix of its own, so that it can run beside
 * other builds on the same broker and Redis, and leaves neither behind.
 */
abstract class IsolatedWorkerTest {

    final String queue;
    final String prefix = Names.keyPrefix();
    final RedisKeys keys = new RedisKeys(prefix);

    IsolatedWorkerTest(String purpose) {
        this.queue = Names.queue(purpose);
    }

    @AfterEach
    void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(queue, Topology.deadLetterQueue(queue));
            redis.deletePrefix(prefix);
        }
    }
}
