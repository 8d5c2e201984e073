package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The RabbitMQ type a work queue is declared with when it does not exist yet. A queue's type is
 * fixed once it exists: the broker refuses a declaration with other arguments.
 */
public enum QueueType {
    /** No arguments: every part, and the replaced system's publishers, declare it the same way. */
    CLASSIC("classic"),
    /**
     * Replicated, and counts deliveries itself: a message returned {@code x-delivery-limit} times
     * without being settled (a worker that died on it, or one whose client refused its body) is
     * dead-lettered by the broker, even when no worker ever gets to see it.
     */
    QUORUM("quorum");

    private final String wire;

    QueueType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static QueueType fromWire(String value) {
        for (QueueType t : values()) {
            if (t.wire.equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "queueType must be one of classic, quorum; got " + value);
    }
}
