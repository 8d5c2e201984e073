package io.vazao.policy.deadletter;

import io.vazao.contract.DeadLetterHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the dead letters read one by one (by reason, oldest and newest) and keeps the page asked
 * for. Pure: the broker side hands it each message's headers, timestamp and body.
 */
public final class DeadLetterTally {

    private final long offset;
    private final int limit;
    private final int previewBytes;
    private final Map<String, Long> byReason = new HashMap<>();
    private final List<DeadLetter> page = new ArrayList<>();
    private long seen;
    private Long oldest;
    private Long newest;

    public DeadLetterTally(long offset, int limit, int previewBytes) {
        this.offset = offset;
        this.limit = limit;
        this.previewBytes = previewBytes;
    }

    /** One more message, in queue order. */
    public void add(
            Map<String, Object> headers, String messageId, Long timestampMillis, byte[] body) {
        Map<String, Object> h = headers == null ? Map.of() : headers;
        String reason = DeadLetterHeaders.reason(h);
        byReason.merge(reason, 1L, Long::sum);
        Long at =
                DeadLetterHeaders.text(h, DeadLetterHeaders.DEAD_LETTERED_AT)
                        .map(DeadLetterTally::longOrNull)
                        .orElse(timestampMillis);
        if (at != null) {
            oldest = oldest == null ? at : Math.min(oldest, at);
            newest = newest == null ? at : Math.max(newest, at);
        }
        if (seen >= offset && page.size() < limit) {
            page.add(view(seen, h, messageId, reason, at, body == null ? new byte[0] : body));
        }
        seen++;
    }

    public long seen() {
        return seen;
    }

    public DeadLetterReport report(
            String queue, String deadLetterQueue, long depth, boolean complete) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byReason.entrySet().stream()
                .sorted(
                        Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new DeadLetterReport(
                queue,
                deadLetterQueue,
                depth,
                seen,
                complete,
                sorted,
                oldest,
                newest,
                offset,
                List.copyOf(page));
    }

    private DeadLetter view(
            long position,
            Map<String, Object> h,
            String messageId,
            String reason,
            Long at,
            byte[] body) {
        Map<String, String> text = new TreeMap<>();
        h.forEach((k, v) -> text.put(k, String.valueOf(v)));
        Integer attempts =
                DeadLetterHeaders.text(h, DeadLetterHeaders.ATTEMPTS)
                        .map(DeadLetterTally::longOrNull)
                        .map(Long::intValue)
                        .orElse(null);
        int replayed =
                DeadLetterHeaders.text(h, DeadLetterHeaders.REPLAYED)
                        .map(DeadLetterTally::longOrNull)
                        .map(Long::intValue)
                        .orElse(0);
        return new DeadLetter(
                position,
                messageId,
                reason,
                attempts,
                DeadLetterHeaders.text(h, DeadLetterHeaders.DETAIL).orElse(null),
                at,
                replayed,
                text,
                body.length,
                preview(body, previewBytes));
    }

    static String preview(byte[] body, int maxBytes) {
        int n = Math.min(body.length, Math.max(0, maxBytes));
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            String s = decoder.decode(ByteBuffer.wrap(body, 0, n)).toString();
            // A multi-byte character cut at the limit decodes as a replacement character: drop it.
            return n < body.length && s.endsWith("\uFFFD") ? s.substring(0, s.length() - 1) : s;
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }

    private static Long longOrNull(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
