package io.vazao.functions.payload;

import io.vazao.contract.Topology;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The two kinds of work the seed topology carries, and the function that processes each. */
public enum MessageKind {
    ORDER(Topology.ORDERS.function(), Order.TYPE, Order.class),
    PAYMENT(Topology.PAYMENTS.function(), Payment.TYPE, Payment.class);

    private final String function;
    private final String type;
    private final Class<? extends BusinessMessage> recordType;
    private final Set<String> fields;

    MessageKind(String function, String type, Class<? extends BusinessMessage> recordType) {
        this.function = function;
        this.type = type;
        this.recordType = recordType;
        this.fields =
                Arrays.stream(recordType.getRecordComponents())
                        .map(RecordComponent::getName)
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** True when the payload has a top-level field of this name. */
    public boolean hasField(String name) {
        return fields.contains(name);
    }

    public String function() {
        return function;
    }

    /** The payload's {@code type} field. */
    public String type() {
        return type;
    }

    public Class<? extends BusinessMessage> recordType() {
        return recordType;
    }

    public static MessageKind ofFunction(String function) {
        for (MessageKind k : values()) {
            if (k.function.equals(function)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown function '"
                        + function
                        + "' (expected "
                        + ORDER.function
                        + " or "
                        + PAYMENT.function
                        + ")");
    }
}
