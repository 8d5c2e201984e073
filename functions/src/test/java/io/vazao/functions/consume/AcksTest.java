package io.vazao.functions.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.vazao.functions.consume.WorkConsumer.Settle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ack batcher, step by step. Steps: {@code dN} delivery tag N arrives; {@code fN} its work
 * finished on the delivery thread (ack with the batch); {@code FN} finished on a processing thread
 * (ack at once); {@code rN} finished, to be requeued; {@code flush} the delivery thread has nothing
 * more in hand; {@code replaced} the channel was replaced (recovery); {@code shut} the channel
 * closed under it; {@code broken} the next ack throws. Batch size 2.
 */
class AcksTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of(
                        "in order: one multiple ack per batch, the rest at the flush",
                        "d1 d2 d3 f1 f2 f3 flush",
                        "ack 2 multiple, ack 3",
                        "1 2 3",
                        ""),
                Arguments.of(
                        "out of order: nothing passes the unfinished head, then all at once",
                        "d1 d2 d3 f3 f2 f1",
                        "ack 3 multiple",
                        "1 2 3",
                        ""),
                Arguments.of(
                        "never beyond the lowest unfinished tag: those behind it alone",
                        "d1 d2 d3 f1 f3 flush",
                        "ack 1, ack 3",
                        "1 3",
                        ""),
                Arguments.of(
                        "a requeue in the middle goes out first and alone",
                        "d1 d2 d3 f1 r2 f3",
                        "nack 2, ack 3 multiple",
                        "2 1 3",
                        ""),
                Arguments.of(
                        "a requeue at the head: the ack behind it is not multiple",
                        "d1 d2 f2 r1 flush",
                        "nack 1, ack 2",
                        "1 2",
                        ""),
                Arguments.of(
                        "finished on a processing thread: acked at once",
                        "d1 d2 F2 F1",
                        "ack 2, ack 1",
                        "2 1",
                        ""),
                Arguments.of(
                        "a processing thread's ack takes the batch before it along",
                        "d1 d2 d3 f1 F2",
                        "ack 2 multiple",
                        "1 2",
                        ""),
                Arguments.of(
                        "channel replaced: its tags are void, nothing acked on it",
                        "d1 d2 f1 replaced f2 flush",
                        "",
                        "",
                        "1 2"),
                Arguments.of(
                        "channel closed under it: the flush acks nothing",
                        "d1 d2 f1 shut flush f2",
                        "",
                        "",
                        "1 2"),
                Arguments.of(
                        "an ack that fails voids the channel's deliveries",
                        "d1 d2 d3 broken f1 f2 f3 d4 f4 flush",
                        "",
                        "",
                        "1 2 3 4"),
                Arguments.of(
                        "a requeue on a closed channel is void too", "d1 shut r1", "", "", "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void acksOnlyFinishedWorkAndNeverOverARequeue(
            String name, String script, String wire, String settled, String voided) {
        FakeChannel channel = new FakeChannel();
        List<Long> settledTags = new ArrayList<>();
        List<Long> voidedTags = new ArrayList<>();
        Acks acks =
                new Acks(
                        channel,
                        new Acks.Outcomes() {
                            @Override
                            public void settled(Acks.Delivery d) {
                                settledTags.add(d.tag);
                            }

                            @Override
                            public void voided(Acks.Delivery d) {
                                voidedTags.add(d.tag);
                            }
                        },
                        2);
        Map<Long, Acks.Delivery> deliveries = new HashMap<>();
        for (String step : script.split(" ")) {
            switch (step) {
                case "flush" -> acks.flush();
                case "replaced" -> acks.close();
                case "shut" -> channel.open = false;
                case "broken" -> channel.broken = true;
                default -> {
                    long tag = Long.parseLong(step.substring(1));
                    switch (step.charAt(0)) {
                        case 'd' -> deliveries.put(tag, acks.delivered(tag, 0));
                        case 'f' -> acks.finished(deliveries.get(tag), Settle.PROCESSED, false);
                        case 'F' -> acks.finished(deliveries.get(tag), Settle.PROCESSED, true);
                        case 'r' -> acks.finished(deliveries.get(tag), Settle.REQUEUE, false);
                        default -> throw new IllegalArgumentException(step);
                    }
                }
            }
        }
        assertThat(String.join(", ", channel.frames)).isEqualTo(wire);
        assertThat(settledTags).containsExactlyElementsOf(tags(settled));
        assertThat(voidedTags).containsExactlyInAnyOrderElementsOf(tags(voided));
        assertThat(acks.pending()).isFalse();
    }

    private static List<Long> tags(String s) {
        return s.isBlank() ? List.of() : Stream.of(s.split(" ")).map(Long::parseLong).toList();
    }

    /** Records the frames an open channel would send. */
    private static final class FakeChannel implements Acks.Sink {
        final List<String> frames = new ArrayList<>();
        boolean open = true;
        boolean broken;

        @Override
        public void ack(long tag, boolean multiple) throws IOException {
            if (broken || !open) {
                throw new IOException("channel closed");
            }
            frames.add("ack " + tag + (multiple ? " multiple" : ""));
        }

        @Override
        public void requeue(long tag) throws IOException {
            if (!open) {
                throw new IOException("channel closed");
            }
            frames.add("nack " + tag);
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }
}
