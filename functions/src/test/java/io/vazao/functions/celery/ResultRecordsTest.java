package io.vazao.functions.celery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.CeleryResult;
import io.vazao.contract.Json;
import io.vazao.functions.BusinessFunctions;
import io.vazao.functions.payload.Rejection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultRecordsTest {

    static final Instant NOW = Instant.parse("2026-11-29T12:00:00.123456789Z");

    static JsonNode json(CeleryResult r) throws Exception {
        return Json.mapper().readTree(Json.write(r));
    }

    @Test
    void successCarriesTheFunctionResult() throws Exception {
        JsonNode n =
                json(
                        ResultRecords.success(
                                "t-1",
                                new BusinessFunctions.Processed("ORD-1", "order", 12.5),
                                NOW));
        assertThat(n.get("status").asText()).isEqualTo("SUCCESS");
        assertThat(n.get("result").get("id").asText()).isEqualTo("ORD-1");
        assertThat(n.get("result").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(n.get("traceback").isNull()).isTrue();
        assertThat(n.get("children").isArray()).isTrue();
        assertThat(n.get("date_done").asText()).isEqualTo("2026-11-29T12:00:00.123456");
        assertThat(n.get("task_id").asText()).isEqualTo("t-1");
    }

    @Test
    void failureCarriesTypeMessageAndTrace() throws Exception {
        JsonNode n =
                json(ResultRecords.failure("t-2", new IllegalStateException("card declined"), NOW));
        assertThat(n.get("status").asText()).isEqualTo("FAILURE");
        assertThat(n.get("result").get("exc_type").asText()).isEqualTo("IllegalStateException");
        assertThat(n.get("result").get("exc_message").get(0).asText()).isEqualTo("card declined");
        assertThat(n.get("result").get("exc_module").isNull()).isTrue();
        assertThat(n.get("traceback").asText()).contains("IllegalStateException: card declined");
    }

    @Test
    void refusedAndRevokedAreCeleryOwnExceptions() throws Exception {
        JsonNode refused =
                json(ResultRecords.refused("t-3", Rejection.WRONG_SHAPE, "data is required", NOW));
        assertThat(refused.get("result").get("exc_type").asText()).isEqualTo("ValueError");
        assertThat(refused.get("result").get("exc_module").asText()).isEqualTo("builtins");
        assertThat(refused.get("result").get("exc_message").get(0).asText())
                .isEqualTo("wrong-shape: data is required");
        JsonNode revoked = json(ResultRecords.revoked("t-4", NOW));
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("result").get("exc_type").asText()).isEqualTo("TaskRevokedError");
    }
}
