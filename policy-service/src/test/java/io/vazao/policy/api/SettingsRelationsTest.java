package io.vazao.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import io.vazao.contract.Settings;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules between settings fields, on the settings as they would be stored. */
class SettingsRelationsTest {

    static final long HEARTBEAT = 2_000;

    /** refusedField null = accepted. */
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("{\"heartbeatTimeoutMillis\": 4000}", null),
                Arguments.of("{\"heartbeatTimeoutMillis\": 3999}", "heartbeatTimeoutMillis"),
                Arguments.of("{\"heartbeatTimeoutMillis\": 1000}", "heartbeatTimeoutMillis"),
                Arguments.of("{\"tickMillis\": 5999}", null),
                Arguments.of("{\"tickMillis\": 6000}", "tickMillis"),
                Arguments.of(
                        "{\"tickMillis\": 5000, \"heartbeatTimeoutMillis\": 5000}", "tickMillis"),
                Arguments.of("{\"tickMillis\": 10000, \"heartbeatTimeoutMillis\": 20000}", null),
                Arguments.of("{\"maxTotalWorkers\": 3}", null));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void relatesFields(String body, String refusedField) throws Exception {
        JsonNode json = Json.mapper().readTree(body);
        if (refusedField == null) {
            SettingsValidator.apply(Settings.defaults(), json, HEARTBEAT);
            return;
        }
        ApiException e =
                assertThrows(
                        ApiException.class,
                        () -> SettingsValidator.apply(Settings.defaults(), json, HEARTBEAT));
        assertEquals(400, e.status());
        assertEquals(refusedField, e.body().violations().get(0).field());
    }

    @ParameterizedTest
    @MethodSource("intervals")
    void theMinimumFollowsTheWorkersInterval(long interval, long timeout, boolean accepted)
            throws Exception {
        JsonNode json = Json.mapper().readTree("{\"heartbeatTimeoutMillis\": " + timeout + "}");
        if (accepted) {
            SettingsValidator.apply(Settings.defaults(), json, interval);
        } else {
            assertThrows(
                    ApiException.class,
                    () -> SettingsValidator.apply(Settings.defaults(), json, interval));
        }
    }

    static Stream<Arguments> intervals() {
        return Stream.of(
                Arguments.of(3_000L, 5_999L, false),
                Arguments.of(3_000L, 6_000L, true),
                Arguments.of(5_000L, 9_999L, false),
                Arguments.of(5_000L, 10_000L, true));
    }
}
