package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an entry of the {@code vazao:events} stream reports. */
public enum EventKind {
    /** The policy raised a target. */
    SCALE_UP("scale_up"),
    /** The policy lowered a target. */
    SCALE_DOWN("scale_down"),
    /** The policy could not read its inputs and kept the last target. */
    HOLD("hold"),
    /** The configuration cannot be honoured (e.g. the mins exceed the budget). */
    CONFIG_ERROR("config_error"),
    /** A worker should be replaced (e.g. above its memory limit). */
    RECYCLE("recycle"),
    /** The local scaler started a worker process. */
    STARTED("started"),
    /** The local scaler stopped a worker process gracefully. */
    STOPPED("stopped"),
    /** A worker process exited on its own with an error. */
    CRASHED("crashed"),
    /** A worker that exited or went stale was replaced. */
    REPLACED("replaced"),
    /** A worker was recycled for exceeding its memory limit. */
    RECYCLED("recycled");

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static EventKind fromWire(String value) {
        for (EventKind k : values()) {
            if (k.wire.equalsIgnoreCase(value)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event kind " + value);
    }
}
