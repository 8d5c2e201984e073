package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "7, 7",
        "250, 250",
        "0.4, 0.4",
        "0.05, 0.05",
        "0.123, 0.12",
        "12.34, 12.3",
        "1.96, 2",
        "-3.5, -3.5",
        "95, 95",
        "1234567, 1234567",
        "-0.0, 0",
        "-12, -12",
        "99999999999, 99999999999"
    })
    void formats(double v, String expected) {
        assertEquals(expected, Num.format(v));
    }
}
