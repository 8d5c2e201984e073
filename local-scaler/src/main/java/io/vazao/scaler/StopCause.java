package io.vazao.scaler;

/** Why the scaler sends a worker SIGTERM. */
public enum StopCause {
    /** The target fell below the number of workers. */
    SCALE_DOWN,
    /** Its resident memory went above the limit. */
    RECYCLE_MEMORY,
    /** The policy service asked for it to be recycled. */
    RECYCLE_REQUESTED,
    /** Its heartbeat went stale (hung or cut off): replaced. */
    STALE,
    /** The scaler itself is exiting. */
    SHUTDOWN
}
