package io.vazao.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.CeleryProtocol;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Heartbeat;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.functions.config.WorkerIdentity;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.support.CeleryClient;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.work.SimulatedWork;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The migration path: Debian's python3-celery, as the replaced system's producers, against one Java
 * worker on the real RabbitMQ and Redis. Tasks go in through Celery's own client and results come
 * back through Celery's own AsyncResult.
 */
@QuarkusTest
@TestProfile(CeleryProfile.class)
class CeleryMigrationTest {

    static final String QUEUE = CeleryProfile.QUEUE;
    static final String RUN = Names.random();
    static final RedisKeys KEYS = new RedisKeys(CeleryProfile.PREFIX);
    static final Duration PATIENCE = Duration.ofSeconds(300);

    @Inject WorkerMetrics metrics;

    @Inject SimulatedWork work;

    @Inject WorkerIdentity identity;

    final CeleryClient celery = new CeleryClient(QUEUE, RUN);

    @BeforeAll
    static void pythonCeleryIsInstalled() {
        CeleryClient.requireInstalled();
    }

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(CeleryProfile.PREFIX);
            redis.deletePrefix(CeleryProtocol.RESULT_KEY_PREFIX + RUN + "-");
        }
    }

    @Test
    void celeryClientsGetTheJavaFunctionsResultsAndAFailureAfterTheRetries() {
        JsonNode out = celery.run(Duration.ofSeconds(180), "roundtrip");

        assertThat(out.at("/order/status").asText()).isEqualTo("SUCCESS");
        assertThat(out.at("/order/value/id").asText()).isEqualTo("ORD-" + RUN + "-rt");
        assertThat(out.at("/order/value/type").asText()).isEqualTo("order");
        assertThat(out.at("/order/value/amount").asDouble()).isEqualTo(2500.0);
        assertThat(out.at("/payment/status").asText()).isEqualTo("SUCCESS");
        assertThat(out.at("/payment/value/id").asText()).isEqualTo("PAY-" + RUN + "-rt");
        assertThat(out.at("/payment/value/type").asText()).isEqualTo("payment");
        assertThat(out.at("/payment/value/amount").asDouble()).isEqualTo(99.5);

        // The Java function threw on every attempt: FAILURE in Python, only once the retries were
        // spent.
        assertThat(out.at("/broken/status").asText()).isEqualTo("FAILURE");
        assertThat(out.at("/broken/exc_type").asText()).isEqualTo("IllegalStateException");
        assertThat(out.at("/broken/exc_message").asText())
                .contains("scripted permanent failure of BROKEN-" + RUN);
        assertThat(((ScriptedWork) work).attemptsOf("BROKEN-" + RUN)).hasSize(3);

        // countdown=2 (sent as an eta; held 1 s, put back in the queue, then waited for) with the
        // payload
        // as a keyword argument: run, not before its time.
        assertThat(out.at("/countdown/status").asText()).isEqualTo("SUCCESS");
        assertThat(out.at("/countdown/value/id").asText()).isEqualTo("ORD-" + RUN + "-later");
        assertThat(out.at("/countdown/waited").asDouble()).isGreaterThanOrEqualTo(1.9);

        try (Rabbit rabbit = new Rabbit()) {
            List<Rabbit.Delivered> dead = rabbit.drain(Topology.deadLetterQueue(QUEUE));
            assertThat(dead)
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.header(DeadLetterHeaders.REASON)).isEqualTo("failed");
                                assertThat(d.header(DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
                                assertThat(d.header(CeleryProtocol.H_ID))
                                        .isEqualTo(RUN + "-broken");
                            });
        }
    }

    @Test
    void aMixedQueueOfPlainJsonAndCeleryTasksIsProcessedOnceEach() {
        int n = 10_000;
        long processedBefore = metrics.processedCount();
        long celeryBefore = metrics.celeryProcessedCount();
        JsonNode out = celery.run(Duration.ofSeconds(300), "mixed", Integer.toString(n));
        assertThat(out.get("sent").asInt()).isEqualTo(2 * n);

        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            String audit = KEYS.auditProcessed(QUEUE);
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () ->
                                    metrics.processedCount() - processedBefore >= 2L * n
                                            && rabbit.ready(QUEUE) == 0
                                            && metrics.inFlight() == 0);
            // Every id once: 2n distinct ids in the audit, and exactly 2n calls that succeeded.
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < n; i++) {
                expected.add("CEL-" + RUN + "-" + i);
                expected.add("PLN-" + RUN + "-" + i);
            }
            Set<String> seen = new HashSet<>(redis.members(audit));
            seen.removeIf(id -> !id.startsWith("CEL-" + RUN) && !id.startsWith("PLN-" + RUN));
            assertThat(seen).isEqualTo(expected);
            assertThat(metrics.processedCount() - processedBefore).isEqualTo(2L * n);
            assertThat(metrics.celeryProcessedCount() - celeryBefore).isEqualTo(n);
            assertThat(rabbit.ready(Topology.deadLetterQueue(QUEUE))).isZero();
            // Every Celery task asked for its result: n records, none for the plain messages.
            assertThat(redis.countMatching(CeleryProtocol.RESULT_KEY_PREFIX + RUN + "-c-*"))
                    .isEqualTo(n);
            // The heartbeat tells the two kinds apart.
            String worker = KEYS.worker(identity.workerId());
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    Heartbeat.fromHash(redis.hash(worker)).processed()
                                            == metrics.processedCount());
            Heartbeat hb = Heartbeat.fromHash(redis.hash(worker));
            assertThat(hb.celery()).isEqualTo(metrics.celeryProcessedCount());
            assertThat(hb.plain()).isEqualTo(hb.processed() - hb.celery());
        }
    }

    @Test
    void pickleProtocolOneUnknownAndExpiredTasksEndInTheDeadLetterQueueWithTheirReason() {
        JsonNode out = celery.run(Duration.ofSeconds(180), "poison");
        // As Celery does: an expired task is revoked, and get() raises TaskRevokedError.
        assertThat(out.at("/expired/status").asText()).isEqualTo("REVOKED");
        assertThat(out.at("/expired/exc_type").asText()).isEqualTo("TaskRevokedError");

        try (Rabbit rabbit = new Rabbit()) {
            List<Rabbit.Delivered> dead = new ArrayList<>();
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                dead.addAll(rabbit.drain(Topology.deadLetterQueue(QUEUE)));
                                return dead.size() >= 4;
                            });
            Map<String, String> reasons = new HashMap<>();
            for (Rabbit.Delivered d : dead) {
                // Protocol 1 carries the task id in its (JSON) body, protocol 2 in its headers.
                String id =
                        d.header(CeleryProtocol.H_ID) != null
                                ? d.header(CeleryProtocol.H_ID)
                                : d.text()
                                        .replaceAll(
                                                "(?s).*\"id\": \"(" + RUN + "-[a-z0-9]+)\".*",
                                                "$1");
                reasons.put(id, d.header(DeadLetterHeaders.REASON));
                assertThat(d.header("x-vazao-detail")).isNotBlank();
                assertThat(d.header(DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
            }
            assertThat(reasons)
                    .containsOnly(
                            Map.entry(RUN + "-pickle", "unsupported-content-type"),
                            Map.entry(RUN + "-proto1", "celery-protocol-1"),
                            Map.entry(RUN + "-unknown", "unknown-task"),
                            Map.entry(RUN + "-expired", "expired"));
            assertThat(rabbit.ready(QUEUE)).isZero();
        }
    }
}
