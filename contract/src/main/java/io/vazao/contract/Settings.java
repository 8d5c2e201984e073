package io.vazao.contract;

/**
 * Global settings, stored as JSON at {@code vazao:settings}.
 *
 * @param maxTotalWorkers the worker budget shared by every managed queue
 * @param tickMillis period of the control loop
 * @param heartbeatTimeoutMillis a worker without a heartbeat for this long is dead
 * @param cpuHighPercent workers above this CPU with a growing backlog count as under-provisioned
 * @param maxMemoryPerWorkerBytes a worker above this RSS is recycled
 */
public record Settings(
        int maxTotalWorkers,
        long tickMillis,
        long heartbeatTimeoutMillis,
        double cpuHighPercent,
        long maxMemoryPerWorkerBytes) {

    public static final int DEFAULT_MAX_TOTAL_WORKERS = 12;
    public static final long DEFAULT_TICK_MILLIS = 1_000;
    public static final long DEFAULT_HEARTBEAT_TIMEOUT_MILLIS = 6_000;
    public static final double DEFAULT_CPU_HIGH_PERCENT = 80.0;
    public static final long DEFAULT_MAX_MEMORY_PER_WORKER_BYTES = 512L * 1024 * 1024;

    public static Settings defaults() {
        return new Settings(
                DEFAULT_MAX_TOTAL_WORKERS,
                DEFAULT_TICK_MILLIS,
                DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                DEFAULT_CPU_HIGH_PERCENT,
                DEFAULT_MAX_MEMORY_PER_WORKER_BYTES);
    }

    public Settings withMaxTotalWorkers(int budget) {
        return new Settings(
                budget,
                tickMillis,
                heartbeatTimeoutMillis,
                cpuHighPercent,
                maxMemoryPerWorkerBytes);
    }

    public Settings withTickMillis(long tick) {
        return new Settings(
                maxTotalWorkers,
                tick,
                heartbeatTimeoutMillis,
                cpuHighPercent,
                maxMemoryPerWorkerBytes);
    }

    public Settings withHeartbeatTimeoutMillis(long timeout) {
        return new Settings(
                maxTotalWorkers, tickMillis, timeout, cpuHighPercent, maxMemoryPerWorkerBytes);
    }

    public Settings withCpuHighPercent(double percent) {
        return new Settings(
                maxTotalWorkers,
                tickMillis,
                heartbeatTimeoutMillis,
                percent,
                maxMemoryPerWorkerBytes);
    }

    public Settings withMaxMemoryPerWorkerBytes(long bytes) {
        return new Settings(
                maxTotalWorkers, tickMillis, heartbeatTimeoutMillis, cpuHighPercent, bytes);
    }
}
