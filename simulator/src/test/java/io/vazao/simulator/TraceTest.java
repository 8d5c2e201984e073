package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceTest {

    private static final Trace TRACE =
            Trace.parse(
                    """
            {"name": "t", "bucketSeconds": 2, "queues": {"a": [10, 0, 40], "b": [6]}}""");

    @ParameterizedTest(name = "{0} [{1}, {2}) -> {3}")
    @CsvSource({
        "a, 0, 2, 10",
        "a, 0, 1, 5", // spread evenly inside a bucket
        "a, 1, 5, 25", // half of 10, none, half of 40
        "a, 0, 6, 50",
        "a, 6, 100, 0",
        "b, 0, 6, 6",
        "c, 0, 6, 0",
    })
    void arrivalsSpreadEvenlyInsideBuckets(String queue, double t0, double t1, double expected) {
        assertEquals(expected, TRACE.arrivals(queue, t0, t1), 1e-9);
    }

    @Test
    void durationAndQueues() {
        assertEquals(6, TRACE.durationSeconds());
        assertEquals(java.util.List.of("a", "b"), TRACE.queueNames());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"bucketSeconds\":0,\"queues\":{\"a\":[1]}}|bucketSeconds: must be > 0",
                "{\"name\":\"x\",\"bucketSeconds\":1,\"queues\":{}}|queues: at least one queue",
                "{\"name\":\"x\",\"bucketSeconds\":1,\"queues\":{\"a\":[]}}|queues.a: at least one bucket",
                "{\"name\":\"x\",\"bucketSeconds\":1,\"queues\":{\"a\":[3,-1]}}|queues.a: counts must be >= 0",
            })
    void invalidTracesNameTheirField(String json, String message) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Trace.parse(json));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
