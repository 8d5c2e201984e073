package io.vazao.policy.api;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.api.ApiTestProfile.PREFIX;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_A;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_B;
import static io.vazao.policy.api.ApiTestProfile.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vazao.policy.support.RedisDump;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of bad requests: each gets the right 4xx with a JSON body naming the field, and the Redis
 * keys under the test's prefix are byte-for-byte the same afterwards.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiValidationTest {

    @Inject RedisDataSource redis;

    enum Auth {
        BEARER,
        NONE,
        WRONG_BEARER,
        WRONG_BASIC,
        WRONG_COOKIE
    }

    record Bad(
            String name,
            String method,
            String path,
            Auth auth,
            String contentType,
            String body,
            int status,
            String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String POLICY = "/api/v1/policies/";
    static final String JSON = "application/json";

    static Bad put(String name, String body, String field) {
        return new Bad(name, "PUT", POLICY + QUEUE_A, Auth.BEARER, JSON, body, 400, field);
    }

    static Stream<Bad> badRequests() {
        String valid = "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4}";
        String huge =
                "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"pad\":\""
                        + "x".repeat(70_000)
                        + "\"}";
        return Stream.of(
                put(
                        "weight as string",
                        "{\"weight\":\"0.5\",\"minWorkers\":1,\"maxWorkers\":4}",
                        "weight"),
                put(
                        "weight as boolean",
                        "{\"weight\":true,\"minWorkers\":1,\"maxWorkers\":4}",
                        "weight"),
                put("weight zero", "{\"weight\":0,\"minWorkers\":1,\"maxWorkers\":4}", "weight"),
                put(
                        "weight negative",
                        "{\"weight\":-1,\"minWorkers\":1,\"maxWorkers\":4}",
                        "weight"),
                put(
                        "weight infinite",
                        "{\"weight\":1e999,\"minWorkers\":1,\"maxWorkers\":4}",
                        "weight"),
                put(
                        "minWorkers negative",
                        "{\"weight\":0.5,\"minWorkers\":-1,\"maxWorkers\":4}",
                        "minWorkers"),
                put(
                        "min greater than max",
                        "{\"weight\":0.5,\"minWorkers\":5,\"maxWorkers\":2}",
                        "minWorkers"),
                put(
                        "maxWorkers fractional",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":1.5}",
                        "maxWorkers"),
                put(
                        "maxWorkers too large",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":100000}",
                        "maxWorkers"),
                put(
                        "maxWorkers as boolean",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":true}",
                        "maxWorkers"),
                put(
                        "unknown field",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"colour\":\"red\"}",
                        "colour"),
                put("weight missing", "{\"minWorkers\":1,\"maxWorkers\":4}", "weight"),
                put(
                        "mode unknown",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"mode\":\"turbo\"}",
                        "mode"),
                put(
                        "paused as string",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"paused\":\"yes\"}",
                        "paused"),
                put(
                        "expected rate negative",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"expectedRatePerWorker\":-3}",
                        "expectedRatePerWorker"),
                put(
                        "rate limit as string",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"rateLimitPerSecond\":\"10\"}",
                        "rateLimitPerSecond"),
                put(
                        "messagesPerWorker zero",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"messagesPerWorker\":0}",
                        "messagesPerWorker"),
                put(
                        "stabilization negative",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"scaleDownStabilizationSeconds\":-5}",
                        "scaleDownStabilizationSeconds"),
                put(
                        "duplicate window above a day",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"duplicateWindowSeconds\":86401}",
                        "duplicateWindowSeconds"),
                put(
                        "forecast horizon negative",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"forecastSeconds\":-1}",
                        "forecastSeconds"),
                put(
                        "forecast horizon above an hour",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"forecastSeconds\":3601}",
                        "forecastSeconds"),
                put(
                        "forecast season above a week",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"forecastSeasonSeconds\":604801}",
                        "forecastSeasonSeconds"),
                put(
                        "forecast season as string",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"forecastSeasonSeconds\":\"60\"}",
                        "forecastSeasonSeconds"),
                put(
                        "delivery limit negative",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"deliveryLimit\":-1}",
                        "deliveryLimit"),
                put(
                        "delivery limit above 1000",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"deliveryLimit\":1001}",
                        "deliveryLimit"),
                put(
                        "delivery limit as string",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"deliveryLimit\":\"5\"}",
                        "deliveryLimit"),
                put(
                        "standby workers negative",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"standbyWorkers\":-1}",
                        "standbyWorkers"),
                put(
                        "standby workers above 10",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"standbyWorkers\":11}",
                        "standbyWorkers"),
                put(
                        "standby workers as string",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"standbyWorkers\":\"1\"}",
                        "standbyWorkers"),
                put(
                        "queue type stream",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"queueType\":\"stream\"}",
                        "queueType"),
                put(
                        "queue type in capitals",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"queueType\":\"QUORUM\"}",
                        "queueType"),
                put(
                        "queue type as number",
                        "{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":4,\"queueType\":1}",
                        "queueType"),
                put(
                        "duplicate key",
                        "{\"weight\":0.5,\"weight\":0.7,\"minWorkers\":1,\"maxWorkers\":4}",
                        "body"),
                put("malformed JSON", "{\"weight\": ", "body"),
                put("trailing garbage", valid + " x", "body"),
                put("array instead of object", "[1,2]", "body"),
                put("empty body", "", "body"),
                new Bad(
                        "invalid queue name",
                        "PUT",
                        POLICY + "-bad",
                        Auth.BEARER,
                        JSON,
                        valid,
                        400,
                        "queue"),
                new Bad(
                        "text/plain body",
                        "PUT",
                        POLICY + QUEUE_A,
                        Auth.BEARER,
                        "text/plain",
                        valid,
                        415,
                        "Content-Type"),
                new Bad("huge body", "PUT", POLICY + QUEUE_A, Auth.BEARER, JSON, huge, 413, "body"),
                new Bad(
                        "no credentials",
                        "PUT",
                        POLICY + QUEUE_A,
                        Auth.NONE,
                        JSON,
                        valid,
                        401,
                        "Authorization"),
                new Bad(
                        "wrong bearer token",
                        "PUT",
                        POLICY + QUEUE_A,
                        Auth.WRONG_BEARER,
                        JSON,
                        valid,
                        401,
                        "Authorization"),
                new Bad(
                        "wrong basic password",
                        "PUT",
                        POLICY + QUEUE_A,
                        Auth.WRONG_BASIC,
                        JSON,
                        valid,
                        401,
                        "Authorization"),
                new Bad(
                        "unknown session cookie",
                        "GET",
                        "/api/v1/policies",
                        Auth.WRONG_COOKIE,
                        null,
                        null,
                        401,
                        "Authorization"),
                new Bad(
                        "read without credentials",
                        "GET",
                        "/api/v1/status",
                        Auth.NONE,
                        null,
                        null,
                        401,
                        "Authorization"),
                new Bad(
                        "patch unknown queue",
                        "PATCH",
                        POLICY + "t-nope-" + ApiTestProfile.RUN,
                        Auth.BEARER,
                        JSON,
                        "{\"weight\":1}",
                        404,
                        "queue"),
                new Bad(
                        "patch min above max",
                        "PATCH",
                        POLICY + QUEUE_A,
                        Auth.BEARER,
                        JSON,
                        "{\"minWorkers\":20}",
                        400,
                        "minWorkers"),
                new Bad(
                        "patch empty object",
                        "PATCH",
                        POLICY + QUEUE_A,
                        Auth.BEARER,
                        JSON,
                        "{}",
                        400,
                        "body"),
                new Bad(
                        "patch weight null",
                        "PATCH",
                        POLICY + QUEUE_A,
                        Auth.BEARER,
                        JSON,
                        "{\"weight\":null}",
                        400,
                        "weight"),
                new Bad(
                        "delete unknown queue",
                        "DELETE",
                        POLICY + "t-nope-" + ApiTestProfile.RUN,
                        Auth.BEARER,
                        null,
                        null,
                        404,
                        "queue"),
                new Bad(
                        "get unknown queue",
                        "GET",
                        POLICY + "t-nope-" + ApiTestProfile.RUN,
                        Auth.BEARER,
                        null,
                        null,
                        404,
                        "queue"),
                new Bad(
                        "pause unknown queue",
                        "POST",
                        "/api/v1/queues/t-nope-" + ApiTestProfile.RUN + "/pause",
                        Auth.BEARER,
                        null,
                        null,
                        404,
                        "queue"),
                new Bad(
                        "purge unknown queue",
                        "POST",
                        "/api/v1/queues/t-nope-" + ApiTestProfile.RUN + "/purge",
                        Auth.BEARER,
                        null,
                        null,
                        404,
                        "queue"),
                new Bad(
                        "settings tick as string",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"tickMillis\":\"1000\"}",
                        400,
                        "tickMillis"),
                new Bad(
                        "settings budget zero",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"maxTotalWorkers\":0}",
                        400,
                        "maxTotalWorkers"),
                new Bad(
                        "settings unknown field",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"turbo\":1}",
                        400,
                        "turbo"),
                new Bad(
                        "settings timeout below 2 heartbeats",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"heartbeatTimeoutMillis\":3999}",
                        400,
                        "heartbeatTimeoutMillis"),
                new Bad(
                        "settings tick not below the timeout",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"tickMillis\":6000}",
                        400,
                        "tickMillis"),
                new Bad(
                        "settings timeout boolean",
                        "PUT",
                        "/api/v1/settings",
                        Auth.BEARER,
                        JSON,
                        "{\"heartbeatTimeoutMillis\":true}",
                        400,
                        "heartbeatTimeoutMillis"),
                new Bad(
                        "weights as booleans",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":true,\"" + QUEUE_B + "\":false}",
                        400,
                        QUEUE_A),
                new Bad(
                        "weights not summing to 1",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":0.5,\"" + QUEUE_B + "\":0.6}",
                        400,
                        "weights"),
                new Bad(
                        "weights off by 1e-5",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":0.4,\"" + QUEUE_B + "\":0.60001}",
                        400,
                        "weights"),
                new Bad(
                        "weights unknown queue",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":0.4,\"business_queue_9\":0.6}",
                        400,
                        "business_queue_9"),
                new Bad(
                        "weights as strings",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":\"0.4\",\"" + QUEUE_B + "\":\"0.6\"}",
                        400,
                        QUEUE_A),
                new Bad(
                        "weights negative",
                        "POST",
                        "/api/queue-weights",
                        Auth.BEARER,
                        JSON,
                        "{\"" + QUEUE_A + "\":-0.4,\"" + QUEUE_B + "\":1.4}",
                        400,
                        QUEUE_A),
                new Bad(
                        "session wrong token",
                        "POST",
                        "/api/v1/session",
                        Auth.NONE,
                        JSON,
                        "{\"token\":\"nope\"}",
                        401,
                        "token"),
                new Bad(
                        "session unknown field",
                        "POST",
                        "/api/v1/session",
                        Auth.NONE,
                        JSON,
                        "{\"token\":\"" + TOKEN + "\",\"admin\":true}",
                        400,
                        "admin"),
                new Bad(
                        "events limit zero",
                        "GET",
                        "/api/v1/events?limit=0",
                        Auth.BEARER,
                        null,
                        null,
                        400,
                        "limit"),
                new Bad(
                        "events limit not a number",
                        "GET",
                        "/api/v1/events?limit=ten",
                        Auth.BEARER,
                        null,
                        null,
                        400,
                        "limit"));
    }

    @BeforeAll
    void seed() {
        TestSeeds.seed(redis);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusedAndNothingWritten(Bad bad) {
        Map<String, String> before = RedisDump.of(redis, PREFIX);
        assertTrue(before.containsKey(PREFIX + "policy:" + QUEUE_A), "bootstrap policy present");

        Response response = send(bad);

        assertEquals(bad.status(), response.statusCode(), bad.name() + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertFalse(response.jsonPath().getString("error").isBlank());
        List<String> fields = response.jsonPath().getList("violations.field");
        assertTrue(fields != null && fields.contains(bad.field()), response.asString());
        assertEquals(before, RedisDump.of(redis, PREFIX), "Redis after " + bad.name());
    }

    @Test
    void tableHasAtLeast25Cases() {
        assertTrue(badRequests().count() >= 25);
    }

    static Response send(Bad bad) {
        RequestSpecification spec = given();
        switch (bad.auth()) {
            case BEARER -> spec = spec.header("Authorization", "Bearer " + TOKEN);
            case WRONG_BEARER -> spec = spec.header("Authorization", "Bearer " + TOKEN + "x");
            case WRONG_BASIC -> spec = spec.auth().preemptive().basic("vazao", "not-the-password");
            case WRONG_COOKIE -> spec = spec.cookie("vazao_session", "forged");
            case NONE -> {}
        }
        if (bad.contentType() != null) {
            spec = spec.contentType(bad.contentType());
        }
        if (bad.body() != null) {
            spec = spec.body(bad.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return spec.request(bad.method(), bad.path());
    }

    @AfterAll
    void cleanUp() {
        RedisDump.deleteAll(redis, PREFIX);
    }
}
