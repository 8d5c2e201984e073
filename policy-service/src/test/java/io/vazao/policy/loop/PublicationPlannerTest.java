package io.vazao.policy.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.EventKind;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Settings;
import io.vazao.contract.Target;
import io.vazao.engine.AdaptiveDecisionEngine;
import io.vazao.engine.History;
import io.vazao.engine.Outcome;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.Snapshot;
import io.vazao.engine.WorkerSample;
import io.vazao.policy.broker.BrokerReading;
import io.vazao.policy.broker.QueueFigures;
import io.vazao.policy.status.QueueStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The control loop's publish step on a fixed clock: ticks are fed by hand (inputs, then the real
 * engine's outcome at a given instant) and what would be written is checked, without a store.
 */
class PublicationPlannerTest {

    static final long T0 = 1_764_000_000_000L;
    final AdaptiveDecisionEngine engine = new AdaptiveDecisionEngine();
    final PublicationPlanner planner = new PublicationPlanner();
    final Settings settings = Settings.defaults().withMaxTotalWorkers(4);
    final Map<String, Policy> policies =
            new LinkedHashMap<>(
                    Map.of(
                            "orders",
                                    Policy.builder(0.4)
                                            .workers(1, 10)
                                            .expectedRatePerWorker(10.0)
                                            .build(),
                            "payments",
                                    Policy.builder(0.6)
                                            .workers(1, 10)
                                            .expectedRatePerWorker(10.0)
                                            .build()));
    History history = History.empty();

    /**
     * One tick at {@code T0 + seconds}: the broker's reading, through the engine, into a
     * publication.
     */
    Publication tick(long seconds, BrokerReading broker, List<WorkerSample> ordersWorkers) {
        long now = T0 + seconds * 1000;
        List<QueueSnapshot> queues =
                policies.keySet().stream()
                        .map(
                                q -> {
                                    QueueFigures f =
                                            broker.reachable() ? broker.queues().get(q) : null;
                                    QueueInputs in =
                                            f == null
                                                    ? null
                                                    : new QueueInputs(
                                                            f.ready(),
                                                            f.unacked(),
                                                            f.consumers(),
                                                            f.publishRate(),
                                                            f.ackRate(),
                                                            1,
                                                            10.0,
                                                            broker.source());
                                    return new QueueSnapshot(
                                            q, in, q.equals("orders") ? ordersWorkers : List.of());
                                })
                        .toList();
        Snapshot snapshot = new Snapshot(queues, null);
        Outcome outcome =
                engine.decide(snapshot, policies, settings, history, Instant.ofEpochMilli(now));
        history = outcome.history();
        TickInputs in =
                new TickInputs(
                        settings,
                        policies,
                        List.of(),
                        broker,
                        Map.of(),
                        snapshot,
                        Map.of("orders", 2));
        return planner.plan(in, outcome, now);
    }

    static BrokerReading backlog(long orders, long payments) {
        return new BrokerReading(
                BrokerReading.MANAGEMENT,
                Map.of(
                        "orders", new QueueFigures(orders, 0, 1, 0.0, 0.0, 0L, true, true),
                        "payments", new QueueFigures(payments, 0, 1, 0.0, 0.0, 0L, true, true)),
                null);
    }

    static BrokerReading unreachable() {
        return new BrokerReading(BrokerReading.UNREACHABLE, Map.of(), "connection refused");
    }

    static List<EventKind> kinds(Publication p) {
        return p.events().stream().map(ScalingEvent::kind).toList();
    }

    static QueueStatus status(Publication p, String queue) {
        return p.status().queues().stream()
                .filter(s -> s.queue().equals(queue))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aContendedTickPublishesTypedBudgetFactsAndOneScaleEventPerChange() {
        Publication p = tick(0, backlog(50_000, 50_000), List.of());

        assertEquals(List.of(EventKind.SCALE_UP, EventKind.SCALE_UP), kinds(p));
        Target orders = p.targets().get("orders");
        assertEquals(T0, orders.computedAt());
        assertEquals(BudgetShare.Effect.SHORT, orders.budget().effect());
        assertEquals(4, p.targets().values().stream().mapToInt(Target::target).sum());
        assertEquals(orders.budget(), status(p, "orders").budget());
        assertEquals(2, status(p, "orders").processes());
        assertNull(status(p, "payments").processes(), "no process count reported for payments");
        assertTrue(p.budgetBound(), "both queues want more than the budget of 4");
        assertEquals(4, p.status().totalTarget());
        assertEquals(T0, p.status().ts());
    }

    @Test
    void anUnchangedTargetPublishesNoEvent() {
        tick(0, backlog(50_000, 50_000), List.of());
        Publication again = tick(1, backlog(50_000, 50_000), List.of());
        assertEquals(List.of(), kinds(again));
        assertEquals(2, again.targets().size(), "every target is written every tick");
    }

    @Test
    void aBrokerOutageIsAnnouncedOnceAndShowsTheLastInputsAsHeld() {
        tick(0, backlog(50_000, 50_000), List.of());
        Publication first = tick(1, unreachable(), List.of());
        Publication second = tick(2, unreachable(), List.of());

        assertEquals(List.of(EventKind.HOLD, EventKind.HOLD), kinds(first));
        assertEquals(List.of(), kinds(second), "a hold is announced once per outage");
        QueueStatus held = status(second, "orders");
        assertEquals("held", held.source());
        assertEquals(50_000L, held.ready(), "the last inputs read, not nothing");
        assertTrue(
                held.reason().endsWith("[broker unreachable: connection refused]"), held.reason());
        assertFalse(second.status().brokerReachable());
        assertNull(second.gauges().get(0).ready(), "a held queue's gauges stay as they were");

        Publication back = tick(3, backlog(50_000, 50_000), List.of());
        assertEquals("management", status(back, "orders").source());
        tick(4, unreachable(), List.of());
        assertTrue(kinds(tick(5, unreachable(), List.of())).isEmpty());
    }

    @Test
    void aRecycleRequestIsAnnouncedOnceWhileItLasts() {
        List<WorkerSample> fat =
                List.of(new WorkerSample("orders-w1", 10, settings.maxMemoryPerWorkerBytes() + 1));
        Publication first = tick(0, backlog(100, 100), fat);
        Publication second = tick(1, backlog(100, 100), fat);
        Publication after = tick(2, backlog(100, 100), List.of());
        Publication again = tick(3, backlog(100, 100), fat);

        ScalingEvent recycle =
                first.events().stream()
                        .filter(e -> e.kind() == EventKind.RECYCLE)
                        .findFirst()
                        .orElseThrow();
        assertEquals("orders-w1", recycle.workerId());
        assertFalse(kinds(second).contains(EventKind.RECYCLE));
        assertFalse(kinds(after).contains(EventKind.RECYCLE));
        assertTrue(
                kinds(again).contains(EventKind.RECYCLE), "a new request after the old one ended");
    }

    @Test
    void aConfigurationErrorIsAnnouncedOnceUntilItIsFixed() {
        policies.put("orders", policies.get("orders").toBuilder().workers(8, 3).build());
        Publication first = tick(0, backlog(100, 100), List.of());
        Publication second = tick(1, backlog(100, 100), List.of());

        ScalingEvent error =
                first.events().stream()
                        .filter(e -> e.kind() == EventKind.CONFIG_ERROR)
                        .findFirst()
                        .orElseThrow();
        assertEquals(PublicationPlanner.GLOBAL, error.queue());
        assertTrue(error.reason().contains("minWorkers 8 > maxWorkers 3"), error.reason());
        assertFalse(kinds(second).contains(EventKind.CONFIG_ERROR));
        assertEquals(
                List.of(error.reason()),
                second.status().configErrors(),
                "still shown in the status");
    }

    @Test
    void aFirstTickWithoutTheBrokerHoldsTheLiveWorkersWithinTheBounds() {
        Publication p = tick(0, unreachable(), List.of());
        assertEquals(List.of(EventKind.HOLD, EventKind.HOLD), kinds(p));
        assertEquals(1, p.targets().get("orders").target(), p.targets().get("orders").reason());
        assertNull(p.targets().get("orders").inputs(), "nothing was ever read");
        assertNull(status(p, "orders").ready());
    }
}
