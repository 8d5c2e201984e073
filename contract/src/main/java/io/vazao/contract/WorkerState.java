package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a worker as its heartbeat reports it. */
public enum WorkerState {
    STARTING("starting"),
    /**
     * A warm standby: started and connected, not consuming; no reader counts it as a live worker.
     */
    STANDBY("standby"),
    RUNNING("running"),
    DRAINING("draining");

    private final String wire;

    WorkerState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static WorkerState fromWire(String value) {
        for (WorkerState s : values()) {
            if (s.wire.equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown worker state " + value);
    }
}
