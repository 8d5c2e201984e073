package io.vazao.functions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import io.vazao.functions.support.Names;
import io.vazao.functions.support.Payloads;
import io.vazao.functions.support.Rabbit;
import io.vazao.functions.support.Rabbitmqctl;
import io.vazao.functions.support.RedisProbe;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ restarted under a consuming worker. The one test that stops the shared broker: it always
 * starts it again, in a finally.
 */
@QuarkusTest
@TestProfile(RestartProfile.class)
class BrokerRestartTest {

    static final String QUEUE = RestartProfile.QUEUE;
    static final RedisKeys KEYS = new RedisKeys(RestartProfile.PREFIX);

    @AfterAll
    static void cleanUp() {
        try (Rabbit rabbit = new Rabbit();
                RedisProbe redis = new RedisProbe()) {
            rabbit.deleteQueues(QUEUE, Topology.deadLetterQueue(QUEUE));
            redis.deletePrefix(RestartProfile.PREFIX);
        }
    }

    @Test
    void readinessFollowsTheBrokerAndTheWorkerResumesByItselfAndProcessesEveryMessage()
            throws Exception {
        int n = 10_000;
        String run = Names.random();
        String audit = KEYS.auditProcessed(QUEUE);
        try (RedisProbe redis = new RedisProbe()) {
            // A rate limit keeps the backlog draining for ~50 s, long enough to restart the broker
            // under
            // it (rabbitmqctl alone takes seconds); it is lifted once the broker is back.
            redis.set(KEYS.policy(QUEUE), Json.write(Policy.defaults(1).withRateLimit(200.0)));
            try (Rabbit rabbit = new Rabbit()) {
                rabbit.publish(QUEUE, Payloads.orders("ORD-" + run, n));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> redis.scard(audit) >= 300);
            given().get("/q/health/ready").then().statusCode(200);

            try {
                Rabbitmqctl.run("stop_app");
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> given().get("/q/health/ready").statusCode() == 503);
                // liveness does not depend on the broker
                given().get("/q/health/live").then().statusCode(200);
            } finally {
                Rabbitmqctl.run("start_app");
            }
            long leftAfterRestart = n - redis.scard(audit);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
            redis.set(KEYS.policy(QUEUE), Json.write(Policy.defaults(1)));

            await().atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> redis.scard(audit) == n);
            assertThat(leftAfterRestart)
                    .as("the backlog was not drained before the restart")
                    .isPositive();
            try (Rabbit rabbit = new Rabbit()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> rabbit.ready(QUEUE) == 0);
                assertThat(rabbit.ready(Topology.deadLetterQueue(QUEUE))).isZero();
            }
        }
    }
}
