package io.vazao.policy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RetryPolicy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyValidatorTest {

    static final String BASE = "{\"weight\":1,\"minWorkers\":1,\"maxWorkers\":2,\"retry\":%s}";

    static Stream<Arguments> good() {
        return Stream.of(
                Arguments.of(
                        "{\"attempts\":6,\"firstDelayMillis\":250,\"multiplier\":2,\"maxDelayMillis\":2000,\"retriedReasons\":[\"failed\"]}",
                        new RetryPolicy(6, 250, 2.0, 2_000, List.of("failed"))),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100}",
                        new RetryPolicy(3, 100, 2.0, 10_000, List.of("failed"))),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":60000}",
                        new RetryPolicy(3, 60_000, 2.0, 60_000, List.of("failed"))),
                Arguments.of(
                        "{\"attempts\":1,\"firstDelayMillis\":0,\"retriedReasons\":[]}",
                        new RetryPolicy(1, 0, 2.0, 10_000, List.of())),
                Arguments.of("null", null));
    }

    @ParameterizedTest
    @MethodSource("good")
    void accepted(String retry, RetryPolicy expected) throws Exception {
        Policy p = PolicyValidator.replacement(Json.mapper().readTree(String.format(BASE, retry)));
        assertEquals(expected, p.retry());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("{\"firstDelayMillis\":100}", "retry.attempts", "is required"),
                Arguments.of(
                        "{\"attempts\":0,\"firstDelayMillis\":100}",
                        "retry.attempts",
                        "must be between 1 and 100"),
                Arguments.of("{\"attempts\":3}", "retry.firstDelayMillis", "is required"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":-1}",
                        "retry.firstDelayMillis",
                        "must be between 0 and"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"multiplier\":0.5}",
                        "retry.multiplier",
                        "must be >= 1"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"multiplier\":11}",
                        "retry.multiplier",
                        "must be <= 10"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":500,\"maxDelayMillis\":100}",
                        "retry.maxDelayMillis",
                        "must be >= firstDelayMillis"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"retriedReasons\":[\"invalid-json\"]}",
                        "retry.retriedReasons",
                        "invalid-json is a malformed body"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"retriedReasons\":[\"teapot\"]}",
                        "retry.retriedReasons",
                        "unknown reason teapot"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"retriedReasons\":\"failed\"}",
                        "retry.retriedReasons",
                        "must be an array"),
                Arguments.of(
                        "{\"attempts\":3,\"firstDelayMillis\":100,\"delay\":5}",
                        "retry.delay",
                        "unknown field"),
                Arguments.of("5", "retry", "must be an object or null"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void refusedNamingTheFieldAndTheRule(String retry, String field, String rule) {
        ApiException e =
                assertThrows(
                        ApiException.class,
                        () ->
                                PolicyValidator.replacement(
                                        Json.mapper().readTree(String.format(BASE, retry))));
        Violation v = e.body().violations().get(0);
        assertEquals(field, v.field());
        assertEquals(true, v.rule().startsWith(rule), v.rule());
    }

    @Test
    void aPolicyWithoutRetryKeepsTheWorkersConfiguration() throws Exception {
        assertNull(
                PolicyValidator.replacement(
                                Json.mapper()
                                        .readTree(
                                                "{\"weight\":1,\"minWorkers\":1,\"maxWorkers\":2}"))
                        .retry());
    }
}
