package io.vazao.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.load.LoadGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Scaling to zero with real processes, the setting the simulator's cheapest sweep counts on
 * (docs/simulator.md, "vazao (to zero)"): with {@code minWorkers} 0 and no scale-down window an
 * idle queue keeps no worker process, a batch brings workers back and is processed whole, and the
 * queue goes back to no process once it is drained. Times are the test's own clock only.
 */
class ScaleToZeroE2ETest {

    static final long MESSAGES = 3_000;
    static final Duration WITHIN = Duration.ofSeconds(180);

    @TempDir Path tmp;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String queue = "t-zero-" + id;
    final RedisKeys keys = new RedisKeys("zero" + id + ":");
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    Stack stack;

    @AfterEach
    void tearDown() throws Exception {
        Stack.tearDown(
                stack, List.of(queue, Topology.deadLetterQueue(queue)), redis, keys.prefix());
    }

    @Test
    void anIdleQueueHasNoWorkerABatchBringsThemBackAndTheyGoAgain() throws Exception {
        stack =
                new Stack(
                        Stack.repo(),
                        tmp.resolve("state"),
                        keys.prefix(),
                        "zero-" + UUID.randomUUID());
        int up =
                stack.up(
                        tmp.resolve("api-token"),
                        Stack.functions(queue, "processOrder"),
                        List.of(
                                "VAZAO_BOOTSTRAP_QUEUES=" + queue + ":1.0",
                                "VAZAO_WORK_MEAN_MS=2",
                                "VAZAO_WORK_DISTRIBUTION=fixed"));
        assertEquals(0, up, stack.log());
        // Workers declare their queue when they start: a queue that has never had one does not
        // exist on the broker, and what is published to it is unroutable (docs/api.md, minWorkers).
        await("the bootstrap worker has declared the queue")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.live(queue) >= 1);
        stack.api(
                "PATCH",
                "/api/v1/policies/" + queue,
                Map.of(
                        "minWorkers", 0,
                        "maxWorkers", 3,
                        "scaleDownStabilizationSeconds", 0,
                        "targetDrainSeconds", 10));

        await("the idle queue at zero processes")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.target(queue) == 0 && stack.workers().isEmpty());
        String idleReason = stack.queue(queue).path("reason").asText();

        long published = System.currentTimeMillis();
        LoadGenerator.Result load = Stack.publish("zero" + id, 7, Map.of(queue, MESSAGES));
        assertTrue(load.complete(), load.summary());

        await("a worker for the batch")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stack.live(queue) >= 1);
        long firstWorker = System.currentTimeMillis() - published;
        await("the batch processed")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stack.depth(queue) == 0);
        long drained = System.currentTimeMillis() - published;
        await("back to zero processes")
                .atMost(WITHIN)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stack.target(queue) == 0 && stack.workers().isEmpty());
        long backToZero = System.currentTimeMillis() - published;

        System.out.printf(
                "scale-to-zero e2e: %d messages; first worker live %d ms after publishing, drained"
                        + " %d ms, no process again %d ms; idle reason: %s%n",
                MESSAGES, firstWorker, drained, backToZero, idleReason);
        assertTrue(idleReason.contains("min 0"), idleReason);
        try (var connection = OneMachineE2ETest.rabbit();
                var channel = connection.createChannel()) {
            // confirmed by the broker, gone from the queue, none dead-lettered: every one processed
            assertEquals(0, channel.queueDeclarePassive(queue).getMessageCount(), "ready left");
            assertEquals(
                    0,
                    channel.queueDeclarePassive(Topology.deadLetterQueue(queue)).getMessageCount(),
                    "dead letters");
        }
    }
}
