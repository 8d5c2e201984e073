package io.vazao.scaler;

import io.vazao.contract.EventKind;

/** One thing the process shell must do in this tick. */
public sealed interface Action {

    /**
     * Start a worker process for {@code queue}; {@code replaces} names the dead worker it replaces,
     * or null.
     */
    record Start(String queue, String replaces, String reason) implements Action {}

    /** Send SIGTERM: the worker drains and exits. */
    record Stop(String workerId, String queue, StopCause cause, String reason) implements Action {}

    /** Send SIGKILL: the shutdown timeout has expired. */
    record Kill(String workerId, String queue, String reason) implements Action {}

    /** Forget an exited worker and report it as {@code kind} (stopped or crashed). */
    record Reap(String workerId, String queue, EventKind kind, String reason) implements Action {}

    /** Start a warm standby worker for {@code queue}: connected, not consuming until promoted. */
    record StartStandby(String queue, String reason) implements Action {}

    /** Promote a standby worker: it starts consuming and counts from now on. */
    record Promote(String workerId, String queue, String reason) implements Action {}
}
