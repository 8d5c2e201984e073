package io.vazao.policy.api;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.api.ApiTestProfile.RUN;
import static io.vazao.policy.api.ApiTestProfile.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vazao.contract.Topology;
import io.vazao.policy.support.RabbitQueues;
import io.vazao.testsupport.ManagementQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code queueType} against the real broker: a quorum policy declares its missing queue with the
 * broker's delivery limit and dead-lettering, which then dead-letters a message no consumer can
 * take in; a queue of another type refuses the policy with nothing stored.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class QueueTypeApiTest {

    static final String QUORUM = "t-qtype-" + RUN + "-q";
    static final String CLASSIC = "t-qtype-" + RUN + "-c";

    static RequestSpecification json(String body) {
        return given().header("Authorization", "Bearer " + TOKEN)
                .contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void cleanUp() {
        try (RabbitQueues rabbit = new RabbitQueues()) {
            rabbit.delete(
                    QUORUM,
                    Topology.deadLetterQueue(QUORUM),
                    CLASSIC,
                    Topology.deadLetterQueue(CLASSIC));
        }
        given().header("Authorization", "Bearer " + TOKEN).delete("/api/v1/policies/" + QUORUM);
        given().header("Authorization", "Bearer " + TOKEN).delete("/api/v1/policies/" + CLASSIC);
    }

    @Test
    void aQuorumPolicyDeclaresItsQueueAndTheBrokerDeadLettersWhatNoConsumerCanTakeIn()
            throws Exception {
        json("{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":2,\"queueType\":\"quorum\",\"deliveryLimit\":2}")
                .put("/api/v1/policies/" + QUORUM)
                .then()
                .statusCode(201)
                .body("queueType", equalTo("quorum"));
        JsonNode queue = ManagementQueue.read(QUORUM);
        assertNotNull(queue, "declared before the policy was stored");
        assertEquals("quorum", queue.path("type").asText());
        assertEquals(2, queue.at("/arguments/x-delivery-limit").asInt());
        assertNotNull(ManagementQueue.read(Topology.deadLetterQueue(QUORUM)));

        // Written again: the queue is there with the same type, nothing to do.
        json("{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":3,\"queueType\":\"quorum\",\"deliveryLimit\":2}")
                .put("/api/v1/policies/" + QUORUM)
                .then()
                .statusCode(200);

        int largest = 64 * 1024;
        try (Connection c = RabbitQueues.factory().newConnection();
                Channel ch = c.createChannel()) {
            ch.confirmSelect();
            ch.basicPublish(
                    "",
                    QUORUM,
                    new AMQP.BasicProperties.Builder().messageId("too-big").deliveryMode(2).build(),
                    new byte[largest + 1]);
            ch.waitForConfirmsOrDie(10_000);
        }
        // A consumer whose client refuses the body loses its connection on every delivery, as a
        // worker with a smaller limit than the broker's would: the broker counts each return.
        AtomicInteger connections = new AtomicInteger();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            if (depth(Topology.deadLetterQueue(QUORUM)) == 1) {
                                return true;
                            }
                            refuseOnce(largest);
                            connections.incrementAndGet();
                            return false;
                        });
        assertEquals(0, depth(QUORUM));
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/queues/" + QUORUM + "/dead-letters")
                .then()
                .statusCode(200)
                .body("depth", equalTo(1))
                .body("byReason.delivery-limit", equalTo(1));
    }

    static long depth(String queue) {
        try (RabbitQueues rabbit = new RabbitQueues()) {
            return rabbit.depth(queue);
        }
    }

    /** Consumes with a client that refuses bodies over {@code largest} bytes, until it is cut. */
    static void refuseOnce(int largest) throws Exception {
        ConnectionFactory f = RabbitQueues.factory();
        f.setMaxInboundMessageBodySize(largest);
        Connection c = f.newConnection();
        try {
            Channel ch = c.createChannel();
            ch.basicConsume(QUORUM, false, new DefaultConsumer(ch) {});
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
        } finally {
            if (c.isOpen()) {
                c.abort();
            }
        }
    }

    @Test
    void aQueueOfAnotherTypeRefusesThePolicyWithNothingStored() {
        try (RabbitQueues rabbit = new RabbitQueues()) {
            rabbit.declare(CLASSIC);
        }
        json("{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":2,\"queueType\":\"quorum\"}")
                .put("/api/v1/policies/" + CLASSIC)
                .then()
                .statusCode(409)
                .body("error", equalTo("queue type cannot change"))
                .body("violations[0].field", equalTo("queueType"))
                .body("violations[0].rule", containsString("exists as a classic queue"));
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/policies/" + CLASSIC)
                .then()
                .statusCode(404);

        // A classic policy there, then a PATCH to quorum: refused, the policy as it was.
        json("{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":2,\"queueType\":\"classic\"}")
                .put("/api/v1/policies/" + CLASSIC)
                .then()
                .statusCode(201);
        json("{\"queueType\":\"quorum\",\"maxWorkers\":5}")
                .patch("/api/v1/policies/" + CLASSIC)
                .then()
                .statusCode(409);
        given().header("Authorization", "Bearer " + TOKEN)
                .get("/api/v1/policies/" + CLASSIC)
                .then()
                .statusCode(200)
                .body("queueType", equalTo("classic"))
                .body("maxWorkers", equalTo(2));
    }
}
