package io.vazao.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.RedisProbe;
import io.vazao.functions.work.SimulatedWork;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RetryProfile.class)
class RetryTest {

    static final String QUEUE = RetryProfile.QUEUE;

    @Inject SimulatedWork work;

    @Inject WorkerMetrics metrics;

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(RetryProfile.PREFIX);
        }
    }

    @Test
    void httpFunctionsAreOffByDefaultWhileMetricsAndHealthAreServed() {
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(Payloads.order("HTTP-OFF"))
                .post("/processOrder")
                .then()
                .statusCode(404);
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .header("Authorization", "Bearer anything-at-all-anything-at-all-anything")
                .body(Payloads.payment("HTTP-OFF"))
                .post("/processPayment")
                .then()
                .statusCode(404);
        io.restassured.RestAssured.given().get("/q/health/live").then().statusCode(200);
        io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void aFunctionFailingTwiceIsRetriedAndAckedOnceAndOneAlwaysFailingEndsInTheDeadLetterQueue() {
        ScriptedWork script = (ScriptedWork) work;
        String run = Names.random();
        String flaky = "FLAKY-" + run;
        String broken = "BROKEN-" + run;
        String fine = "FINE-" + run;
        long processedBefore = metrics.processedCount();
        try (Rabbit rabbit = new Rabbit()) {
            rabbit.publishStrings(
                    QUEUE,
                    List.of(Payloads.order(flaky), Payloads.order(broken), Payloads.order(fine)));

            List<Rabbit.Delivered> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                dead.addAll(rabbit.drain(Topology.deadLetterQueue(QUEUE)));
                                return !dead.isEmpty()
                                        && metrics.processedCount() - processedBefore >= 2
                                        && metrics.inFlight() == 0;
                            });

            // flaky: two failures, then success: one ack, no redelivery (the function ran exactly 3
            // times)
            assertThat(script.attemptsOf(flaky)).hasSize(3);
            List<Long> t = script.attemptsOf(flaky);
            assertThat(TimeUnit.NANOSECONDS.toMillis(t.get(1) - t.get(0)))
                    .isGreaterThanOrEqualTo(95);
            assertThat(TimeUnit.NANOSECONDS.toMillis(t.get(2) - t.get(1)))
                    .isGreaterThanOrEqualTo(195);
            assertThat(script.attemptsOf(fine)).hasSize(1);
            // The function knows which message it runs for, which attempt, and that the broker
            // did not deliver it before (at-least-once: a redelivery says so).
            assertThat(script.contextsOf(flaky))
                    .extracting(MessageContext::messageId, MessageContext::attempt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(flaky, 1),
                            org.assertj.core.groups.Tuple.tuple(flaky, 2),
                            org.assertj.core.groups.Tuple.tuple(flaky, 3));
            assertThat(script.contextsOf(flaky)).noneMatch(MessageContext::redelivered);
            assertThat(metrics.processedCount() - processedBefore).isEqualTo(2);

            // broken: 3 attempts, then dead-lettered with the reason and the attempt count
            assertThat(script.attemptsOf(broken)).hasSize(3);
            assertThat(dead).hasSize(1);
            Rabbit.Delivered d = dead.get(0);
            assertThat(d.text()).contains(broken);
            assertThat(d.header(DeadLetterHeaders.REASON)).isEqualTo("failed");
            assertThat(d.header(DeadLetterHeaders.ATTEMPTS)).isEqualTo("3");
            assertThat(d.header(DeadLetterHeaders.DETAIL)).contains("scripted permanent failure");

            // nothing left behind, nothing redelivered afterwards
            assertThat(rabbit.ready(QUEUE)).isZero();
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(
                            () ->
                                    script.attemptsOf(flaky).size() == 3
                                            && script.attemptsOf(broken).size() == 3);
        }
    }
}
