package io.vazao.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ScaledObject with one {@code rabbitmq} trigger in QueueLength mode and every default left
 * alone, driving the Horizontal Pod Autoscaler with its default behavior. Two loops:
 *
 * <ul>
 *   <li>KEDA's operator, every {@code pollingInterval} (30 s): scales 0 → 1 when the queue has
 *       messages (activationValue 0) and 1 → 0 after {@code cooldownPeriod} (300 s) without any;
 *   <li>the HPA, every sync period (15 s), from 1 replica up: desired = ceil(messages / value) with
 *       value 20, no change within the 10 % tolerance, scale-up limited to the larger of +100 % and
 *       +4 pods per 15 s, scale-down to the highest recommendation of the last 300 s.
 * </ul>
 *
 * The metric is ready + unacked: the trigger's HTTP protocol reads the queue's {@code messages}
 * from the management API. Sources are cited in docs/simulator.md.
 */
public final class KedaDefaultsPolicy implements ScalingPolicy {

    public static final double QUEUE_LENGTH_VALUE = 20;
    public static final double ACTIVATION_VALUE = 0;
    public static final double POLLING_INTERVAL_SECONDS = 30;
    public static final double COOLDOWN_PERIOD_SECONDS = 300;
    public static final int MIN_REPLICA_COUNT = 0;
    public static final double HPA_SYNC_PERIOD_SECONDS = 15;
    public static final double HPA_TOLERANCE = 0.1;
    public static final int SCALE_UP_PODS = 4;
    public static final int SCALE_UP_PERCENT = 100;
    public static final double SCALE_UP_PERIOD_SECONDS = 15;
    public static final double SCALE_DOWN_STABILIZATION_SECONDS = 300;

    private final int maxReplicaCount;
    private final double queueLengthValue;
    private final Map<String, QueueState> states = new HashMap<>();

    /** Every default, the trigger's {@code value} included (20 messages per replica). */
    public KedaDefaultsPolicy(int maxReplicaCount) {
        this(maxReplicaCount, QUEUE_LENGTH_VALUE);
    }

    /**
     * @param queueLengthValue the trigger's {@code value}: messages per replica the HPA aims at
     */
    public KedaDefaultsPolicy(int maxReplicaCount, double queueLengthValue) {
        if (!(queueLengthValue > 0)) {
            throw new IllegalArgumentException("queueLengthValue: must be > 0");
        }
        this.maxReplicaCount = maxReplicaCount;
        this.queueLengthValue = queueLengthValue;
    }

    @Override
    public String name() {
        return "keda";
    }

    @Override
    public double periodSeconds() {
        return HPA_SYNC_PERIOD_SECONDS;
    }

    @Override
    public Map<String, Integer> decide(
            double t, Map<String, Observation> observations, Map<String, Integer> current) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        boolean kedaPoll = isMultiple(t, POLLING_INTERVAL_SECONDS);
        observations.forEach(
                (queue, o) -> {
                    QueueState s =
                            states.computeIfAbsent(
                                    queue, q -> new QueueState(current.getOrDefault(q, 0), t));
                    if (kedaPoll) {
                        s.replicas = activation(s, o.messages(), t);
                    }
                    s.replicas = hpa(s, o.messages(), t, maxReplicaCount, queueLengthValue);
                    targets.put(queue, s.replicas);
                });
        return targets;
    }

    /** KEDA's operator loop: only moves between 0 and the HPA's range. */
    static int activation(QueueState s, long messages, double t) {
        boolean active = messages > ACTIVATION_VALUE;
        if (active) {
            s.lastActive = t;
        }
        if (s.replicas == 0 && active) {
            return Math.max(MIN_REPLICA_COUNT, 1);
        }
        if (s.replicas > 0
                && !active
                && MIN_REPLICA_COUNT == 0
                && t - s.lastActive >= COOLDOWN_PERIOD_SECONDS) {
            return 0;
        }
        return s.replicas;
    }

    /** One HPA sync for an external AverageValue metric with the default behavior. */
    static int hpa(QueueState s, long messages, double t, int maxReplicas) {
        return hpa(s, messages, t, maxReplicas, QUEUE_LENGTH_VALUE);
    }

    /** The same with the trigger's {@code value} set. */
    static int hpa(QueueState s, long messages, double t, int maxReplicas, double value) {
        int current = s.replicas;
        if (current == 0) {
            return 0; // the HPA does not scale from zero; KEDA's loop does
        }
        int hpaMin = Math.max(MIN_REPLICA_COUNT, 1);
        int proposal = proposal(messages, current, value);
        // Scale-down stabilization: the highest recommendation inside the window wins.
        s.recommendations.addLast(new double[] {t, proposal});
        while (!s.recommendations.isEmpty()
                && s.recommendations.peekFirst()[0] <= t - SCALE_DOWN_STABILIZATION_SECONDS) {
            s.recommendations.removeFirst();
        }
        int downRecommendation =
                s.recommendations.stream().mapToInt(r -> (int) r[1]).max().orElse(proposal);
        int stabilized = current;
        if (proposal > current) {
            stabilized = proposal; // no scale-up stabilization by default
        } else if (downRecommendation < current) {
            stabilized = downRecommendation;
        }
        // Scale-up rate: the larger of +100 % and +4 pods per 15 s, from the replicas at the
        // period's start.
        while (!s.scaleUps.isEmpty() && s.scaleUps.peekFirst()[0] <= t - SCALE_UP_PERIOD_SECONDS) {
            s.scaleUps.removeFirst();
        }
        int addedInPeriod = s.scaleUps.stream().mapToInt(e -> (int) e[1]).sum();
        int periodStart = current - addedInPeriod;
        int upLimit =
                Math.max(periodStart + SCALE_UP_PODS, periodStart * (100 + SCALE_UP_PERCENT) / 100);
        int desired = Math.min(stabilized, upLimit);
        desired = Math.max(hpaMin, Math.min(maxReplicas, desired));
        if (desired > current) {
            s.scaleUps.addLast(new double[] {t, desired - current});
        }
        return desired;
    }

    /**
     * The replica calculator: ceil(metric / target), unless within the tolerance of the current
     * ratio.
     */
    static int proposal(long messages, int current) {
        return proposal(messages, current, QUEUE_LENGTH_VALUE);
    }

    /** The replica calculator with the trigger's {@code value} set. */
    static int proposal(long messages, int current, double value) {
        double usageRatio = messages / (value * current);
        if (Math.abs(usageRatio - 1.0) <= HPA_TOLERANCE) {
            return current;
        }
        return (int) Math.ceil(messages / value);
    }

    static boolean isMultiple(double t, double period) {
        long ms = Math.round(t * 1000);
        long p = Math.round(period * 1000);
        return ms % p == 0;
    }

    /** KEDA's and the HPA's memory for one ScaledObject. */
    static final class QueueState {
        int replicas;
        double lastActive;
        final Deque<double[]> recommendations = new ArrayDeque<>();
        final Deque<double[]> scaleUps = new ArrayDeque<>();

        QueueState(int replicas, double lastActive) {
            this.replicas = replicas;
            this.lastActive = lastActive;
        }
    }
}
