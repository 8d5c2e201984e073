package io.vazao.policy.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BrokerReaderTest {

    private static final String Q = "orders";
    private static final QueueFigures STATS =
            new QueueFigures(100, 16, 1, 50.0, 40.0, 3L, true, false);
    private static final QueueFigures LIVE =
            new QueueFigures(5_000, 0, 2, null, null, 4L, true, true);

    private static QueueSource answering(QueueFigures figures) {
        return queues -> Map.of(Q, figures);
    }

    private static QueueSource down(String why) {
        return queues -> {
            throw new BrokerUnavailableException(why);
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "both answer: live ready, consumers and DLQ; unacked and rates from statistics",
                        answering(STATS),
                        answering(LIVE),
                        BrokerReading.MANAGEMENT,
                        new QueueFigures(5_000, 16, 2, 50.0, 40.0, 4L, true, true)),
                Arguments.of(
                        "AMQP down: statistics alone",
                        answering(STATS),
                        down("amqp"),
                        BrokerReading.MANAGEMENT,
                        STATS),
                Arguments.of(
                        "queue gone since the statistics: statistics alone",
                        answering(STATS),
                        answering(QueueFigures.undeclared()),
                        BrokerReading.MANAGEMENT,
                        STATS),
                Arguments.of(
                        "management down: AMQP alone",
                        down("http"),
                        answering(LIVE),
                        BrokerReading.AMQP,
                        LIVE),
                Arguments.of(
                        "both down: unreachable",
                        down("http"),
                        down("amqp"),
                        BrokerReading.UNREACHABLE,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheFreshestFiguresEachSourceHas(
            String name,
            QueueSource management,
            QueueSource amqp,
            String source,
            QueueFigures expected) {
        BrokerReading reading = new BrokerReader(management, amqp).read(List.of(Q));
        assertEquals(source, reading.source());
        assertEquals(expected, reading.queues().get(Q));
    }
}
