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
    /** A Celery task whose name no function is mapped to. */
    UNKNOWN_TASK("unknown-task"),
    /** A Celery task whose {@code expires} had passed when it was taken: not run, as in Celery. */
    EXPIRED("expired"),
    /**
     * A serializer other than JSON (pickle, YAML, msgpack) or a compressed body: never
     * deserialized.
     */
    UNSUPPORTED_CONTENT_TYPE("unsupported-content-type"),
    /** A Celery task message of protocol 1 (the task name in the body): only protocol 2 is read. */
    CELERY_PROTOCOL_1("celery-protocol-1"),
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
