package io.vazao.policy.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vazao.contract.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTallyTest {

    @Test
    void countsByReasonMostFrequentFirstWithTheTimeSpanAndThePageAskedFor() {
        DeadLetterTally t = new DeadLetterTally(1, 2, 5);
        t.add(
                Map.of(
                        DeadLetterHeaders.REASON,
                        "invalid-json",
                        DeadLetterHeaders.DEAD_LETTERED_AT,
                        300L),
                "a",
                null,
                "not json".getBytes(StandardCharsets.UTF_8));
        t.add(
                Map.of(DeadLetterHeaders.REASON, "failed", DeadLetterHeaders.ATTEMPTS, 3),
                "b",
                100L,
                new byte[0]);
        t.add(
                Map.of(DeadLetterHeaders.REASON, "failed", DeadLetterHeaders.REPLAYED, 2),
                "c",
                200L,
                new byte[] {'x'});
        t.add(null, "d", null, null);

        DeadLetterReport r = t.report("q", "q.dlq", 4, true);

        assertEquals(
                List.of("failed", "invalid-json", "unknown"), List.copyOf(r.byReason().keySet()));
        assertEquals(Map.of("failed", 2L, "invalid-json", 1L, "unknown", 1L), r.byReason());
        assertEquals(100L, r.oldest());
        assertEquals(300L, r.newest());
        assertEquals(4, r.scanned());
        assertEquals(List.of("b", "c"), r.messages().stream().map(DeadLetter::messageId).toList());
        DeadLetter b = r.messages().get(0);
        assertEquals(1, b.position());
        assertEquals(3, b.attempts());
        assertEquals(0, b.replayed());
        assertEquals(2, r.messages().get(1).replayed());
    }

    @Test
    void anEmptyQueueHasNoTimes() {
        DeadLetterReport r = new DeadLetterTally(0, 20, 10).report("q", "q.dlq", 0, true);
        assertNull(r.oldest());
        assertEquals(Map.of(), r.byReason());
        assertFalse(r.messages().iterator().hasNext());
    }

    static Stream<Arguments> previews() {
        return Stream.of(
                Arguments.of("short body whole", "{\"a\":1}", 100, "{\"a\":1}"),
                Arguments.of("cut at the limit", "abcdef", 3, "abc"),
                Arguments.of("limit 0", "abc", 0, ""),
                Arguments.of("multi-byte character cut in half is dropped", "aé", 2, "a"),
                Arguments.of("multi-byte character whole", "aé", 3, "aé"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("previews")
    void previewIsTheBodysFirstBytesAsText(String name, String body, int max, String expected) {
        assertEquals(expected, DeadLetterTally.preview(body.getBytes(StandardCharsets.UTF_8), max));
    }

    @Test
    void invalidUtf8IsReplacedNotRefused() {
        assertEquals("a\uFFFDb", DeadLetterTally.preview(new byte[] {'a', (byte) 0xff, 'b'}, 10));
    }
}
