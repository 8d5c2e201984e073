package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * Issue 19's proof with real processes: 1,000 messages fail (every call of a worker whose
 * downstream is broken), the API lists them by reason; the cause is fixed (a worker that works,
 * with the processed-id audit on) and a replay at 200/s brings every one back: each id processed,
 * the dead-letter queue empty.
 */
@ExtendWith(RunningSystemExtension.class)
class DeadLetterReplayTest {

    static final int N = 1_000;

    @Test
    void thousandFailedMessagesListedByReasonReplayedAt200PerSecondAllProcessedOnce(
            RunningSystem system) throws Exception {
        String queue = "t-dash-dlq-" + system.id;
        String dlq = Topology.deadLetterQueue(queue);
        String path = system.baseUrl + "/api/v1/queues/" + queue + "/dead-letters";
        List<String> ids =
                IntStream.range(0, N).mapToObj(i -> "ORD-DLQ-" + system.id + "-" + i).toList();
        system.putPolicy(queue, "{\"weight\": 0.5, \"minWorkers\": 1, \"maxWorkers\": 2}");
        JavaProcess broken =
                system.startWorker(
                        queue,
                        Map.of(
                                "vazao.work.mean-ms",
                                "0",
                                "vazao.work.failure-rate",
                                "1",
                                "vazao.retry.max-attempts",
                                "1"));
        JavaProcess fixed = null;
        try {
            await("worker consuming")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> consumers(queue) == 1);
            publish(queue, ids);
            await("1,000 dead letters")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get(system, path + "?limit=0").path("depth").asLong() == N);

            JsonNode listed = get(system, path + "?limit=3");
            assertEquals(
                    N,
                    listed.path("byReason").path("failed").asInt(),
                    listed.path("byReason").toString());
            assertEquals(
                    1, listed.path("byReason").size(), "one reason: " + listed.path("byReason"));
            assertTrue(listed.path("complete").asBoolean());
            assertEquals(3, listed.path("messages").size());
            assertTrue(
                    listed.path("messages")
                            .get(0)
                            .path("detail")
                            .asText()
                            .contains("SimulatedFailure"),
                    listed.path("messages").get(0).toString());

            broken.close();
            fixed =
                    system.startWorker(
                            queue,
                            Map.of("vazao.work.mean-ms", "0", "vazao.audit.enabled", "true"));
            JavaProcess worker = fixed;
            await("fixed worker consuming")
                    .atMost(Duration.ofSeconds(120))
                    .until(() -> consumers(queue) == 1 && worker.alive());

            Http.Reply started =
                    Http.send(
                            "POST",
                            path + "/replay",
                            "{\"ratePerSecond\": 200}",
                            "Authorization",
                            system.bearer(),
                            "Content-Type",
                            "application/json");
            assertEquals(202, started.status(), started.body());
            String job = path + "/replay/" + started.json().path("id").asText();
            await("replay done")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> !"running".equals(get(system, job).path("state").asText()));
            JsonNode summary = get(system, job);
            double seconds =
                    (summary.path("finishedAt").asLong() - summary.path("startedAt").asLong())
                            / 1000.0;
            System.out.printf(
                    "replayed %d dead letters in %.2f s: %.1f/s (asked 200/s)%n",
                    summary.path("moved").asLong(),
                    seconds,
                    summary.path("moved").asLong() / seconds);
            assertEquals("done", summary.path("state").asText(), summary.toString());
            assertEquals(N, summary.path("moved").asLong());
            // 200/s is a ceiling: never faster; slower only by the confirm round trips of a loaded
            // machine.
            assertTrue(
                    seconds >= 4.9 && seconds < 15.0,
                    "1,000 at 200/s takes 5 s or a little more: " + seconds);

            String audit = new RedisKeys(system.prefix).auditProcessed(queue);
            try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
                await("every id processed")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> redis.scard(audit) == N);
                assertEquals(Set.copyOf(ids), redis.smembers(audit));
            }
            assertEquals(
                    0,
                    get(system, path + "?limit=0").path("depth").asLong(),
                    "dead-letter queue empty");
        } finally {
            broken.close();
            if (fixed != null) {
                fixed.close();
            }
            delete(queue, dlq);
        }
    }

    private static JsonNode get(RunningSystem system, String url) {
        Http.Reply r = Http.get(url, "Authorization", system.bearer());
        if (r.status() != 200) {
            throw new IllegalStateException(url + ": HTTP " + r.status() + " " + r.body());
        }
        return r.json();
    }

    private static int consumers(String queue) throws Exception {
        try (Connection c = RunningSystem.rabbit().newConnection("dlq-e2e");
                Channel ch = c.createChannel()) {
            return ch.queueDeclarePassive(queue).getConsumerCount();
        } catch (java.io.IOException e) {
            return 0; // not declared yet
        }
    }

    private static void publish(String queue, List<String> ids) throws Exception {
        try (Connection c = RunningSystem.rabbit().newConnection("dlq-e2e-publisher");
                Channel ch = c.createChannel()) {
            ch.confirmSelect();
            AMQP.BasicProperties props =
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .deliveryMode(2)
                            .build();
            for (String id : ids) {
                String body =
                        """
                        {"id":"%s","type":"order","timestamp":"2026-11-29T12:00:00Z","data":{"customer":{"id":"C1",\
                        "name":"Customer","email":"c@example.com","address":{"street":"1 Main St","city":"Chicago",\
                        "state":"IL","zip":"60601"}},"product":{"name":"Laptop","quantity":1,"unit_price":900.0,\
                        "total":900.0},"status":"pending","shipping_method":"express","notes":""}}"""
                                .formatted(id);
                ch.basicPublish(
                        Topology.EXCHANGE,
                        queue,
                        true,
                        props,
                        body.getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    private static void delete(String... queues) {
        try (Connection c = RunningSystem.rabbit().newConnection("dlq-e2e-cleanup")) {
            for (String q : queues) {
                try (Channel ch = c.createChannel()) {
                    ch.queueDelete(q);
                } catch (java.io.IOException | RuntimeException e) {
                    // already gone
                }
            }
        } catch (Exception e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
