package io.vazao.scaler;

/**
 * The knobs of the convergence rules.
 *
 * @param shutdownTimeoutMillis  SIGTERM → SIGKILL grace (the workers' own drain timeout plus a margin)
 * @param startupTimeoutMillis   a worker without any heartbeat this long after its start is stale
 * @param heartbeatTimeoutMillis a worker whose newest heartbeat is older than this is stale
 * @param maxMemoryBytes         a worker above this RSS is recycled; 0 turns the check off
 * @param budget                 never more worker processes than this (alive, counting draining
 *                               ones); 0 = no cap
 * @param backoffBaseMillis      delay before the second restart in a row; doubles after that
 * @param backoffMaxMillis       ceiling of the restart delay
 * @param maxStarting            never more than this many workers started and not yet heartbeating at
 *                               once, replacements excepted; 0 = no cap. Worker JVMs starting together
 *                               on one machine share its cores: ten at once on two cores each take
 *                               several times as long as one, and the first to consume comes later
 */
public record ScalerConfig(
        long shutdownTimeoutMillis,
        long startupTimeoutMillis,
        long heartbeatTimeoutMillis,
        long maxMemoryBytes,
        int budget,
        long backoffBaseMillis,
        long backoffMaxMillis,
        int maxStarting) {

    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MILLIS = 35_000;
    public static final long DEFAULT_STARTUP_TIMEOUT_MILLIS = 90_000;
    public static final long DEFAULT_BACKOFF_BASE_MILLIS = 1_000;
    public static final long DEFAULT_BACKOFF_MAX_MILLIS = 30_000;

    /** Restart delay after {@code failures} unexpected exits in a row: 0 for the first, then base × 2^(n−2). */
    public long backoffMillis(int failures) {
        if (failures <= 1) {
            return 0;
        }
        int shift = Math.min(failures - 2, 20);
        return Math.min(backoffMaxMillis, backoffBaseMillis << shift);
    }

    public ScalerConfig withBudget(int newBudget) {
        return new ScalerConfig(shutdownTimeoutMillis, startupTimeoutMillis, heartbeatTimeoutMillis,
                maxMemoryBytes, newBudget, backoffBaseMillis, backoffMaxMillis, maxStarting);
    }

    public ScalerConfig withHeartbeatTimeout(long millis) {
        return new ScalerConfig(shutdownTimeoutMillis, startupTimeoutMillis, millis,
                maxMemoryBytes, budget, backoffBaseMillis, backoffMaxMillis, maxStarting);
    }

    public ScalerConfig withMaxMemory(long bytes) {
        return new ScalerConfig(shutdownTimeoutMillis, startupTimeoutMillis, heartbeatTimeoutMillis,
                bytes, budget, backoffBaseMillis, backoffMaxMillis, maxStarting);
    }
}
