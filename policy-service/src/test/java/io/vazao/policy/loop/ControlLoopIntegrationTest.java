package io.vazao.policy.loop;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.loop.LoopTestProfile.PREFIX;
import static io.vazao.policy.loop.LoopTestProfile.QUEUE;
import static io.vazao.policy.loop.LoopTestProfile.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.EventKind;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Target;
import io.vazao.contract.WorkerState;
import io.vazao.policy.support.RedisDump;
import io.vazao.testsupport.ManagementQueue;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The running service against the real RabbitMQ and Redis: a burst on a queue without consumers
 * raises its target within two ticks with an event that gives the reason; when the management API
 * and then AMQP become unreachable the figures come from the fallback and then the targets hold.
 */
@QuarkusTest
@TestProfile(LoopTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ControlLoopIntegrationTest {

    static final int MESSAGES = 5_000;

    @Inject RedisDataSource redis;
    @Inject ControlLoop loop;

    final RedisKeys keys = new RedisKeys(PREFIX);
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void burstRaisesTargetThenTargetsHoldWhenBrokerIsUnreachable() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection("vazao-loop-test");
                Channel channel = connection.createChannel()) {
            channel.queueDeclare(QUEUE, false, false, false, null);
            try {
                // Idle queue: the target sits at the policy's minimum.
                await().atMost(Duration.ofSeconds(60)).until(() -> target().orElse(-1) == 1);
                // Every tick's write counts, unchanged targets included: readers tell a loop that
                // writes the same targets from one that stopped.
                long tick = Long.parseLong(redis.value(String.class).get(keys.targetsTick()));
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () ->
                                        Long.parseLong(
                                                        redis.value(String.class)
                                                                .get(keys.targetsTick()))
                                                >= tick + 2);
                assertEquals(1, target().orElse(-1));

                // A worker heartbeats like a function would (the loop drops it once it stops): it
                // counts as live.
                String workerId = "t-worker-" + LoopTestProfile.RUN;
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> {
                                    heartbeat(workerId);
                                    return detail().inputs().liveWorkers() == 1;
                                });
                heartbeat(workerId);
                given().header("Authorization", "Bearer " + TOKEN)
                        .get("/api/v1/workers")
                        .then()
                        .statusCode(200)
                        .body(containsString(workerId))
                        .body(containsString("\"stale\":false"));
                redis.key().del(keys.worker(workerId));
                redis.sortedSet(String.class).zrem(keys.workers(QUEUE), workerId);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> detail().inputs().liveWorkers() == 0);

                // Workers of this queue are known to do about 50 messages/s and the backlog should
                // be gone
                // within 10 s: 5,000 messages then need the policy's maximum of 10 workers.
                given().header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/json")
                        .body(
                                "{\"weight\":1,\"minWorkers\":1,\"maxWorkers\":10,\"targetDrainSeconds\":10,"
                                        + "\"expectedRatePerWorker\":50}")
                        .put("/api/v1/policies/" + QUEUE)
                        .then()
                        .statusCode(200);

                channel.confirmSelect();
                byte[] body = "{\"type\":\"order\"}".getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < MESSAGES; i++) {
                    channel.basicPublish("", QUEUE, null, body);
                }
                channel.waitForConfirmsOrDie(60_000);

                // The broker's statistics lag (collect_statistics_interval); count ticks from when
                // the
                // management API shows the burst.
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> managementReady() >= MESSAGES);
                long ticksWhenVisible = loop.completedTicks();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> target().orElse(0) > 1);
                long ticksWhenRaised = loop.completedTicks();
                assertTrue(
                        ticksWhenRaised - ticksWhenVisible <= 2,
                        "raised after " + (ticksWhenRaised - ticksWhenVisible) + " ticks");
                int raised = target().orElseThrow();

                ScalingEvent up =
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> scaleUpEvent(), Optional::isPresent)
                                .orElseThrow();
                assertEquals(1, up.from());
                assertEquals(raised, up.to());
                assertTrue(up.depth() >= MESSAGES, "depth " + up.depth());
                assertFalse(up.reason().isBlank());
                Target detail =
                        Json.read(redis.value(String.class).get(keys.target(QUEUE)), Target.class);
                assertEquals("management", detail.inputs().source());
                assertEquals(raised, detail.target());

                given().header("Authorization", "Bearer " + TOKEN)
                        .get("/api/v1/status")
                        .then()
                        .statusCode(200)
                        .body(containsString("\"brokerReachable\":true"));
                given().get("/q/metrics")
                        .then()
                        .statusCode(200)
                        .body(
                                containsString(
                                        "vazao_target_workers{queue=\""
                                                + QUEUE
                                                + "\"} "
                                                + raised
                                                + ".0"))
                        .body(
                                containsString(
                                        "vazao_scaling_events_total{direction=\"up\",queue=\""
                                                + QUEUE
                                                + "\"}"));

                // Management API gone: AMQP passive declare still sees the backlog; the reason says
                // so.
                LoopTestProfile.MANAGEMENT.cut();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "amqp".equals(detail().inputs().source()));
                Target amqp = detail();
                assertTrue(amqp.reason().contains("AMQP"), amqp.reason());
                assertEquals(MESSAGES, amqp.inputs().ready());
                assertEquals(raised, amqp.target());

                // AMQP gone too: nothing is readable, every target holds.
                LoopTestProfile.AMQP.cut();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "held".equals(detail().inputs().source()));
                Map<String, String> before = redis.hash(String.class).hgetall(keys.targets());
                long held = loop.completedTicks();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> loop.completedTicks() >= held + 3);
                assertEquals(before, redis.hash(String.class).hgetall(keys.targets()));
                assertEquals(Integer.toString(raised), before.get(QUEUE));
                assertTrue(detail().reason().contains("unreachable"), detail().reason());
                assertTrue(
                        recentEvents().stream()
                                .anyMatch(
                                        e ->
                                                e.kind() == EventKind.HOLD
                                                        && QUEUE.equals(e.queue())));
                given().header("Authorization", "Bearer " + TOKEN)
                        .get("/api/v1/status")
                        .then()
                        .statusCode(200)
                        .body(containsString("\"brokerReachable\":false"));
                given().get("/q/health/ready")
                        .then()
                        .statusCode(503)
                        .body(containsString("broker"));

                // The broker is back: figures come from the management API again.
                LoopTestProfile.MANAGEMENT.restore();
                LoopTestProfile.AMQP.restore();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "management".equals(detail().inputs().source()));

                // Redis gone: no tick completes, the API still serves the last status, writes get
                // 503.
                LoopTestProfile.REDIS.cut();
                long beforeOutage = loop.completedTicks();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> given().get("/q/health/ready").statusCode() == 503);
                long stalled = loop.completedTicks();
                given().header("Authorization", "Bearer " + TOKEN)
                        .get("/api/v1/status")
                        .then()
                        .statusCode(200)
                        .body(containsString(QUEUE));
                given().header("Authorization", "Bearer " + TOKEN)
                        .contentType("application/json")
                        .body("{\"maxTotalWorkers\": 20}")
                        .put("/api/v1/settings")
                        .then()
                        .statusCode(503)
                        .body(containsString("redis unavailable"));
                assertTrue(
                        loop.completedTicks() <= stalled + 1,
                        "ticks completed while Redis was unreachable");
                LoopTestProfile.REDIS.restore();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> loop.completedTicks() >= Math.max(stalled, beforeOutage) + 2);
            } finally {
                channel.queueDelete(QUEUE);
            }
        }
    }

    private void heartbeat(String workerId) {
        long now = System.currentTimeMillis();
        Heartbeat hb =
                new Heartbeat(
                        workerId,
                        QUEUE,
                        "localhost",
                        1,
                        0,
                        now,
                        now,
                        0,
                        0,
                        0,
                        12.5,
                        100_000_000L,
                        WorkerState.RUNNING,
                        "test");
        redis.hash(String.class).hset(keys.worker(workerId), hb.toHash());
        redis.key().pexpire(keys.worker(workerId), 6_000);
        redis.sortedSet(String.class).zadd(keys.workers(QUEUE), now, workerId);
    }

    private Optional<Integer> target() {
        String v = redis.hash(String.class).hget(keys.targets(), QUEUE);
        return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v));
    }

    private Target detail() {
        String json = redis.value(String.class).get(keys.target(QUEUE));
        assertNotNull(json);
        return Json.read(json, Target.class);
    }

    private List<ScalingEvent> recentEvents() {
        return redis.stream(String.class)
                .xrevrange(keys.events(), StreamRange.of("+", "-"), 100)
                .stream()
                .map(m -> ScalingEvent.fromFields(m.payload()))
                .toList();
    }

    private Optional<ScalingEvent> scaleUpEvent() {
        return recentEvents().stream()
                .filter(
                        e ->
                                e.kind() == EventKind.SCALE_UP
                                        && QUEUE.equals(e.queue())
                                        && e.to() > 1)
                .findFirst();
    }

    private long managementReady() throws Exception {
        return ManagementQueue.count(QUEUE, "/messages_ready");
    }

    @AfterAll
    void cleanUp() {
        LoopTestProfile.REDIS.restore();
        loop.stop(); // no tick may write under the prefix after it is cleaned
        RedisDump.deleteAll(redis, PREFIX);
        LoopTestProfile.MANAGEMENT.close();
        LoopTestProfile.AMQP.close();
    }
}
