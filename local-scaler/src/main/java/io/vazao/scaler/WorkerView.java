package io.vazao.scaler;

/**
 * What the scaler knows about one of its worker processes at the start of a tick.
 *
 * @param workerId the id it was started with (VAZAO_WORKER_ID)
 * @param queue the queue it consumes
 * @param startedAt epoch ms when the process was started
 * @param alive the process is still running
 * @param exitCode exit code once it has exited, else null
 * @param stopRequestedAt epoch ms of the SIGTERM, or 0 if none was sent
 * @param killed SIGKILL has been sent after the shutdown timeout
 * @param lastSeen the newest heartbeat seen (epoch ms), or null if it never heartbeated
 * @param rssBytes resident set size from the newest heartbeat (0 if unknown)
 * @param recycleRequested the policy service asked for this worker to be replaced
 * @param standby a warm standby worker: not consuming, not counted, promoted when needed
 */
public record WorkerView(
        String workerId,
        String queue,
        long startedAt,
        boolean alive,
        Integer exitCode,
        long stopRequestedAt,
        boolean killed,
        Long lastSeen,
        long rssBytes,
        boolean recycleRequested,
        boolean standby) {

    /** A worker that consumes (not a standby one). */
    public WorkerView(
            String workerId,
            String queue,
            long startedAt,
            boolean alive,
            Integer exitCode,
            long stopRequestedAt,
            boolean killed,
            Long lastSeen,
            long rssBytes,
            boolean recycleRequested) {
        this(
                workerId,
                queue,
                startedAt,
                alive,
                exitCode,
                stopRequestedAt,
                killed,
                lastSeen,
                rssBytes,
                recycleRequested,
                false);
    }

    public boolean stopping() {
        return stopRequestedAt > 0;
    }

    /** Alive, not asked to stop and not a standby: counts towards the queue's workers. */
    public boolean active() {
        return alive && !stopping() && !standby;
    }
}
