package io.vazao.scaler;

import io.vazao.contract.Settings;
import io.vazao.engine.StandbyDemand;
import io.vazao.engine.StandbyMemory;
import java.time.Duration;

/**
 * The knobs of the convergence rules.
 *
 * @param shutdownTimeoutMillis SIGTERM → SIGKILL grace (the workers' own drain timeout plus a
 *     margin)
 * @param startupTimeoutMillis a worker without any heartbeat this long after its start is stale
 * @param heartbeatTimeoutMillis a worker whose newest heartbeat is older than this is stale
 * @param maxMemoryBytes a worker above this RSS is recycled; 0 turns the check off
 * @param budget never more worker processes than this (alive, counting draining ones); 0 = no cap
 * @param backoffBaseMillis delay before the second restart in a row; doubles after that
 * @param backoffMaxMillis ceiling of the restart delay
 * @param maxStarting never more than this many workers started and not yet heartbeating at once,
 *     replacements excepted; 0 = no cap. Worker JVMs starting together on one machine share its
 *     cores: ten at once on two cores each take several times as long as one, and the first to
 *     consume comes later
 * @param standbyPerQueue warm standby workers kept per managed queue: started, connected, neither
 *     consuming nor counted, promoted with a line on their standard input when the queue needs
 *     another worker (a promotion instead of a JVM start); 0 = none. The most a queue keeps: its
 *     pool holds what its largest scale-up of the last window needed ({@link StandbyDemand})
 * @param standbyMemoryBytes the standby workers of all queues together hold at most this much
 *     memory (each counted at the largest resident set a worker reported); 0 = no limit
 */
public record ScalerConfig(
        long shutdownTimeoutMillis,
        long startupTimeoutMillis,
        long heartbeatTimeoutMillis,
        long maxMemoryBytes,
        int budget,
        long backoffBaseMillis,
        long backoffMaxMillis,
        int maxStarting,
        int standbyPerQueue,
        long standbyMemoryBytes) {

    // ISO-8601, as `vazao scaler` takes them: the command's option defaults are these constants.
    public static final String DEFAULT_SHUTDOWN_TIMEOUT = "PT35S";
    public static final String DEFAULT_STARTUP_TIMEOUT = "PT90S";
    public static final String DEFAULT_BACKOFF_BASE = "PT1S";
    public static final String DEFAULT_BACKOFF_MAX = "PT30S";

    /**
     * The defaults of `vazao scaler`, with the policy's default heartbeat timeout and memory limit;
     * no caps.
     */
    public static ScalerConfig defaults() {
        return new ScalerConfig(
                millis(DEFAULT_SHUTDOWN_TIMEOUT),
                millis(DEFAULT_STARTUP_TIMEOUT),
                Settings.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                Settings.DEFAULT_MAX_MEMORY_PER_WORKER_BYTES,
                0,
                millis(DEFAULT_BACKOFF_BASE),
                millis(DEFAULT_BACKOFF_MAX),
                0,
                0,
                StandbyMemory.DEFAULT_BUDGET_BYTES);
    }

    private static long millis(String iso) {
        return Duration.parse(iso).toMillis();
    }

    /**
     * Restart delay after {@code failures} unexpected exits in a row: 0 for the first, then base ×
     * 2^(n−2).
     */
    public long backoffMillis(int failures) {
        if (failures <= 1) {
            return 0;
        }
        int shift = Math.min(failures - 2, 20);
        return Math.min(backoffMaxMillis, backoffBaseMillis << shift);
    }

    /**
     * These knobs under the policy's settings (its budget, heartbeat timeout and memory limit);
     * null: unchanged.
     */
    public ScalerConfig under(Settings settings) {
        if (settings == null) {
            return this;
        }
        ScalerConfig c = withBudget(settings.maxTotalWorkers());
        if (settings.heartbeatTimeoutMillis() > 0) {
            c = c.withHeartbeatTimeout(settings.heartbeatTimeoutMillis());
        }
        if (settings.maxMemoryPerWorkerBytes() > 0) {
            c = c.withMaxMemory(settings.maxMemoryPerWorkerBytes());
        }
        return c;
    }

    public ScalerConfig withBudget(int newBudget) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                heartbeatTimeoutMillis,
                maxMemoryBytes,
                newBudget,
                backoffBaseMillis,
                backoffMaxMillis,
                maxStarting,
                standbyPerQueue,
                standbyMemoryBytes);
    }

    public ScalerConfig withHeartbeatTimeout(long millis) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                millis,
                maxMemoryBytes,
                budget,
                backoffBaseMillis,
                backoffMaxMillis,
                maxStarting,
                standbyPerQueue,
                standbyMemoryBytes);
    }

    public ScalerConfig withMaxMemory(long bytes) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                heartbeatTimeoutMillis,
                bytes,
                budget,
                backoffBaseMillis,
                backoffMaxMillis,
                maxStarting,
                standbyPerQueue,
                standbyMemoryBytes);
    }

    public ScalerConfig withMaxStarting(int starting) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                heartbeatTimeoutMillis,
                maxMemoryBytes,
                budget,
                backoffBaseMillis,
                backoffMaxMillis,
                starting,
                standbyPerQueue,
                standbyMemoryBytes);
    }

    public ScalerConfig withStandby(int perQueue) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                heartbeatTimeoutMillis,
                maxMemoryBytes,
                budget,
                backoffBaseMillis,
                backoffMaxMillis,
                maxStarting,
                perQueue,
                standbyMemoryBytes);
    }

    public ScalerConfig withStandbyMemory(long bytes) {
        return new ScalerConfig(
                shutdownTimeoutMillis,
                startupTimeoutMillis,
                heartbeatTimeoutMillis,
                maxMemoryBytes,
                budget,
                backoffBaseMillis,
                backoffMaxMillis,
                maxStarting,
                standbyPerQueue,
                bytes);
    }
}
