package io.vazao.functions.lifecycle;

import io.vazao.contract.WorkerState;
import jakarta.enterprise.context.ApplicationScoped;

/** The worker's state as heartbeats report it, and whether it still takes messages. */
@ApplicationScoped
public class Lifecycle {

    private volatile WorkerState state = WorkerState.STARTING;

    public WorkerState state() {
        return state;
    }

    public void running() {
        if (state == WorkerState.STARTING || state == WorkerState.STANDBY) {
            state = WorkerState.RUNNING;
        }
    }

    /** A warm standby until promoted ({@link #running}). */
    public void standby() {
        if (state == WorkerState.STARTING) {
            state = WorkerState.STANDBY;
        }
    }

    public void draining() {
        state = WorkerState.DRAINING;
    }

    /**
     * What the heartbeat says: a running worker that is not consuming (its subscription is being
     * restored) reports {@code starting}, so no reader takes it for a consuming one.
     */
    public static WorkerState reported(WorkerState state, boolean consuming) {
        return state == WorkerState.RUNNING && !consuming ? WorkerState.STARTING : state;
    }

    public boolean accepting() {
        return state != WorkerState.DRAINING;
    }
}
