package io.vazao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StartupFailureTest {

    static Stream<Arguments> logs() {
        String longTail = "x".repeat(StartupFailure.MAX_LENGTH);
        return Stream.of(
                // log lines, the reason given
                Arguments.of(
                        List.of(
                                "12:00 INFO  [io.quarkus] starting",
                                "12:00 ERROR [ApiCredentials] event=api_secret_refused secret=x",
                                "12:00 ERROR [io.quarkus.runtime.Application] Failed to start:"
                                        + " Refusing to start: the API token is too short; make"
                                        + " one (at least 32 characters).",
                                "12:00 ERROR [io.quarkus] later noise"),
                        Optional.of(
                                "Refusing to start: the API token is too short; make one (at least"
                                        + " 32 characters)")),
                Arguments.of(
                        List.of(
                                "12:00 INFO  [io.quarkus] starting",
                                "12:00 ERROR [io.vertx] Port 8080 in use",
                                "12:01 ERROR [io.quarkus] Failed to start application"),
                        Optional.of("12:01 ERROR [io.quarkus] Failed to start application")),
                Arguments.of(List.of("12:00 INFO  [io.quarkus] starting"), Optional.empty()),
                Arguments.of(List.of(), Optional.empty()),
                Arguments.of(
                        List.of("Refusing to start: " + longTail),
                        Optional.of(
                                ("Refusing to start: " + longTail)
                                                .substring(0, StartupFailure.MAX_LENGTH)
                                        + " …")));
    }

    @ParameterizedTest
    @MethodSource("logs")
    void theRefusalFirstElseTheLastError(List<String> lines, Optional<String> reason) {
        assertEquals(reason, StartupFailure.reason(lines));
    }

    /** The log is appended to by every start: an earlier start's refusal is not this one's. */
    @Test
    void onlyWhatThisStartWroteIsRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("policy-service.log");
        assertEquals(0, StartupFailure.endOf(log));
        assertEquals(Optional.empty(), StartupFailure.reason(log, 0));
        Files.writeString(log, "10:00 ERROR [x] Refusing to start: the token is too short.\n");
        long from = StartupFailure.endOf(log);
        Files.writeString(
                log,
                "11:00 INFO  [io.quarkus] starting\n11:00 ERROR [io.vertx] Port 8080 in use\n",
                StandardOpenOption.APPEND);
        assertEquals(
                Optional.of("11:00 ERROR [io.vertx] Port 8080 in use"),
                StartupFailure.reason(log, from));
        assertEquals(
                Optional.of("Refusing to start: the token is too short"),
                StartupFailure.reason(log, 0));
    }
}
