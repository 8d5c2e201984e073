package io.vazao.scaler;

/** A worker process the local scaler started, and what it learnt about it since. */
final class ManagedWorker {
    final String workerId;
    final String queue;
    final Process process;

    /** The start of its process, or of its promotion for a standby worker. */
    long startedAt;

    /** Parked: not consuming and not counted until promoted. */
    boolean standby;

    long stopRequestedAt;
    StopCause stopCause;
    boolean killed;
    Long lastSeen;
    long rssBytes;
    boolean recycleRequested;

    ManagedWorker(String workerId, String queue, Process process, long startedAt) {
        this.workerId = workerId;
        this.queue = queue;
        this.process = process;
        this.startedAt = startedAt;
    }

    /** Running and not asked to stop: what counts towards its queue's target. */
    boolean counted() {
        return process.isAlive() && stopRequestedAt == 0 && !standby;
    }

    WorkerView view() {
        boolean alive = process.isAlive();
        return new WorkerView(
                workerId,
                queue,
                startedAt,
                alive,
                alive ? null : process.exitValue(),
                stopRequestedAt,
                killed,
                lastSeen,
                rssBytes,
                recycleRequested,
                standby);
    }
}
