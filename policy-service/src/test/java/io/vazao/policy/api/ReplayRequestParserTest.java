package io.vazao.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vazao.contract.Json;
import io.vazao.policy.deadletter.ReplayRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplayRequestParserTest {

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of("{}", new ReplayRequest(null, null, null)),
                Arguments.of("{\"reason\":\"failed\"}", new ReplayRequest("failed", null, null)),
                Arguments.of(
                        "{\"max\":10,\"ratePerSecond\":200}", new ReplayRequest(null, 10L, 200.0)),
                Arguments.of(
                        "{\"reason\":null,\"max\":null,\"ratePerSecond\":0.5}",
                        new ReplayRequest(null, null, 0.5)));
    }

    @ParameterizedTest
    @MethodSource("good")
    void accepted(String body, ReplayRequest expected) throws Exception {
        assertEquals(expected, ReplayRequestParser.parse(Json.mapper().readTree(body)));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("{\"max\":0}", "max", "must be between 1 and"),
                Arguments.of("{\"max\":1.5}", "max", "must be an integer"),
                Arguments.of("{\"max\":\"10\"}", "max", "must be an integer"),
                Arguments.of("{\"ratePerSecond\":0}", "ratePerSecond", "must be > 0"),
                Arguments.of("{\"ratePerSecond\":-3}", "ratePerSecond", "must be > 0"),
                Arguments.of("{\"ratePerSecond\":1000000}", "ratePerSecond", "must be <= 100000"),
                Arguments.of("{\"reason\":7}", "reason", "must be a string"),
                Arguments.of("{\"reason\":\" \"}", "reason", "must not be blank"),
                Arguments.of("{\"rate\":5}", "rate", "unknown field"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refusedNamingTheFieldAndTheRule(String body, String field, String rule) {
        ApiException e =
                assertThrows(
                        ApiException.class,
                        () -> ReplayRequestParser.parse(Json.mapper().readTree(body)));
        assertEquals(400, e.status());
        assertEquals(field, e.body().violations().get(0).field());
        assertEquals(
                true,
                e.body().violations().get(0).rule().startsWith(rule),
                e.body().violations().get(0).rule());
    }

    @Test
    void noBodyReplaysEverythingAtFullSpeed() {
        assertEquals(ReplayRequest.all(), ReplayRequestParser.parse(null));
    }
}
