package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonRoundTripTest {

    static Stream<Arguments> records() {
        QueueInputs inputs = new QueueInputs(5000, 16, 1, 120.5, 98.0, 1, 250.0, "management");
        return Stream.of(
                Arguments.of(Policy.defaults(0.4), Policy.class),
                Arguments.of(
                        Policy.builder(0.6)
                                .workers(2, 8)
                                .messagesPerWorker(100)
                                .targetDrainSeconds(20)
                                .expectedRatePerWorker(300.0)
                                .rateLimitPerSecond(200.0)
                                .paused(true)
                                .scaleDownStabilizationSeconds(45)
                                .mode(Mode.SEED)
                                .queueType(QueueType.QUORUM)
                                .deliveryLimit(3)
                                .standbyWorkers(2)
                                .build(),
                        Policy.class),
                Arguments.of(
                        Policy.defaults(0.5)
                                .withRetry(
                                        new RetryPolicy(
                                                6, 250, 2.0, 2_000, java.util.List.of("failed"))),
                        Policy.class),
                Arguments.of(Settings.defaults(), Settings.class),
                Arguments.of(
                        new Target(
                                "business_queue_1",
                                4,
                                1,
                                "backlog 5000 / 30 s",
                                inputs,
                                1_764_000_000_000L),
                        Target.class),
                Arguments.of(new Target("q", 1, 1, "held", null, 1L), Target.class),
                Arguments.of(
                        new ScalingEvent(
                                1L, "q", EventKind.SCALE_UP, 1, 4, "burst", 5000, 120.5, 1, null),
                        ScalingEvent.class),
                Arguments.of(
                        new ScalingEvent(
                                2L, "q", EventKind.CRASHED, 3, 2, "exit 137", 0, 0, 2, "w-1"),
                        ScalingEvent.class),
                Arguments.of(inputs, QueueInputs.class));
    }

    @ParameterizedTest
    @MethodSource("records")
    void recordSurvivesJson(Object value, Class<?> type) {
        assertEquals(value, Json.read(Json.write(value), type));
    }

    @Test
    void policyJsonUsesWireNames() {
        String json =
                Json.write(
                        Policy.builder(0.6)
                                .workers(2, 8)
                                .messagesPerWorker(100)
                                .targetDrainSeconds(20)
                                .scaleDownStabilizationSeconds(45)
                                .mode(Mode.SEED)
                                .build());
        assertTrue(json.contains("\"mode\":\"seed\""), json);
        assertTrue(json.contains("\"minWorkers\":2"), json);
        assertTrue(
                !json.contains("rateLimitPerSecond"),
                "absent optional fields are omitted: " + json);
    }

    @Test
    void policyWithoutModeIsAdaptive() {
        Policy p = Json.read("{\"weight\":0.5,\"minWorkers\":1,\"maxWorkers\":3}", Policy.class);
        assertEquals(Mode.ADAPTIVE, p.mode());
    }

    @Test
    void unknownModeIsRejectedWithItsName() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Json.read("{\"weight\":0.5,\"mode\":\"turbo\"}", Policy.class));
        assertTrue(e.getMessage().contains("turbo"), e.getMessage());
    }

    @Test
    void eventFieldsRoundTrip() {
        ScalingEvent e =
                new ScalingEvent(
                        7L,
                        "q",
                        EventKind.RECYCLED,
                        2,
                        2,
                        "rss 600MiB > 512MiB",
                        10,
                        1.5,
                        2,
                        "w-9");
        assertEquals(e, ScalingEvent.fromFields(e.toFields()));
    }

    @Test
    void emptyHeartbeatHashIsAbsent() {
        assertNull(Heartbeat.fromHash(Map.of()));
    }

    @Test
    void malformedHeartbeatHashIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Heartbeat.fromHash(Map.of("pid", "x")));
    }
}
