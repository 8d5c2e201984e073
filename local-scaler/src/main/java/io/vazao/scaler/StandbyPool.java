package io.vazao.scaler;

import io.vazao.engine.StandbyDemand;
import io.vazao.engine.StandbyMemory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tick's last rule: each managed queue keeps a pool of standby workers, as many as its recent
 * scale-ups needed ({@link StandbyDemand}) up to its policy's number (else the scaler's), all pools
 * together within the standby memory budget ({@link StandbyMemory}). New ones start with the start
 * slots the queues' own starts left, one per queue per tick and not while the queue backs off;
 * those of queues no longer managed, or beyond the pool, stop.
 */
final class StandbyPool {

    private StandbyPool() {}

    /** Adds the tick's standby actions; returns each managed queue's scale-up history. */
    static Map<String, StandbyDemand> keep(ConvergenceTick t) {
        Convergence.Input in = t.in;
        Map<String, StandbyDemand> demand = new TreeMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (String queue : new TreeSet<>(in.targets().keySet())) {
            int shortfall =
                    Math.max(0, in.targets().get(queue))
                            - t.active.getOrDefault(queue, List.of()).size();
            StandbyDemand d =
                    in.demand()
                            .getOrDefault(queue, StandbyDemand.startingAt(t.now))
                            .record(t.now, shortfall);
            demand.put(queue, d);
            wanted.put(queue, d.wanted(t.now, in.standbyFor(queue)));
        }
        Map<String, Integer> allotted =
                StandbyMemory.allot(
                        wanted, t.cfg.standbyMemoryBytes(), largestWorkerBytes(in.workers()));
        TreeSet<String> all = new TreeSet<>(in.targets().keySet());
        all.addAll(t.standby.keySet());
        for (String queue : all) {
            List<WorkerView> parked = t.standby.getOrDefault(queue, List.of());
            int keep = allotted.getOrDefault(queue, 0);
            String why = why(queue, keep, wanted.getOrDefault(queue, 0), demand.get(queue), in);
            for (WorkerView w : parked.subList(Math.min(keep, parked.size()), parked.size())) {
                t.actions.add(
                        new Action.Stop(
                                w.workerId(),
                                queue,
                                StopCause.SCALE_DOWN,
                                "standby beyond the " + keep + " kept (" + why + ")"));
            }
            if (parked.size() < keep
                    && t.startSlots > 0
                    && t.now >= t.queues.getOrDefault(queue, QueueState.FRESH).nextStartAt()) {
                t.startSlots--;
                t.actions.add(
                        new Action.StartStandby(
                                queue,
                                "standby "
                                        + (parked.size() + 1)
                                        + " of "
                                        + keep
                                        + " ("
                                        + why
                                        + ")"));
            }
        }
        return demand;
    }

    private static String why(
            String queue, int keep, int wanted, StandbyDemand d, Convergence.Input in) {
        if (d == null) {
            return "queue not managed";
        }
        String pool = d.reason(in.now(), in.standbyFor(queue));
        return keep < wanted ? pool + ", " + keep + " within the standby memory budget" : pool;
    }

    /**
     * What one standby worker is taken to hold: the largest resident set a live worker reported, or
     * an estimate before any did.
     */
    static long largestWorkerBytes(List<WorkerView> workers) {
        long largest = 0;
        for (WorkerView w : workers) {
            if (w.alive()) {
                largest = Math.max(largest, w.rssBytes());
            }
        }
        return largest > 0 ? largest : StandbyMemory.UNMEASURED_WORKER_BYTES;
    }
}
