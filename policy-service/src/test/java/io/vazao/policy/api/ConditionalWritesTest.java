package io.vazao.policy.api;

import static io.restassured.RestAssured.given;
import static io.vazao.policy.api.ApiTestProfile.QUEUE_A;
import static io.vazao.policy.api.ApiTestProfile.TOKEN;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import io.vazao.contract.Policy;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.Versioned;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Writes racing each other, replayed step by step: a change computed from an old version (what a
 * concurrent PATCH holds while a pause or a DELETE lands) is refused by the store, and If-Match
 * turns it into a 412.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class ConditionalWritesTest {

    static final String BODY = "{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":4}";

    @Inject PolicyStore store;

    static RequestSpecification authed() {
        return given().header("Authorization", "Bearer " + TOKEN).contentType("application/json");
    }

    static String etag(String path) {
        return authed().get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void aPauseIsNotUndoneByAPatchComputedBeforeIt() {
        String queue = QUEUE_A + "-race-pause";
        String path = "/api/v1/policies/" + queue;
        String created =
                authed().body(BODY).put(path).then().statusCode(201).extract().header("ETag");
        assertEquals(created, etag(path));
        Versioned<Policy> seenByPatch = store.versionedPolicy(queue).orElseThrow();
        assertEquals(IfMatch.etag(seenByPatch.tag()), created);

        String paused =
                authed().post("/api/v1/queues/" + queue + "/pause")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag");
        assertNotEquals(created, paused);
        // The racing PATCH writes back what it computed from the version before the pause: refused.
        assertTrue(
                store.putPolicyIf(queue, seenByPatch.tag(), seenByPatch.value().withWeight(0.9))
                        .isEmpty());
        authed().get(path).then().body("paused", equalTo(true)).body("weight", equalTo(0.5f));

        // Over HTTP: the old version is a 412, the current one goes through.
        authed().header("If-Match", created)
                .body("{\"maxWorkers\":9}")
                .patch(path)
                .then()
                .statusCode(412);
        authed().header("If-Match", paused)
                .body("{\"maxWorkers\":9}")
                .patch(path)
                .then()
                .statusCode(200)
                .body("paused", equalTo(true))
                .body("maxWorkers", equalTo(9));
        // Without If-Match (the CLI) the change applies to the newest version: the pause stays.
        authed().body("{\"maxWorkers\":5}")
                .patch(path)
                .then()
                .statusCode(200)
                .body("paused", equalTo(true));
        authed().delete(path).then().statusCode(204);
    }

    @Test
    void aPatchRacingADeleteDoesNotRecreateThePolicy() {
        String queue = QUEUE_A + "-race-delete";
        String path = "/api/v1/policies/" + queue;
        authed().body(BODY).put(path).then().statusCode(201);
        Versioned<Policy> seenByPatch = store.versionedPolicy(queue).orElseThrow();
        authed().delete(path).then().statusCode(204);
        assertTrue(
                store.putPolicyIf(queue, seenByPatch.tag(), seenByPatch.value().withWeight(0.9))
                        .isEmpty());
        authed().get(path).then().statusCode(404);
        authed().body("{\"maxWorkers\":9}").patch(path).then().statusCode(404);
        authed().post("/api/v1/queues/" + queue + "/pause").then().statusCode(404);
    }

    @Test
    void staleDeletesAndSettingsAreRefused() {
        String queue = QUEUE_A + "-race-stale";
        String path = "/api/v1/policies/" + queue;
        String v1 = authed().body(BODY).put(path).then().statusCode(201).extract().header("ETag");
        String v2 =
                authed().header("If-Match", v1)
                        .body("{\"maxWorkers\":6}")
                        .patch(path)
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag");
        authed().header("If-Match", v1).delete(path).then().statusCode(412);
        authed().header("If-Match", v2).delete(path).then().statusCode(204);

        String s1 = etag("/api/v1/settings");
        String s2 =
                authed().header("If-Match", s1)
                        .body("{\"maxTotalWorkers\":13}")
                        .put("/api/v1/settings")
                        .then()
                        .statusCode(200)
                        .extract()
                        .header("ETag");
        authed().header("If-Match", s1)
                .body("{\"maxTotalWorkers\":14}")
                .put("/api/v1/settings")
                .then()
                .statusCode(412);
        authed().header("If-Match", s2)
                .body("{\"maxTotalWorkers\":12}")
                .put("/api/v1/settings")
                .then()
                .statusCode(200);
    }
}
