package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The arguments a missing work queue is declared with, and how a dead letter's reason is read. */
class WorkQueueArgumentsTest {

    static Map<String, Object> quorum(Integer limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("x-queue-type", "quorum");
        if (limit != null) {
            m.put("x-delivery-limit", limit);
        }
        m.put("x-dead-letter-exchange", "vazao.dlx");
        m.put("x-dead-letter-routing-key", "q");
        m.put("x-dead-letter-strategy", "at-least-once");
        m.put("x-overflow", "reject-publish");
        return m;
    }

    static Stream<Arguments> policies() {
        Policy base = Policy.defaults(0.5);
        return Stream.of(
                Arguments.of("no policy", null, Map.of()),
                Arguments.of("no type", base, Map.of()),
                Arguments.of(
                        "classic", base.toBuilder().queueType(QueueType.CLASSIC).build(), Map.of()),
                Arguments.of(
                        "classic keeps its limit to the workers",
                        base.toBuilder().queueType(QueueType.CLASSIC).deliveryLimit(3).build(),
                        Map.of()),
                Arguments.of(
                        "quorum, default limit",
                        base.toBuilder().queueType(QueueType.QUORUM).build(),
                        quorum(Policy.DEFAULT_DELIVERY_LIMIT)),
                Arguments.of(
                        "quorum, the policy's limit",
                        base.toBuilder().queueType(QueueType.QUORUM).deliveryLimit(3).build(),
                        quorum(3)),
                Arguments.of(
                        "quorum, limit 0 = none",
                        base.toBuilder().queueType(QueueType.QUORUM).deliveryLimit(0).build(),
                        quorum(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void arguments(String name, Policy policy, Map<String, Object> expected) {
        assertEquals(expected, Topology.workQueueArguments("q", policy));
    }

    static Stream<Arguments> deadLetters() {
        Map<String, Object> ours = Map.of(DeadLetterHeaders.REASON, "failed");
        Map<String, Object> both = new LinkedHashMap<>(ours);
        both.put(DeadLetterHeaders.BROKER_DEATHS, deaths("delivery_limit", "rejected"));
        return Stream.of(
                Arguments.of("the worker's reason", ours, "failed"),
                Arguments.of("the worker's reason first", both, "failed"),
                Arguments.of(
                        "a quorum queue's delivery limit",
                        Map.of(DeadLetterHeaders.BROKER_DEATHS, deaths("delivery_limit")),
                        "delivery-limit"),
                Arguments.of(
                        "the broker's latest reason",
                        Map.of(
                                DeadLetterHeaders.BROKER_DEATHS,
                                deaths("expired", "delivery_limit")),
                        "expired"),
                Arguments.of(
                        "no deaths",
                        Map.of(DeadLetterHeaders.BROKER_DEATHS, List.of()),
                        DeadLetterHeaders.UNKNOWN_REASON),
                Arguments.of(
                        "deaths of another shape",
                        Map.of(DeadLetterHeaders.BROKER_DEATHS, "delivery_limit"),
                        DeadLetterHeaders.UNKNOWN_REASON),
                Arguments.of("no headers", null, DeadLetterHeaders.UNKNOWN_REASON));
    }

    static List<Map<String, Object>> deaths(String... reasons) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (String r : reasons) {
            list.add(Map.of("reason", r, "queue", "q", "count", 1L));
        }
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadLetters")
    void reason(String name, Map<String, Object> headers, String expected) {
        assertEquals(expected, DeadLetterHeaders.reason(headers));
    }
}
