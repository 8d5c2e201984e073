package io.vazao.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.rabbitmq.client.Channel;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.functions.broker.TopologyDeclarer;
import io.vazao.functions.config.WorkerIdentity;
import io.vazao.functions.consume.DirectConsumer;
import io.vazao.functions.consume.DuplicateGuard;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.testsupport.ManagementQueue;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One worker, in this JVM, against the real RabbitMQ and Redis. */
@QuarkusTest
@TestProfile(ConsumerProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsumerTest {

    static final String QUEUE = ConsumerProfile.QUEUE;
    static final RedisKeys KEYS = new RedisKeys(ConsumerProfile.PREFIX);
    static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject WorkerMetrics metrics;

    @Inject TopologyDeclarer topology;

    @Inject WorkerIdentity identity;

    @Inject DuplicateGuard duplicates;

    @Inject DirectConsumer consumer;

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(ConsumerProfile.PREFIX);
        }
    }

    @Test
    @Order(1)
    void tenThousandOrdersAreEachProcessedOnce() {
        String run = Names.random();
        int n = 10_000;
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.publish(QUEUE, Payloads.orders("ORD-" + run, n));

            String audit = KEYS.auditProcessed(QUEUE);
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    redis.scard(audit) == n
                                            && rabbit.ready(QUEUE) == 0
                                            && metrics.inFlight() == 0);
            assertThat(redis.members(audit)).allMatch(id -> id.startsWith("ORD-" + run + "-"));
            assertThat(metrics.processedCount()).isEqualTo(n);
            assertThat(metrics.failedCount()).isZero();
            assertThat(rabbit.ready(Topology.deadLetterQueue(QUEUE))).isZero();

            // The heartbeat reports the same cumulative count once it has beaten again.
            String worker = KEYS.worker(identity.workerId());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "10000".equals(redis.hash(worker).get(Heartbeat.F_PROCESSED)));
            Heartbeat hb = Heartbeat.fromHash(redis.hash(worker));
            assertThat(hb.processed()).isEqualTo(n);
            assertThat(hb.queue()).isEqualTo(QUEUE);
            assertThat(redis.zscore(KEYS.workers(QUEUE), identity.workerId())).isNotNull();
        }
    }

    @Test
    @Order(2)
    void poisonGoesToTheDeadLetterQueueWithAReasonWhileGoodMessagesAreProcessed() {
        String run = Names.random();
        long processedBefore = metrics.processedCount();
        String hugeNotes = "x".repeat(2 * 1024 * 1024);
        List<String> bodies =
                List.of(
                        Payloads.order("GOOD-" + run + "-1"),
                        "this is not JSON {",
                        Payloads.order("GOOD-" + run + "-2"),
                        "{\"hello\": \"world\"}",
                        Payloads.order("GOOD-" + run + "-3"),
                        Payloads.order("HUGE-" + run)
                                .replace("\"Fragile\"", "\"" + hugeNotes + "\""),
                        Payloads.order("GOOD-" + run + "-4"),
                        Payloads.payment("PAY-" + run),
                        Payloads.order("GOOD-" + run + "-5"),
                        "{\"id\": \"ORD-"
                                + run
                                + "\", \"type\": \"order\", \"data\": {\"customer\": {\"id\": \"C\"},"
                                + " \"product\": {\"name\": \"Mouse\", \"quantity\": \"two\", \"unit_price\": 20, \"total\": 40}}}",
                        Payloads.order("GOOD-" + run + "-6"));
        try (Rabbit rabbit = new Rabbit()) {
            rabbit.publishStrings(QUEUE, bodies);

            List<Rabbit.Delivered> dead = new ArrayList<>();
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                dead.addAll(rabbit.drain(Topology.deadLetterQueue(QUEUE)));
                                return dead.size() >= 5
                                        && metrics.processedCount() - processedBefore >= 6;
                            });
            assertThat(metrics.processedCount() - processedBefore).isEqualTo(6);
            Map<String, String> reasons =
                    dead.stream()
                            .collect(
                                    Collectors.toMap(
                                            d ->
                                                    d.body().length > 100_000
                                                            ? "<2 MB order>"
                                                            : d.text(),
                                            d -> d.header(DeadLetterHeaders.REASON)));
            assertThat(reasons)
                    .containsOnly(
                            Map.entry("this is not JSON {", "invalid-json"),
                            Map.entry("{\"hello\": \"world\"}", "wrong-shape"),
                            Map.entry("<2 MB order>", "oversized"),
                            Map.entry(Payloads.payment("PAY-" + run), "wrong-type"),
                            Map.entry(bodies.get(9), "wrong-shape"));
            assertThat(dead)
                    .allSatisfy(
                            d -> {
                                assertThat(d.header(DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
                                assertThat(d.header(DeadLetterHeaders.QUEUE)).isEqualTo(QUEUE);
                                assertThat(d.header(DeadLetterHeaders.DETAIL)).isNotBlank();
                            });
            assertThat(rabbit.ready(QUEUE)).isZero();
        }
    }

    @Test
    @Order(8)
    void withTheDuplicateGuardOnAnIdProcessedWithinTheWindowIsAckedUnrun() {
        String id = "DUP-" + Names.random();
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            redis.set(
                    KEYS.policy(QUEUE),
                    Json.write(Policy.builder(1).duplicateWindowSeconds(60).build()));
            await().atMost(PATIENCE).until(duplicates::enabled);
            long processedBefore = metrics.processedCount();
            long duplicatesBefore = metrics.duplicateCount();

            rabbit.publishStrings(QUEUE, List.of(Payloads.order(id)));
            await().atMost(PATIENCE).until(() -> metrics.processedCount() > processedBefore);
            rabbit.publishStrings(QUEUE, List.of(Payloads.order(id)));
            await().atMost(PATIENCE).until(() -> metrics.duplicateCount() > duplicatesBefore);

            assertThat(metrics.processedCount() - processedBefore).isEqualTo(1);
            assertThat(redis.pttl(KEYS.processedId(QUEUE, id))).isBetween(1L, 60_000L);
            assertThat(rabbit.ready(QUEUE)).isZero();
        } finally {
            try (RedisProbe redis = new RedisProbe()) {
                redis.set(KEYS.policy(QUEUE), Json.write(Policy.builder(1).build()));
            }
            await().atMost(PATIENCE).until(() -> !duplicates.enabled());
        }
    }

    @Test
    @Order(7)
    void aSeventyMebibyteMessageIsDeadLetteredAndTheOrdersBehindItFlow() {
        String run = Names.random();
        long processedBefore = metrics.processedCount();
        long failedBefore = metrics.failedCount();
        byte[] huge = new byte[70 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'x');
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(huge);
        for (int i = 0; i < 100; i++) {
            bodies.add(Payloads.order("BEHIND-" + run + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        try (Rabbit rabbit = new Rabbit()) {
            rabbit.publish(QUEUE, bodies);
            List<Rabbit.Delivered> dead = new ArrayList<>();
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                dead.addAll(rabbit.drain(Topology.deadLetterQueue(QUEUE)));
                                // settled too: its dead-letter publish confirmed, the
                                // delivery acked, before the next test deletes the queue
                                return !dead.isEmpty()
                                        && metrics.processedCount() - processedBefore >= 100
                                        && metrics.failedCount() > failedBefore;
                            });
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).body()).hasSize(huge.length);
            assertThat(dead.get(0).header(DeadLetterHeaders.REASON)).isEqualTo("oversized");
            assertThat(metrics.processedCount() - processedBefore).isEqualTo(100);
            assertThat(rabbit.ready(QUEUE)).isZero();
        }
    }

    @Test
    @Order(6)
    void aDeletedDeadLetterQueueIsDeclaredAgainAndThePoisonStillEndsThere() {
        try (Rabbit rabbit = new Rabbit()) {
            rabbit.deleteQueues(Topology.deadLetterQueue(QUEUE));
            String poison = "not JSON either {" + Names.random();
            rabbit.publishStrings(QUEUE, List.of(poison));

            List<Rabbit.Delivered> dead =
                    rabbit.drainAtLeast(1, Topology.deadLetterQueue(QUEUE), PATIENCE);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).text()).isEqualTo(poison);
            assertThat(dead.get(0).header(DeadLetterHeaders.REASON)).isEqualTo("invalid-json");
            assertThat(rabbit.ready(QUEUE)).isZero();
        }
    }

    @Test
    @Order(3)
    void topologyIsDurableAndDeclaringItAgainIsHarmless() throws Exception {
        try (Rabbit rabbit = new Rabbit();
                Channel ch = rabbit.connection().createChannel()) {
            topology.declare(ch);
            topology.declare(ch);
            // Passive declares fail (closing the channel) if anything is missing.
            ch.exchangeDeclarePassive(Topology.EXCHANGE);
            ch.exchangeDeclarePassive(Topology.DEAD_LETTER_EXCHANGE);
            ch.queueDeclarePassive(QUEUE);
            ch.queueDeclarePassive(Topology.deadLetterQueue(QUEUE));
            // Same name, durable, no arguments: what any other part may declare too.
            ch.queueDeclare(QUEUE, true, false, false, null);
            ch.exchangeDeclare(Topology.EXCHANGE, "direct", true);
            assertThat(ch.isOpen()).isTrue();
        }
    }

    @Test
    @Order(4)
    void functionsAreCallableOverHttpWithTheTokenOnly() {
        given().contentType("application/json")
                .body(Payloads.order("HTTP-0"))
                .post("/processOrder")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .header("Authorization", "Bearer wrong-" + ConsumerProfile.HTTP_TOKEN)
                .body(Payloads.order("HTTP-0"))
                .post("/processOrder")
                .then()
                .statusCode(401);
        given().contentType("application/json")
                .header("Authorization", "Bearer " + ConsumerProfile.HTTP_TOKEN)
                .body(Payloads.order("HTTP-1"))
                .post("/processOrder")
                .then()
                .statusCode(200)
                .body("id", equalTo("HTTP-1"))
                .body("type", equalTo("order"));
        given().contentType("application/json")
                .header("Authorization", "Bearer " + ConsumerProfile.HTTP_TOKEN)
                .body(Payloads.payment("HTTP-2"))
                .post("/processPayment")
                .then()
                .statusCode(200)
                .body("id", equalTo("HTTP-2"));
    }

    @Test
    @Order(5)
    void metricsAndHealthAreExposed() {
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("vazao_messages_processed_total{queue=\"" + QUEUE + "\"}"))
                .body(containsString("vazao_messages_failed_total{queue=\"" + QUEUE + "\"}"))
                .body(containsString("vazao_processing_seconds_bucket{queue=\"" + QUEUE + "\""))
                .body(containsString("vazao_in_flight{queue=\"" + QUEUE + "\"}"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("rabbitmq")));
        assertThat(
                        new String(
                                Payloads.order("x").getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.UTF_8))
                .contains("\"type\": \"order\"");
    }

    @Test
    @Order(10)
    void aQueueDeletedAndDeclaredAgainIsConsumedAgainAndReadinessSaysSoMeanwhile() {
        String run = Names.random();
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            await().atMost(PATIENCE).until(() -> rabbit.consumers(QUEUE) == 1);
            rabbit.deleteQueues(QUEUE);
            rabbit.declareQueue(QUEUE, QUEUE);
            // The broker cancelled the subscription with the queue; the worker declares and
            // subscribes again.
            await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.consumers(QUEUE) == 1);
            given().get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(containsString("\"consuming\": true"));
            long processedBefore = metrics.processedCount();
            rabbit.publish(QUEUE, Payloads.orders("RESUB-" + run, 100));
            await().atMost(PATIENCE)
                    .untilAsserted(
                            () ->
                                    assertThat(audited(redis, "RESUB-" + run))
                                            .as(() -> whereTheyAre(rabbit, processedBefore))
                                            .isEqualTo(100));
        }
    }

    private static long audited(RedisProbe redis, String idPrefix) {
        return redis.members(KEYS.auditProcessed(QUEUE)).stream()
                .filter(id -> id.startsWith(idPrefix))
                .count();
    }

    /** On a timeout: still ready, taken and unacked, or processed and not audited. */
    private String whereTheyAre(Rabbit rabbit, long processedBefore) {
        return ("audited ids (ready=%d unacked=%d consumers=%d inFlight=%d processed=%d"
                        + " consuming=%s)")
                .formatted(
                        rabbit.ready(QUEUE),
                        unacked(),
                        rabbit.consumers(QUEUE),
                        metrics.inFlight(),
                        metrics.processedCount() - processedBefore,
                        consumer.consuming());
    }

    private static long unacked() {
        try {
            return ManagementQueue.count(QUEUE, "/messages_unacknowledged");
        } catch (Exception e) {
            return -1;
        }
    }
}
