package io.vazao.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.policy.store.Versioned;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IfMatchTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of(null, "abc", true),
                Arguments.of(null, Versioned.ABSENT, true),
                Arguments.of("\"abc\"", "abc", true),
                Arguments.of(" \"x\", \"abc\" ", "abc", true),
                Arguments.of("\"abd\"", "abc", false),
                Arguments.of("abc", "abc", false),
                Arguments.of("W/\"abc\"", "abc", false),
                Arguments.of("*", "abc", true),
                Arguments.of("*", Versioned.ABSENT, false),
                Arguments.of("\"absent\"", Versioned.ABSENT, true),
                Arguments.of("\"abc\"", Versioned.ABSENT, false),
                Arguments.of("", "abc", false));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void permits(String header, String current, boolean expected) {
        assertEquals(expected, IfMatch.permits(header, current));
    }
}
