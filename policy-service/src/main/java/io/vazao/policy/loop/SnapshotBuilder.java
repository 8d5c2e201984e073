package io.vazao.policy.loop;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.QueueInputs;
import io.vazao.contract.WorkerState;
import io.vazao.engine.QueueSnapshot;
import io.vazao.engine.ReadyGrowth;
import io.vazao.engine.WorkerSample;
import io.vazao.policy.broker.BrokerReading;
import io.vazao.policy.broker.QueueFigures;
import io.vazao.policy.heartbeat.ServiceRateMeter;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the shell read about one queue into the engine's {@link QueueSnapshot}: broker figures
 * plus live workers, with the instantaneous per-worker service rate (ack rate ÷ live workers, or
 * the heartbeat counters' rate when the broker gives no ack rate) and the arrival rate (the
 * broker's publish-rate statistic, or the counted ready figure's growth since the last tick when
 * that is higher: the statistic lags a burst by up to its collection interval). Pure apart from the
 * rate meter's memory.
 */
public final class SnapshotBuilder {

    private SnapshotBuilder() {}

    /** Workers with a heartbeat newer than the timeout, neither draining nor standby. */
    public static List<Heartbeat> live(
            List<Heartbeat> indexed, long now, long heartbeatTimeoutMillis) {
        List<Heartbeat> out = new ArrayList<>();
        for (Heartbeat hb : indexed) {
            if (hb.ageMillis(now) <= heartbeatTimeoutMillis
                    && hb.state() != WorkerState.DRAINING
                    && hb.state() != WorkerState.STANDBY) {
                out.add(hb);
            }
        }
        return out;
    }

    /**
     * The arrivals per second the engine is given: the statistic, or the ready growth when higher.
     */
    public static double arrivals(QueueFigures f, Double readyGrowth) {
        return ReadyGrowth.arrivals(f.publishRate(), readyGrowth);
    }

    public static QueueSnapshot queue(
            String queue,
            BrokerReading broker,
            List<Heartbeat> live,
            ServiceRateMeter meter,
            Double readyGrowth) {
        List<WorkerSample> samples =
                live.stream()
                        .map(hb -> new WorkerSample(hb.workerId(), hb.cpu(), hb.rssBytes()))
                        .toList();
        Double counterRate = meter.perWorkerRate(live);
        QueueFigures f = broker.reachable() ? broker.queues().get(queue) : null;
        if (f == null) {
            return new QueueSnapshot(queue, null, samples);
        }
        Double perWorker;
        if (f.ackRate() != null && f.ackRate() > 0 && !live.isEmpty()) {
            perWorker = f.ackRate() / live.size();
        } else {
            // Idle workers say nothing about capacity: no measurement rather than a rate of 0.
            perWorker = counterRate != null && counterRate > 0 ? counterRate : null;
        }
        QueueInputs inputs =
                new QueueInputs(
                        f.ready(),
                        f.unacked(),
                        f.consumers(),
                        arrivals(f, readyGrowth),
                        f.ackRate() == null ? 0.0 : f.ackRate(),
                        live.size(),
                        perWorker,
                        broker.source());
        return new QueueSnapshot(queue, inputs, samples);
    }
}
