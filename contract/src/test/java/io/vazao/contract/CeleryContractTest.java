package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CeleryContractTest {

    @Test
    void resultKeyIsCeleryOwn() {
        assertEquals("celery-task-meta-abc", CeleryProtocol.resultKey("abc"));
        assertThrows(IllegalArgumentException.class, () -> CeleryProtocol.resultKey(" "));
    }

    @Test
    void defaultTasksAreTheReplacedSystemOnes() {
        assertEquals(
                "processOrder",
                CeleryProtocol.DEFAULT_TASKS.get("app.tasks.queue_tasks.process_queue1"));
        assertEquals(
                "processPayment",
                CeleryProtocol.DEFAULT_TASKS.get("app.tasks.queue_tasks.process_queue2"));
    }

    @Test
    void taskBodyIsArgsKwargsEmbed() throws Exception {
        byte[] body =
                CeleryProtocol.taskBody("{\"id\":\"ORD-1\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode tree = Json.mapper().readTree(body);
        assertEquals(3, tree.size());
        assertEquals("ORD-1", tree.get(0).get(0).get("id").asText());
        assertTrue(tree.get(1).isEmpty());
        assertTrue(tree.get(2).has("chord"));
    }

    @Test
    void resultRecordUsesCeleryFieldNames() throws Exception {
        String json =
                Json.write(
                        new CeleryResult(
                                CeleryProtocol.STATE_FAILURE,
                                new CeleryResult.Raised(
                                        "IllegalStateException", List.of("boom"), null),
                                "trace",
                                List.of(),
                                "2026-11-29T19:00:00.000000",
                                "t-1"));
        JsonNode n = Json.mapper().readTree(json);
        assertEquals("FAILURE", n.get("status").asText());
        assertEquals("IllegalStateException", n.get("result").get("exc_type").asText());
        assertEquals("boom", n.get("result").get("exc_message").get(0).asText());
        assertEquals("t-1", n.get("task_id").asText());
        assertEquals("2026-11-29T19:00:00.000000", n.get("date_done").asText());
        assertTrue(n.get("children").isArray());
    }

    @Test
    void heartbeatCeleryCountIsBackwardCompatible() {
        Heartbeat hb =
                new Heartbeat(
                        "w", "q", "h", 1, 2, 3, 4, 10, 0, 0, 1.0, 5, WorkerState.RUNNING, "v", 4);
        assertEquals(hb, Heartbeat.fromHash(hb.toHash()));
        assertEquals(6, hb.plain());
        Map<String, String> old = new java.util.HashMap<>(hb.toHash());
        old.remove(Heartbeat.F_CELERY);
        assertEquals(0, Heartbeat.fromHash(old).celery());
        // JSON readers: the new field round-trips, and a heartbeat written without it reads as 0.
        assertEquals(hb, Json.read(Json.write(hb), Heartbeat.class));
        String withoutCelery = Json.write(hb).replace(",\"celery\":4", "");
        assertFalse(withoutCelery.contains("celery"), withoutCelery);
        assertEquals(0, Json.read(withoutCelery, Heartbeat.class).celery());
    }
}
