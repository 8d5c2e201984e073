package io.vazao.policy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.contract.WorkerState;
import io.vazao.engine.AdaptiveDecisionEngine;
import io.vazao.engine.History;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.Snapshot;
import io.vazao.policy.broker.BrokerReading;
import io.vazao.policy.broker.QueueFigures;
import io.vazao.policy.heartbeat.ServiceRateMeter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotBuilderTest {

    static final Heartbeat WORKER =
            new Heartbeat(
                    "w1", "orders", "h", 1, 0, 0, 1_000, 0, 0, 0, 10, 1, WorkerState.RUNNING, "1");

    static QueueSnapshot snapshot(long ready, Double publishRate, Double readyGrowth) {
        QueueFigures f = new QueueFigures(ready, 0, 1, publishRate, 123.0, 0L, true, true);
        BrokerReading reading =
                new BrokerReading(BrokerReading.MANAGEMENT, Map.of("orders", f), null);
        return SnapshotBuilder.queue(
                "orders", reading, List.of(WORKER), new ServiceRateMeter(), readyGrowth);
    }

    @ParameterizedTest(name = "statistic {0}/s, growth {1}/s -> arrivals {2}/s")
    @CsvSource(
            nullValues = "null",
            value = {
                "0.0,   3000.0, 3000.0", // a burst the statistic has not sampled yet
                "500.0, 200.0,  500.0", // the statistic is higher: growth is only a lower bound
                "40.0,  0.0,    40.0", // draining
                "40.0,  null,   40.0", // nothing counted to compare with
                "null,  null,   0.0", // AMQP fallback before a second reading
                "null,  70.0,   70.0", // AMQP fallback: growth is the only arrival figure
            })
    void arrivalsAreTheStatisticOrTheGrowthWhenHigher(
            Double statistic, Double growth, double expected) {
        assertEquals(expected, snapshot(1_000, statistic, growth).inputs().publishRate(), 1e-9);
    }

    @ParameterizedTest(name = "growth {0}/s -> target {1}")
    @CsvSource(
            nullValues = "null",
            value = {
                // One worker at 123/s drains 3,000 within the 30 s drain target: without the growth
                // nothing moves.
                "null,   1",
                // 3,000 arrived within the last second: that rate needs every worker the policy
                // allows.
                "3000.0, 6",
            })
    void aBurstBetweenStatisticsSamplesRaisesTheTargetOnTheNextTick(Double growth, int expected) {
        Policy policy = Policy.builder(1.0).workers(1, 6).build();
        var outcome =
                new AdaptiveDecisionEngine()
                        .decide(
                                new Snapshot(List.of(snapshot(3_000, 0.0, growth)), null),
                                Map.of("orders", policy),
                                Settings.defaults(),
                                History.resume(Map.of("orders", 1), Instant.EPOCH),
                                Instant.ofEpochSecond(1));
        assertEquals(expected, outcome.decisions().get(0).target());
    }

    @ParameterizedTest(
            name = "{0} s after a restart with target 6 published and an idle queue -> {1}")
    @CsvSource({
        "1,   6", // inside the scale-down window: the published target holds
        "29,  6", "31,  1", // the window (30 s by default) has passed since the restart
    })
    void aRestartResumesTheScaleDownWindowFromThePublishedTargets(long secondsLater, int expected) {
        Policy policy = Policy.builder(1.0).workers(1, 6).build();
        Instant restart = Instant.ofEpochSecond(1_000);
        History resumed = ControlLoop.seedHistory(Map.of("orders", 6), restart);
        var outcome =
                new AdaptiveDecisionEngine()
                        .decide(
                                new Snapshot(List.of(snapshot(0, 0.0, null)), null),
                                Map.of("orders", policy),
                                Settings.defaults(),
                                resumed,
                                restart.plusSeconds(secondsLater));
        assertEquals(expected, outcome.decisions().get(0).target());
    }
}
