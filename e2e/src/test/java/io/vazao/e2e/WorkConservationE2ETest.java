package io.vazao.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.load.LoadGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Spare capacity flows at once, with real processes: three queues weighted 0.2/0.3/0.5 burst into a
 * budget of 5 with a 30 s scale-down window. The two heavier ones have little to do and drain
 * first; the light one still has a backlog. Their windows would keep their workers idle for 30 s;
 * instead the light queue's target takes them within two ticks of the others draining (the test's
 * clock only: when it saw them drained, when it saw the light queue's target rise).
 */
class WorkConservationE2ETest {

    static final int BUDGET = 5;
    static final int WINDOW_SECONDS = 30;
    static final long TICK_MS = 1_000;

    @TempDir Path tmp;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final String light = "t-wc-light-" + id;
    final String mid = "t-wc-mid-" + id;
    final String heavy = "t-wc-heavy-" + id;
    final RedisKeys keys = new RedisKeys("wc" + id + ":");
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    Stack stack;

    @AfterEach
    void tearDown() throws Exception {
        List<String> queues = new java.util.ArrayList<>();
        for (String q : List.of(light, mid, heavy)) {
            queues.add(q);
            queues.add(Topology.deadLetterQueue(q));
        }
        Stack.tearDown(stack, queues, redis, keys.prefix());
    }

    @Test
    void workersTheDrainedQueuesWindowsKeepGoToTheStarvedQueueWithinTwoTicks() throws Exception {
        stack =
                new Stack(
                        Stack.repo(),
                        tmp.resolve("state"),
                        keys.prefix(),
                        "wc-" + UUID.randomUUID());
        int up =
                stack.up(
                        tmp.resolve("api-token"),
                        Stack.functions(
                                light, "processOrder", mid, "processOrder", heavy, "processOrder"),
                        java.util.List.of(
                                "VAZAO_BOOTSTRAP_QUEUES="
                                        + light
                                        + ":0.2,"
                                        + mid
                                        + ":0.3,"
                                        + heavy
                                        + ":0.5",
                                "VAZAO_WORK_MEAN_MS=5",
                                "VAZAO_WORK_DISTRIBUTION=fixed"));
        assertEquals(0, up, stack.log());
        ObjectNode settings = (ObjectNode) stack.api("GET", "/api/v1/settings", null);
        settings.put("maxTotalWorkers", BUDGET).put("tickMillis", TICK_MS);
        stack.api("PUT", "/api/v1/settings", settings);
        for (String q : List.of(light, mid, heavy)) {
            stack.api(
                    "PATCH",
                    "/api/v1/policies/" + q,
                    Map.of(
                            "minWorkers",
                            1,
                            "maxWorkers",
                            BUDGET,
                            "scaleDownStabilizationSeconds",
                            WINDOW_SECONDS,
                            "targetDrainSeconds",
                            10));
        }
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () ->
                                stack.live(light) == 1
                                        && stack.live(mid) == 1
                                        && stack.live(heavy) == 1);

        // The light queue gets thirty times as much as the others: it is still busy when they are
        // done, even when the others' demand falls early (a batch is drained as backlog, so the
        // heavier queues' windows start lending their workers to it before they are empty).
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(light, 60_000L);
        counts.put(mid, 2_000L);
        counts.put(heavy, 2_000L);
        LoadGenerator.Result published = Stack.publish("wc" + id, 11, counts);
        assertTrue(published.complete(), published.summary());

        // Both heavier queues drained while the light one still has a backlog.
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> stack.depth(mid) == 0 && stack.depth(heavy) == 0);
        long drainedSeen = System.currentTimeMillis();
        long lightDepth = stack.depth(light);
        int lightBefore = stack.target(light);
        assertTrue(
                lightDepth > 2_000,
                "the light queue drained too soon to show anything: " + lightDepth);

        // Within two ticks the light queue's target takes every worker the others no longer need.
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stack.target(light) >= BUDGET - 2);
        long tookThem = System.currentTimeMillis() - drainedSeen;
        JsonNode lightNow = stack.queue(light);
        System.out.printf(
                "work-conservation e2e: light's target %d -> %d %d ms after the others drained (light depth %d): %s%n",
                lightBefore,
                lightNow.path("target").asInt(),
                tookThem,
                lightDepth,
                lightNow.path("reason").asText());
        assertTrue(
                tookThem <= 2 * TICK_MS + 500,
                "the freed workers reached the starved queue "
                        + tookThem
                        + " ms after "
                        + "the others drained (two ticks: "
                        + 2 * TICK_MS
                        + " ms)");
        assertTrue(stack.target(mid) + stack.target(heavy) + stack.target(light) <= BUDGET);
    }
}
