package io.vazao.policy.loop;

import io.vazao.contract.EventKind;
import io.vazao.contract.Policy;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.ScalingEvent;
import io.vazao.contract.Target;
import io.vazao.engine.Decision;
import io.vazao.engine.Outcome;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.Recycle;
import io.vazao.policy.broker.BrokerReading;
import io.vazao.policy.broker.QueueFigures;
import io.vazao.policy.status.QueueStatus;
import io.vazao.policy.status.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a tick's inputs and the engine's outcome into what the tick publishes. It remembers across
 * ticks only what decides whether an event is new: a hold, a configuration error or a recycle
 * request is announced once, not every tick it lasts; a held queue keeps showing its last inputs.
 */
final class PublicationPlanner {

    /** Queue name of events that concern the whole configuration rather than one queue. */
    static final String GLOBAL = "*";

    private final Map<String, QueueInputs> lastInputs = new HashMap<>();
    private final Set<String> held = new HashSet<>();
    private Set<String> configErrors = Set.of();
    private Set<String> recycled = Set.of();

    Publication plan(TickInputs in, Outcome outcome, long now) {
        Map<String, QueueSnapshot> byQueue = new HashMap<>();
        in.snapshot().queues().forEach(q -> byQueue.put(q.queue(), q));
        Map<String, Target> targets = new LinkedHashMap<>();
        List<ScalingEvent> events = new ArrayList<>();
        List<Publication.QueueGauges> gauges = new ArrayList<>();
        List<QueueStatus> statuses = new ArrayList<>();
        int totalTarget = 0;
        int totalLive = 0;
        boolean someQueueCut = false;
        for (Decision d : outcome.decisions()) {
            if (d.target() < 0) {
                continue; // nothing known and nothing published yet: there is no target to hold
            }
            String q = d.queue();
            int live = in.liveWorkers().getOrDefault(q, List.of()).size();
            QueueSnapshot snap = byQueue.get(q);
            boolean isHeld = d.kind() == EventKind.HOLD;
            QueueInputs read = snap == null ? null : snap.inputs();
            QueueInputs inputs = inputsShown(q, read, live);
            String reason =
                    reason(d, in.broker(), read == null)
                            + (read == null ? "" : arrivalsNote(read, in.broker(), q));
            int previous = Math.max(0, d.previous());
            targets.put(q, new Target(q, d.target(), previous, reason, inputs, now, d.budget()));
            events.addAll(queueEvents(d, previous, isHeld, reason, inputs, live, now));
            Policy policy = in.policies().get(q);
            totalTarget += d.target();
            totalLive += live;
            if (policy != null
                    && !policy.paused()
                    && Math.min(d.demand(), policy.maxWorkers()) > d.target()) {
                someQueueCut = true;
            }
            gauges.add(gauges(q, d.target(), live, isHeld ? null : inputs, in.broker()));
            statuses.add(status(d, inputs, live, reason, now, isHeld, in, policy));
        }
        Set<String> errors = new LinkedHashSet<>(in.policyErrors());
        errors.addAll(outcome.configErrors());
        events.addAll(newConfigErrors(errors, totalLive, now));
        events.addAll(newRecycles(outcome.recycle(), in, now));
        Set<String> managed = in.policies().keySet();
        lastInputs.keySet().retainAll(managed);
        held.retainAll(managed);
        int budget = in.settings().maxTotalWorkers();
        Status status =
                new Status(
                        now,
                        budget,
                        totalTarget,
                        totalLive,
                        in.broker().reachable(),
                        List.copyOf(errors),
                        statuses);
        return new Publication(
                targets, events, gauges, status, someQueueCut && totalTarget >= budget);
    }

    private static QueueStatus status(
            Decision d,
            QueueInputs inputs,
            int live,
            String reason,
            long now,
            boolean isHeld,
            TickInputs in,
            Policy policy) {
        String q = d.queue();
        return new QueueStatus(
                q,
                inputs == null ? null : inputs.ready(),
                inputs == null ? null : inputs.unacked(),
                inputs == null ? null : inputs.consumers(),
                inputs == null ? null : inputs.publishRate(),
                inputs == null ? null : inputs.ackRate(),
                d.target(),
                live,
                in.processes().get(q),
                reason,
                now,
                isHeld ? QueueInputs.SOURCE_HELD : in.broker().source(),
                policy,
                d.budget());
    }

    /**
     * Held queues show the last inputs read (with the live count of now); others are remembered.
     */
    private QueueInputs inputsShown(String queue, QueueInputs read, int live) {
        if (read != null) {
            lastInputs.put(queue, read);
            return read;
        }
        QueueInputs last = lastInputs.get(queue);
        return last == null
                ? null
                : new QueueInputs(
                        last.ready(),
                        last.unacked(),
                        last.consumers(),
                        last.publishRate(),
                        last.ackRate(),
                        live,
                        last.perWorkerRate(),
                        QueueInputs.SOURCE_HELD);
    }

    private List<ScalingEvent> queueEvents(
            Decision d,
            int previous,
            boolean isHeld,
            String reason,
            QueueInputs inputs,
            int live,
            long now) {
        long depth = inputs == null ? 0 : inputs.depth();
        double rate = inputs == null ? 0 : inputs.publishRate();
        List<ScalingEvent> out = new ArrayList<>(1);
        if (d.kind() == EventKind.SCALE_UP || d.kind() == EventKind.SCALE_DOWN) {
            out.add(
                    new ScalingEvent(
                            now,
                            d.queue(),
                            d.kind(),
                            previous,
                            d.target(),
                            reason,
                            depth,
                            rate,
                            live,
                            null));
        }
        if (isHeld && held.add(d.queue())) {
            out.add(
                    new ScalingEvent(
                            now,
                            d.queue(),
                            EventKind.HOLD,
                            previous,
                            d.target(),
                            reason,
                            depth,
                            rate,
                            live,
                            null));
        } else if (!isHeld) {
            held.remove(d.queue());
        }
        return out;
    }

    private static Publication.QueueGauges gauges(
            String q, int target, int live, QueueInputs inputs, BrokerReading broker) {
        QueueFigures f = broker.reachable() ? broker.queues().get(q) : null;
        return new Publication.QueueGauges(
                q,
                inputs == null ? null : inputs.ready(),
                inputs == null ? null : inputs.unacked(),
                inputs == null || f == null ? null : f.publishRate(),
                inputs == null || f == null ? null : f.ackRate(),
                target,
                live,
                f == null ? null : f.dlqMessages());
    }

    private List<ScalingEvent> newConfigErrors(Set<String> errors, int totalLive, long now) {
        List<ScalingEvent> out = new ArrayList<>();
        for (String error : errors) {
            if (!configErrors.contains(error)) {
                out.add(
                        new ScalingEvent(
                                now,
                                GLOBAL,
                                EventKind.CONFIG_ERROR,
                                0,
                                0,
                                error,
                                0,
                                0,
                                totalLive,
                                null));
            }
        }
        configErrors = errors;
        return out;
    }

    private List<ScalingEvent> newRecycles(List<Recycle> requests, TickInputs in, long now) {
        List<ScalingEvent> out = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (Recycle r : requests) {
            current.add(r.workerId());
            if (!recycled.contains(r.workerId())) {
                int live = in.liveWorkers().getOrDefault(r.queue(), List.of()).size();
                out.add(
                        new ScalingEvent(
                                now,
                                r.queue(),
                                EventKind.RECYCLE,
                                live,
                                live,
                                r.reason(),
                                0,
                                0,
                                live,
                                r.workerId()));
            }
        }
        recycled = current;
        return out;
    }

    /**
     * Says so when the arrivals the engine was given are the ready growth, not the broker's
     * statistic.
     */
    private static String arrivalsNote(QueueInputs used, BrokerReading reading, String queue) {
        QueueFigures f = reading.queues().get(queue);
        if (f == null || !(used.publishRate() > SnapshotBuilder.arrivals(f, null))) {
            return "";
        }
        return " [arrivals: ready grew "
                + Math.round(used.publishRate())
                + "/s since the last tick; the broker's statistic says "
                + Math.round(SnapshotBuilder.arrivals(f, null))
                + "/s]";
    }

    private static String reason(Decision d, BrokerReading reading, boolean unread) {
        String base = d.reason() == null ? "" : d.reason();
        if (unread) {
            return base + " [broker unreachable: " + reading.problem() + "]";
        }
        if (BrokerReading.AMQP.equals(reading.source())) {
            return base
                    + " [figures from AMQP passive declare (ready and consumers only; no unacked, no rates): "
                    + reading.problem()
                    + "]";
        }
        return base;
    }
}
