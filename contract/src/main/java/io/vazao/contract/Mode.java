package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How the decision engine computes a queue's demand. */
public enum Mode {
    /** Arrival rate plus backlog drained within targetDrainSeconds, by measured service rate. */
    ADAPTIVE("adaptive"),
    /**
     * The replaced system's rule: clamp(int(depth × weight) // messagesPerWorker + 1, min, max).
     */
    SEED("seed");

    private final String wire;

    Mode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static Mode fromWire(String value) {
        for (Mode m : values()) {
            if (m.wire.equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be one of adaptive, seed; got " + value);
    }
}
