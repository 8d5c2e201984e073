package io.vazao.policy.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vazao.contract.Heartbeat;
import io.vazao.contract.WorkerState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceRateMeterTest {

    static Heartbeat hb(String id, long lastSeen, long processed) {
        return new Heartbeat(
                id, "q", "h", 1, 0, 0, lastSeen, processed, 0, 0, 10, 1, WorkerState.RUNNING, "1");
    }

    @Test
    void meanOfCounterRatesBetweenHeartbeats() {
        ServiceRateMeter meter = new ServiceRateMeter();
        assertNull(meter.perWorkerRate(List.of(hb("a", 1_000, 0), hb("b", 1_000, 100))));
        // a: 40 messages in 2 s = 20/s; b: 120 in 2 s = 60/s → mean 40/s
        assertEquals(
                40.0, meter.perWorkerRate(List.of(hb("a", 3_000, 40), hb("b", 3_000, 220))), 1e-9);
        // same heartbeat again: nothing new measured
        assertNull(meter.perWorkerRate(List.of(hb("a", 3_000, 40))));
    }

    @Test
    void forgetsWorkersThatAreGone() {
        ServiceRateMeter meter = new ServiceRateMeter();
        meter.perWorkerRate(List.of(hb("a", 1_000, 0)));
        meter.retain(Set.of());
        assertNull(meter.perWorkerRate(List.of(hb("a", 2_000, 10))));
    }
}
