package io.vazao.simulator;

/**
 * How a worker behaves in the simulation; every policy runs against the same model.
 *
 * @param serviceRate messages per second one running worker processes
 * @param startupSeconds seconds from "start a worker" until it consumes (JVM start, pod scheduling)
 * @param prefetch messages one worker holds unacknowledged (its in-flight capacity); the broker
 *     reports them as unacked, not ready
 * @param initialWorkers running workers per queue when the simulation starts
 * @param maxWorkers ceiling per queue, the same for every policy (vazao's maxWorkers, KEDA's
 *     maxReplicaCount, the seed's MAX_WORKERS)
 */
public record WorkerModel(
        double serviceRate,
        double startupSeconds,
        int prefetch,
        int initialWorkers,
        int maxWorkers) {

    public static final WorkerModel DEFAULT = new WorkerModel(100, 5, 16, 1, 10);

    public WorkerModel {
        if (serviceRate <= 0) throw new IllegalArgumentException("serviceRate: must be > 0");
        if (startupSeconds < 0) throw new IllegalArgumentException("startupSeconds: must be >= 0");
        if (prefetch < 1) throw new IllegalArgumentException("prefetch: must be >= 1");
        if (maxWorkers < 1) throw new IllegalArgumentException("maxWorkers: must be >= 1");
        if (initialWorkers < 0 || initialWorkers > maxWorkers) {
            throw new IllegalArgumentException("initialWorkers: must be between 0 and maxWorkers");
        }
    }
}
