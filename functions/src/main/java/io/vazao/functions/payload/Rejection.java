package io.vazao.functions.payload;

/** Why a message goes to the dead-letter queue; {@link #code()} is the reason header's value. */
public enum Rejection {
    /** The body is larger than vazao.max-message-bytes. */
    OVERSIZED("oversized"),
    /** The body is not a JSON object. */
    INVALID_JSON("invalid-json"),
    /** JSON, but fields are missing or of the wrong type. */
    WRONG_SHAPE("wrong-shape"),
    /** A well-formed message of a kind this queue does not process. */
    WRONG_TYPE("wrong-type"),
    /** The function failed on every attempt. */
    FAILED("failed"),
    /** Delivered too often without being settled (the worker died on it each time). */
    DELIVERY_LIMIT("delivery-limit");

    private final String code;

    Rejection(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
