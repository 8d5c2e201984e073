package io.vazao.scaler;

import io.vazao.contract.EventKind;
import io.vazao.contract.ScalingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scaler's exit: every worker SIGTERMed, given the shutdown timeout to drain, then SIGKILLed.
 */
final class WorkerShutdown {

    private WorkerShutdown() {}

    static void signalAll(List<ManagedWorker> all, long now) {
        for (ManagedWorker m : all) {
            if (m.counted()) {
                m.process.destroy();
                m.stopRequestedAt = now;
                m.stopCause = StopCause.SHUTDOWN;
            }
        }
    }

    /**
     * Waits for every worker to drain within the shutdown timeout; SIGKILL for those that do not.
     */
    static void awaitOrKill(List<ManagedWorker> all, long shutdownTimeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(shutdownTimeoutMillis);
        for (ManagedWorker m : all) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !m.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    m.process.destroyForcibly();
                    m.killed = true;
                    m.process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                m.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A `stopped` event per worker, each queue counting down to zero. */
    static List<ScalingEvent> stoppedEvents(List<ManagedWorker> all, long at) {
        Map<String, Integer> counts = new HashMap<>();
        all.forEach(m -> counts.merge(m.queue, 1, Integer::sum));
        List<ScalingEvent> events = new ArrayList<>();
        for (ManagedWorker m : all) {
            int n = counts.get(m.queue);
            counts.put(m.queue, n - 1);
            events.add(
                    ActionRunner.event(
                            at,
                            m.queue,
                            EventKind.STOPPED,
                            n,
                            n - 1,
                            "scaler shutdown; exited with code "
                                    + (m.process.isAlive() ? "?" : m.process.exitValue())
                                    + (m.killed ? " after SIGKILL" : ""),
                            m.workerId));
            Log.info(
                    "worker.stopped",
                    "queue",
                    m.queue,
                    "worker",
                    m.workerId,
                    "pid",
                    m.process.pid(),
                    "reason",
                    "scaler shutdown");
        }
        return events;
    }
}
