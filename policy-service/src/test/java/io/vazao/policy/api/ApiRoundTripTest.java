package io.vazao.policy.api;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.api.ApiTestProfile.PREFIX;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_A;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_B;
import static io.vazao.policy.api.ApiTestProfile.RUN;
import static io.vazao.policy.api.ApiTestProfile.TOKEN;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vazao.contract.EventKind;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import io.vazao.policy.support.RedisDump;
import io.vazao.policy.support.SseClient;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Good requests round-trip: what is written is what is read back, through every way of
 * authenticating.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiRoundTripTest {

    @Inject RedisDataSource redis;

    static RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    static RequestSpecification json(String body) {
        return authed().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void policyCreateReadPatchDelete() {
        String queue = "t-api-" + RUN + "-c";
        json("{\"weight\":2.5,\"minWorkers\":0,\"maxWorkers\":7,\"messagesPerWorker\":50,\"targetDrainSeconds\":20,"
                        + "\"expectedRatePerWorker\":12.5,\"rateLimitPerSecond\":100,\"paused\":false,"
                        + "\"scaleDownStabilizationSeconds\":15,\"mode\":\"seed\",\"deliveryLimit\":3}")
                .put("/api/v1/policies/" + queue)
                .then()
                .statusCode(201);
        Policy stored =
                Json.read(
                        redis.value(String.class).get(new RedisKeys(PREFIX).policy(queue)),
                        Policy.class);
        assertEquals(
                Policy.builder(2.5)
                        .workers(0, 7)
                        .messagesPerWorker(50)
                        .targetDrainSeconds(20)
                        .expectedRatePerWorker(12.5)
                        .rateLimitPerSecond(100.0)
                        .scaleDownStabilizationSeconds(15)
                        .mode(io.vazao.contract.Mode.SEED)
                        .deliveryLimit(3)
                        .build(),
                stored);

        authed().get("/api/v1/policies/" + queue)
                .then()
                .statusCode(200)
                .body("weight", equalTo(2.5f))
                .body("maxWorkers", equalTo(7))
                .body("mode", equalTo("seed"));
        json("{\"maxWorkers\":9,\"rateLimitPerSecond\":null}")
                .patch("/api/v1/policies/" + queue)
                .then()
                .statusCode(200)
                .body("maxWorkers", equalTo(9))
                .body("minWorkers", equalTo(0));
        Policy patched =
                Json.read(
                        redis.value(String.class).get(new RedisKeys(PREFIX).policy(queue)),
                        Policy.class);
        assertEquals(
                stored.withRateLimit(null), patched.toBuilder().maxWorkers(7).retry(null).build());
        assertEquals(9, patched.maxWorkers());

        Map<String, Object> all =
                authed().get("/api/v1/policies")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getMap("policies");
        assertTrue(all.containsKey(queue), all.toString());
        authed().delete("/api/v1/policies/" + queue).then().statusCode(204);
        authed().get("/api/v1/policies/" + queue).then().statusCode(404);
    }

    @BeforeAll
    void seed() {
        TestSeeds.seed(redis);
    }

    @Test
    void policiesListsTheSeededQueues() {
        Response r = authed().get("/api/v1/policies");
        r.then().statusCode(200);
        Map<String, Object> policies = r.jsonPath().getMap("policies");
        assertTrue(policies.containsKey(QUEUE_A) && policies.containsKey(QUEUE_B), r.asString());
    }

    @Test
    void settingsKeepFieldsNotNamed() {
        String before =
                authed().get("/api/v1/settings").then().statusCode(200).extract().asString();
        var old = Json.read(before, io.vazao.contract.Settings.class);
        json("{\"maxTotalWorkers\":20}")
                .put("/api/v1/settings")
                .then()
                .statusCode(200)
                .body("maxTotalWorkers", equalTo(20));
        var now =
                Json.read(
                        redis.value(String.class).get(new RedisKeys(PREFIX).settings()),
                        io.vazao.contract.Settings.class);
        assertEquals(old.withMaxTotalWorkers(20), now);
        json("{\"maxTotalWorkers\":" + old.maxTotalWorkers() + "}")
                .put("/api/v1/settings")
                .then()
                .statusCode(200);
    }

    @Test
    void seedCompatibleWeights() {
        json("{\"" + QUEUE_A + "\": 0.3, \"" + QUEUE_B + "\": 0.7}")
                .post("/api/queue-weights")
                .then()
                .statusCode(200)
                .body("'" + QUEUE_A + "'", equalTo(0.3f));
        authed().get("/api/queue-weights")
                .then()
                .statusCode(200)
                .body("'" + QUEUE_A + "'", equalTo(0.3f))
                .body("'" + QUEUE_B + "'", equalTo(0.7f));
        authed().get("/api/v1/policies/" + QUEUE_B).then().body("weight", equalTo(0.7f));
        json("{\"" + QUEUE_A + "\": 0.4, \"" + QUEUE_B + "\": 0.6}")
                .post("/api/queue-weights")
                .then()
                .statusCode(200);
    }

    @Test
    void pauseAndResume() {
        authed().post("/api/v1/queues/" + QUEUE_A + "/pause")
                .then()
                .statusCode(200)
                .body("paused", equalTo(true));
        authed().get("/api/v1/policies/" + QUEUE_A).then().body("paused", equalTo(true));
        authed().post("/api/v1/queues/" + QUEUE_A + "/resume").then().statusCode(200);
        authed().get("/api/v1/policies/" + QUEUE_A).then().body("paused", equalTo(false));
    }

    @Test
    void basicAuthWithTheTokenAsPassword() {
        given().auth()
                .preemptive()
                .basic("vazao", TOKEN)
                .get("/api/v1/policies")
                .then()
                .statusCode(200);
        given().auth()
                .preemptive()
                .basic("someone", TOKEN)
                .get("/api/v1/policies")
                .then()
                .statusCode(401);
    }

    @Test
    void sessionCookieLogsInAndOut() {
        Response login =
                given().contentType("application/json")
                        .body("{\"token\":\"" + TOKEN + "\"}")
                        .post("/api/v1/session");
        login.then().statusCode(200).body("expiresAt", notNullValue());
        String setCookie = login.getHeader("Set-Cookie");
        assertNotNull(setCookie);
        assertTrue(
                setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String session = login.getCookie("vazao_session");
        given().cookie("vazao_session", session).get("/api/v1/status").then().statusCode(200);
        // A change made with the cookie alone must say it comes from this origin, as JSON.
        given().cookie("vazao_session", session).delete("/api/v1/session").then().statusCode(403);
        given().cookie("vazao_session", session)
                .header("Sec-Fetch-Site", "same-origin")
                .delete("/api/v1/session")
                .then()
                .statusCode(415);
        given().cookie("vazao_session", session)
                .header("Sec-Fetch-Site", "same-origin")
                .contentType("application/json")
                .delete("/api/v1/session")
                .then()
                .statusCode(204);
        given().cookie("vazao_session", session).get("/api/v1/status").then().statusCode(401);
    }

    @Test
    void statusWorkersAndEvents() {
        authed().get("/api/v1/status")
                .then()
                .statusCode(200)
                .body("queues.queue", hasItems(QUEUE_A, QUEUE_B))
                .body("budget", notNullValue());
        authed().get("/api/v1/workers").then().statusCode(200).body("workers", notNullValue());
        ScalingEvent e =
                new ScalingEvent(
                        System.currentTimeMillis(),
                        QUEUE_A,
                        EventKind.SCALE_UP,
                        1,
                        3,
                        "test entry",
                        500,
                        2.0,
                        1,
                        null);
        redis.stream(String.class).xadd(new RedisKeys(PREFIX).events(), e.toFields());
        authed().get("/api/v1/events?limit=5&queue=" + QUEUE_A)
                .then()
                .statusCode(200)
                .body("events[0].reason", equalTo("test entry"))
                .body("events[0].kind", equalTo("scale_up"));
        authed().get("/api/v1/events?queue=" + QUEUE_B)
                .then()
                .statusCode(200)
                .body("events.size()", equalTo(0));
    }

    @Test
    void statusAndEventsStreamAsServerSentEvents() throws Exception {
        try (SseClient status = SseClient.open("/api/v1/status/stream", TOKEN)) {
            assertEquals(
                    "status",
                    status.nextLineStartingWith("event:", Duration.ofSeconds(20))
                            .substring(6)
                            .trim());
            assertTrue(
                    status.nextLineStartingWith("data:", Duration.ofSeconds(5)).contains(QUEUE_A));
        }
        try (SseClient events = SseClient.open("/api/v1/events/stream", TOKEN)) {
            ScalingEvent e =
                    new ScalingEvent(
                            System.currentTimeMillis(),
                            QUEUE_B,
                            EventKind.SCALE_DOWN,
                            4,
                            2,
                            "streamed entry",
                            0,
                            0.0,
                            4,
                            null);
            // The tail starts when the first subscriber arrives; append until the stream shows it.
            String data = null;
            for (int attempt = 0; attempt < 5 && data == null; attempt++) {
                redis.stream(String.class).xadd(new RedisKeys(PREFIX).events(), e.toFields());
                try {
                    String name =
                            events.nextLineStartingWith("event:", Duration.ofSeconds(5))
                                    .substring(6)
                                    .trim();
                    assertEquals("scaling", name);
                    data = events.nextLineStartingWith("data:", Duration.ofSeconds(5));
                } catch (java.util.concurrent.TimeoutException retry) {
                    // not subscribed yet: append again
                }
            }
            assertNotNull(data);
            assertTrue(data.contains("streamed entry") && data.contains("scale_down"), data);
        }
        java.net.http.HttpResponse<Void> unauthenticated =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                java.net.http.HttpRequest.newBuilder(
                                                SseClient.uri("/api/v1/events/stream"))
                                        .GET()
                                        .build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(401, unauthenticated.statusCode());
    }

    @Test
    void purgeEmptiesTheQueue() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        try (Connection c = f.newConnection();
                Channel ch = c.createChannel()) {
            ch.queueDeclare(QUEUE_A, false, false, false, null);
            try {
                for (int i = 0; i < 3; i++) {
                    ch.basicPublish("", QUEUE_A, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
                }
                org.awaitility.Awaitility.await()
                        .atMost(java.time.Duration.ofSeconds(20))
                        .until(() -> ch.queueDeclarePassive(QUEUE_A).getMessageCount() == 3);
                authed().post("/api/v1/queues/" + QUEUE_A + "/purge")
                        .then()
                        .statusCode(200)
                        .body("purged", equalTo(true));
                assertEquals(0, ch.queueDeclarePassive(QUEUE_A).getMessageCount());
            } finally {
                ch.queueDelete(QUEUE_A);
            }
        }
    }

    @Test
    void openApiHealthAndMetricsNeedNoCredentials() {
        given().get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/policies/{queue}"))
                .body(containsString("weight, minWorkers and maxWorkers required"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @AfterAll
    void cleanUp() {
        RedisDump.deleteAll(redis, PREFIX);
    }
}
