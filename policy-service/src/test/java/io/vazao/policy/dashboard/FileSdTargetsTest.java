package io.vazao.policy.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Json;
import io.vazao.contract.WorkerState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileSdTargetsTest {

    private static Heartbeat worker(String id, String queue, String host, int port) {
        return new Heartbeat(
                id, queue, host, 42, port, 1, 2, 0, 0, 0, 0.0, 0, WorkerState.RUNNING, "1");
    }

    static Stream<Arguments> addresses() {
        return Stream.of(
                Arguments.of("db-1", 8081, Optional.of("127.0.0.1"), "127.0.0.1:8081"),
                Arguments.of("db-1", 8081, Optional.empty(), "db-1:8081"),
                Arguments.of("db-1", 8081, Optional.of(" "), "db-1:8081"),
                Arguments.of("::1", 9000, Optional.empty(), "[::1]:9000"),
                Arguments.of("[::1]", 9000, Optional.empty(), "[::1]:9000"));
    }

    @ParameterizedTest(name = "{0}:{1} with address {2} -> {3}")
    @MethodSource("addresses")
    void targetsAWorkerAtTheConfiguredAddress(
            String host, int port, Optional<String> address, String expected) {
        var groups = FileSdTargets.groups(List.of(worker("w1", "q", host, port)), address);
        assertEquals(List.of(expected), groups.get(0).targets());
    }

    @Test
    void labelsEachWorkerWithQueueAndIdInAStableOrderAndSkipsWorkersWithoutAPort() {
        String json =
                FileSdTargets.render(
                        List.of(
                                worker("w2", "b", "h", 2),
                                worker("w9", "a", "h", 0),
                                worker("w1", "b", "h", 1),
                                worker("w3", "a", "h", 3)),
                        Optional.of("127.0.0.1"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> parsed = Json.read(json, List.class);
        assertEquals(
                List.of(
                        Map.of(
                                "targets",
                                List.of("127.0.0.1:3"),
                                "labels",
                                Map.of("queue", "a", "worker_id", "w3")),
                        Map.of(
                                "targets",
                                List.of("127.0.0.1:1"),
                                "labels",
                                Map.of("queue", "b", "worker_id", "w1")),
                        Map.of(
                                "targets",
                                List.of("127.0.0.1:2"),
                                "labels",
                                Map.of("queue", "b", "worker_id", "w2"))),
                parsed);
    }

    @Test
    void noWorkersIsAnEmptyList() {
        assertEquals("[]\n", FileSdTargets.render(List.of(), Optional.empty()));
    }
}
