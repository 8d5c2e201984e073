package io.vazao.functions.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterBackoffTest {

    @ParameterizedTest(name = "{0} failure(s) in a row -> {1} ms")
    @CsvSource({
        "0, 100",
        "1, 100",
        "2, 200",
        "3, 400",
        "6, 3200",
        "7, 5000",
        "8, 5000",
        "1000, 5000"
    })
    void waitsLongerEachFailureInARowUpToFiveSeconds(int failures, long millis) {
        assertEquals(millis, WorkConsumer.deadLetterBackoffMillis(failures));
    }
}
