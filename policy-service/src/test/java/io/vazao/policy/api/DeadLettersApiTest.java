package io.vazao.policy.api;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_A;
import static io.vazao.policy.api.ApiTestProfile.TOKEN;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.rabbitmq.client.GetResponse;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import io.vazao.policy.support.RabbitQueues;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dead-letter endpoints against the real broker: read without removing, replay by reason,
 * purge.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadLettersApiTest {

    static final String PATH = "/api/v1/queues/" + QUEUE_A + "/dead-letters";
    static final String DLQ = Topology.deadLetterQueue(QUEUE_A);

    static RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Inject RedisDataSource redis;

    @BeforeAll
    void fill() {
        // The endpoints answer for managed queues only: the queue's policy must be there whatever
        // ran before.
        TestSeeds.seed(redis);
        try (RabbitQueues rabbit = new RabbitQueues()) {
            rabbit.delete(QUEUE_A, DLQ);
            rabbit.declare(QUEUE_A);
            rabbit.deadLetter(QUEUE_A, "failed", ids("F", 20), 1_000L);
            rabbit.deadLetter(QUEUE_A, "invalid-json", ids("J", 10), 2_000L);
        }
    }

    @AfterAll
    void cleanUp() {
        try (RabbitQueues rabbit = new RabbitQueues()) {
            rabbit.delete(QUEUE_A, DLQ);
        }
    }

    static List<String> ids(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void readsCountsAndAPageWithoutRemovingAnythingReplaysOneReasonThenPurges() {
        JsonPath first =
                authed().get(PATH + "?limit=5&offset=18")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertEquals(30, first.getLong("depth"));
        assertEquals(true, first.getBoolean("complete"));
        assertEquals(Map.of("failed", 20, "invalid-json", 10), first.getMap("byReason"));
        assertEquals(1_000L, first.getLong("oldest"));
        assertEquals(2_000L, first.getLong("newest"));
        assertEquals(
                List.of("F-18", "F-19", "J-0", "J-1", "J-2"), first.getList("messages.messageId"));
        assertEquals("invalid-json", first.getString("messages[2].reason"));
        assertEquals(
                "{\"id\":\"J-0\",\"type\":\"order\"}", first.getString("messages[2].bodyPreview"));
        assertEquals(
                "scripted invalid-json", first.getString("messages[2].headers['x-vazao-detail']"));

        // read again: nothing was taken and the order is the same
        JsonPath again =
                authed().get(PATH + "?limit=30").then().statusCode(200).extract().jsonPath();
        assertEquals(30, again.getList("messages").size());
        assertEquals(List.of("F-0", "F-1"), again.getList("messages.messageId").subList(0, 2));
        assertEquals("J-9", again.getList("messages.messageId").get(29));

        String id =
                authed().contentType("application/json")
                        .body("{\"reason\":\"invalid-json\",\"max\":4}")
                        .post(PATH + "/replay")
                        .then()
                        .statusCode(202)
                        .body("state", equalTo("running"))
                        .extract()
                        .jsonPath()
                        .getString("id");
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () ->
                                "done"
                                        .equals(
                                                authed().get(PATH + "/replay/" + id)
                                                        .then()
                                                        .statusCode(200)
                                                        .extract()
                                                        .jsonPath()
                                                        .getString("state")));
        JsonPath job = authed().get(PATH + "/replay/" + id).then().extract().jsonPath();
        assertEquals(4, job.getLong("moved"));
        assertEquals(
                20, job.getLong("skipped"), "the failed ones before them were read and put back");

        try (RabbitQueues rabbit = new RabbitQueues()) {
            List<GetResponse> back = rabbit.drain(QUEUE_A);
            assertEquals(
                    List.of("J-0", "J-1", "J-2", "J-3"),
                    back.stream().map(r -> r.getProps().getMessageId()).toList());
            Map<String, Object> h = back.get(0).getProps().getHeaders();
            assertEquals("1", String.valueOf(h.get(DeadLetterHeaders.REPLAYED)));
            assertFalse(h.containsKey(DeadLetterHeaders.REASON));
        }
        JsonPath after =
                authed().get(PATH + "?limit=1&offset=20")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        assertEquals(Map.of("failed", 20, "invalid-json", 6), after.getMap("byReason"));
        assertEquals(
                List.of("J-4"),
                after.getList("messages.messageId"),
                "the skipped ones kept their places");

        authed().post(PATH + "/purge").then().statusCode(200).body("purged", equalTo(true));
        authed().get(PATH).then().statusCode(200).body("depth", equalTo(0));
    }

    @Test
    void refusesBadPagesBadReplaysUnknownQueuesAndNoCredentials() {
        authed().get(PATH + "?limit=500")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("limit"));
        authed().get(PATH + "?offset=-1")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("offset"));
        authed().contentType("application/json")
                .body("{\"ratePerSecond\":-1}")
                .post(PATH + "/replay")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("ratePerSecond"));
        authed().get("/api/v1/queues/no-such-queue/dead-letters").then().statusCode(404);
        authed().get(PATH + "/replay/nope").then().statusCode(404);
        given().get(PATH).then().statusCode(401);
        // a managed queue whose dead-letter queue nobody declared yet: empty, and nothing to purge
        String noDlq = "/api/v1/queues/" + ApiTestProfile.QUEUE_B + "/dead-letters";
        authed().get(noDlq)
                .then()
                .statusCode(200)
                .body("depth", equalTo(0))
                .body("messages.size()", equalTo(0));
        authed().post(noDlq + "/purge").then().statusCode(200).body("purged", equalTo(false));
        given().post(PATH + "/purge").then().statusCode(401);
    }
}
