package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A queue's scaling policy, stored as JSON at {@code vazao:policy:{queue}}. A queue is managed by
 * vazao when it has a policy.
 *
 * @param weight share of the worker budget under contention (&gt; 0)
 * @param minWorkers floor of the target
 * @param maxWorkers ceiling of the target
 * @param messagesPerWorker backlog one worker is expected to absorb per tick (cold start fallback,
 *     and the divisor of seed mode)
 * @param targetDrainSeconds the backlog should be drained within this many seconds
 * @param expectedRatePerWorker messages/s one worker handles, used until a rate is measured; null
 *     when unknown
 * @param rateLimitPerSecond all workers of the queue together stay under this; null = none
 * @param paused paused queues get no workers
 * @param scaleDownStabilizationSeconds lower demand must last this long before the target falls
 * @param mode adaptive or seed
 * @param retry how the workers retry failed messages; null = the workers' own configuration
 * @param deliveryLimit redeliveries without settlement before a message is dead-lettered as {@code
 *     delivery-limit} (0 = no limit); null = the workers' own {@code vazao.delivery.limit}
 * @param duplicateWindowSeconds opt-in duplicate guard: a message id processed within this many
 *     seconds is acked without running the function again; null or 0 = off
 * @param forecastSeconds how far ahead the arrival rate is forecast (one worker start-up): the
 *     target covers the arrivals expected then when that is more than now; null = {@link
 *     #DEFAULT_FORECAST_SECONDS}, 0 = off
 * @param forecastSeasonSeconds the period of periodic arrivals (e.g. 86400 for a daily pattern),
 *     learned as a season by the forecast; null or 0 = trend only
 * @param queueType the type the work queue is declared with when it does not exist yet ({@link
 *     Topology#workQueueArguments}); null = classic
 * @param standbyWorkers warm standby workers the local scaler keeps for the queue (started,
 *     connected, not consuming, promoted instead of a start); null = the scaler's {@code --standby}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Policy(
        double weight,
        int minWorkers,
        int maxWorkers,
        int messagesPerWorker,
        int targetDrainSeconds,
        Double expectedRatePerWorker,
        Double rateLimitPerSecond,
        boolean paused,
        int scaleDownStabilizationSeconds,
        Mode mode,
        RetryPolicy retry,
        Integer deliveryLimit,
        Integer duplicateWindowSeconds,
        Integer forecastSeconds,
        Integer forecastSeasonSeconds,
        QueueType queueType,
        Integer standbyWorkers) {

    public static final int DEFAULT_MIN_WORKERS = 1;
    public static final int DEFAULT_MAX_WORKERS = 10;
    public static final int DEFAULT_MESSAGES_PER_WORKER = 200;
    public static final int DEFAULT_TARGET_DRAIN_SECONDS = 30;
    public static final int DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS = 30;
    public static final int DEFAULT_FORECAST_SECONDS = 5;

    /** The largest {@code expectedRatePerWorker} a policy may name, messages/s. */
    public static final int MAX_EXPECTED_RATE_PER_WORKER = 1_000_000;

    /** Redeliveries without settlement before a dead letter, when neither policy nor worker say. */
    public static final int DEFAULT_DELIVERY_LIMIT = 5;

    /** {@link #DEFAULT_DELIVERY_LIMIT} for configuration defaults (annotations take text). */
    public static final String DEFAULT_DELIVERY_LIMIT_TEXT = "" + DEFAULT_DELIVERY_LIMIT;

    public Policy {
        if (mode == null) {
            mode = Mode.ADAPTIVE;
        }
    }

    /**
     * The defaults of the replaced system (min 1, max 10, 200 messages per worker) with a weight.
     */
    public static Policy defaults(double weight) {
        return new Policy(
                weight,
                DEFAULT_MIN_WORKERS,
                DEFAULT_MAX_WORKERS,
                DEFAULT_MESSAGES_PER_WORKER,
                DEFAULT_TARGET_DRAIN_SECONDS,
                null,
                null,
                false,
                DEFAULT_SCALE_DOWN_STABILIZATION_SECONDS,
                Mode.ADAPTIVE,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** The forecast's horizon in seconds; 0 when the forecast is off. */
    public int forecastHorizonSeconds() {
        return forecastSeconds == null ? DEFAULT_FORECAST_SECONDS : Math.max(0, forecastSeconds);
    }

    /** The forecast's season in seconds; 0 for none. */
    public int forecastSeason() {
        return forecastSeasonSeconds == null ? 0 : Math.max(0, forecastSeasonSeconds);
    }

    /** The type the work queue is declared with when it does not exist yet. */
    public QueueType queueTypeOrDefault() {
        return queueType == null ? QueueType.CLASSIC : queueType;
    }

    public boolean hasRateLimit() {
        return rateLimitPerSecond != null && rateLimitPerSecond > 0;
    }

    public Policy withWeight(double newWeight) {
        return toBuilder().weight(newWeight).build();
    }

    public Policy withPaused(boolean newPaused) {
        return toBuilder().paused(newPaused).build();
    }

    public Policy withRetry(RetryPolicy newRetry) {
        return toBuilder().retry(newRetry).build();
    }

    public Policy withRateLimit(Double newRateLimit) {
        return toBuilder().rateLimitPerSecond(newRateLimit).build();
    }

    /**
     * The defaults with this weight, to change field by field: {@code
     * Policy.builder(0.4).maxWorkers(6).build()}.
     */
    public static Builder builder(double weight) {
        return defaults(weight).toBuilder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Field-by-field copy of a policy: ten positional numbers are easy to get in the wrong order.
     */
    public static final class Builder {
        private double weight;
        private int minWorkers;
        private int maxWorkers;
        private int messagesPerWorker;
        private int targetDrainSeconds;
        private Double expectedRatePerWorker;
        private Double rateLimitPerSecond;
        private boolean paused;
        private int scaleDownStabilizationSeconds;
        private Mode mode;
        private RetryPolicy retry;
        private Integer deliveryLimit;
        private Integer duplicateWindowSeconds;
        private Integer forecastSeconds;
        private Integer forecastSeasonSeconds;
        private QueueType queueType;
        private Integer standbyWorkers;

        private Builder(Policy p) {
            weight = p.weight;
            minWorkers = p.minWorkers;
            maxWorkers = p.maxWorkers;
            messagesPerWorker = p.messagesPerWorker;
            targetDrainSeconds = p.targetDrainSeconds;
            expectedRatePerWorker = p.expectedRatePerWorker;
            rateLimitPerSecond = p.rateLimitPerSecond;
            paused = p.paused;
            scaleDownStabilizationSeconds = p.scaleDownStabilizationSeconds;
            mode = p.mode;
            retry = p.retry;
            deliveryLimit = p.deliveryLimit;
            duplicateWindowSeconds = p.duplicateWindowSeconds;
            forecastSeconds = p.forecastSeconds;
            forecastSeasonSeconds = p.forecastSeasonSeconds;
            queueType = p.queueType;
            standbyWorkers = p.standbyWorkers;
        }

        public Builder weight(double v) {
            weight = v;
            return this;
        }

        public Builder minWorkers(int v) {
            minWorkers = v;
            return this;
        }

        public Builder maxWorkers(int v) {
            maxWorkers = v;
            return this;
        }

        /** Both bounds at once: a queue pinned between them. */
        public Builder workers(int min, int max) {
            return minWorkers(min).maxWorkers(max);
        }

        public Builder messagesPerWorker(int v) {
            messagesPerWorker = v;
            return this;
        }

        public Builder targetDrainSeconds(int v) {
            targetDrainSeconds = v;
            return this;
        }

        public Builder expectedRatePerWorker(Double v) {
            expectedRatePerWorker = v;
            return this;
        }

        public Builder rateLimitPerSecond(Double v) {
            rateLimitPerSecond = v;
            return this;
        }

        public Builder paused(boolean v) {
            paused = v;
            return this;
        }

        public Builder scaleDownStabilizationSeconds(int v) {
            scaleDownStabilizationSeconds = v;
            return this;
        }

        public Builder mode(Mode v) {
            mode = v;
            return this;
        }

        public Builder retry(RetryPolicy v) {
            retry = v;
            return this;
        }

        public Builder deliveryLimit(Integer v) {
            deliveryLimit = v;
            return this;
        }

        public Builder duplicateWindowSeconds(Integer v) {
            duplicateWindowSeconds = v;
            return this;
        }

        public Builder forecastSeconds(Integer v) {
            forecastSeconds = v;
            return this;
        }

        public Builder forecastSeasonSeconds(Integer v) {
            forecastSeasonSeconds = v;
            return this;
        }

        public Builder queueType(QueueType v) {
            queueType = v;
            return this;
        }

        public Builder standbyWorkers(Integer v) {
            standbyWorkers = v;
            return this;
        }

        public Policy build() {
            return new Policy(
                    weight,
                    minWorkers,
                    maxWorkers,
                    messagesPerWorker,
                    targetDrainSeconds,
                    expectedRatePerWorker,
                    rateLimitPerSecond,
                    paused,
                    scaleDownStabilizationSeconds,
                    mode,
                    retry,
                    deliveryLimit,
                    duplicateWindowSeconds,
                    forecastSeconds,
                    forecastSeasonSeconds,
                    queueType,
                    standbyWorkers);
        }
    }
}
