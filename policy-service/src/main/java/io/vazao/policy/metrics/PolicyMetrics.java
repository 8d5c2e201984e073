package io.vazao.policy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's Prometheus metrics. Per-queue gauges read a holder the loop updates each tick; they
 * are removed when a queue stops being managed, so dashboards do not show ghosts.
 */
@ApplicationScoped
public class PolicyMetrics {

    /**
     * Latest figures of one queue; NaN means unknown (Prometheus shows NaN rather than a false 0).
     */
    public static final class QueueValues {
        volatile double ready = Double.NaN;
        volatile double unacked = Double.NaN;
        volatile double publishRate = Double.NaN;
        volatile double ackRate = Double.NaN;
        volatile double target = Double.NaN;
        volatile double live = Double.NaN;
        volatile double dlq = Double.NaN;
        final List<Meter> meters = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final Map<String, QueueValues> queues = new ConcurrentHashMap<>();
    private final Timer decision;
    private volatile double budget = Double.NaN;
    private volatile double exhausted = 0;

    public PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.decision =
                Timer.builder("vazao.decision")
                        .description("time the engine takes for one tick's decision")
                        .register(registry);
        Gauge.builder("vazao.budget.workers", this, m -> m.budget)
                .description("maxTotalWorkers")
                .register(registry);
        Gauge.builder("vazao.budget.exhausted", this, m -> m.exhausted)
                .description("1 when the budget, not demand, limits the targets")
                .register(registry);
    }

    public Timer decisionTimer() {
        return decision;
    }

    public void budget(int maxTotalWorkers, boolean isExhausted) {
        budget = maxTotalWorkers;
        exhausted = isExhausted ? 1 : 0;
    }

    /** Figures of one queue; null arguments leave the previous value (unknown this tick). */
    public void queue(
            String queue,
            Long ready,
            Long unacked,
            Double publishRate,
            Double ackRate,
            Integer target,
            Integer live,
            Long dlq) {
        QueueValues v = queues.computeIfAbsent(queue, this::register);
        if (ready != null) {
            v.ready = ready;
        }
        if (unacked != null) {
            v.unacked = unacked;
        }
        if (publishRate != null) {
            v.publishRate = publishRate;
        }
        if (ackRate != null) {
            v.ackRate = ackRate;
        }
        if (target != null) {
            v.target = target;
        }
        if (live != null) {
            v.live = live;
        }
        if (dlq != null) {
            v.dlq = dlq;
        }
    }

    public void scalingEvent(String queue, String direction) {
        Counter.builder("vazao.scaling.events")
                .tags("queue", queue, "direction", direction)
                .description("target changes by direction")
                .register(registry)
                .increment();
    }

    /** Removes the gauges of queues that are no longer managed. */
    public void retain(Set<String> managed) {
        for (String queue : List.copyOf(queues.keySet())) {
            if (!managed.contains(queue)) {
                QueueValues v = queues.remove(queue);
                v.meters.forEach(registry::remove);
            }
        }
    }

    private QueueValues register(String queue) {
        QueueValues v = new QueueValues();
        Tags tags = Tags.of("queue", queue);
        v.meters.add(
                Gauge.builder("vazao.queue.ready", v, x -> x.ready).tags(tags).register(registry));
        v.meters.add(
                Gauge.builder("vazao.queue.unacked", v, x -> x.unacked)
                        .tags(tags)
                        .register(registry));
        v.meters.add(
                Gauge.builder("vazao.queue.publish.rate", v, x -> x.publishRate)
                        .tags(tags)
                        .register(registry));
        v.meters.add(
                Gauge.builder("vazao.queue.ack.rate", v, x -> x.ackRate)
                        .tags(tags)
                        .register(registry));
        v.meters.add(
                Gauge.builder("vazao.target.workers", v, x -> x.target)
                        .tags(tags)
                        .register(registry));
        v.meters.add(
                Gauge.builder("vazao.live.workers", v, x -> x.live).tags(tags).register(registry));
        v.meters.add(
                Gauge.builder("vazao.dlq.messages", v, x -> x.dlq).tags(tags).register(registry));
        return v;
    }
}
