package io.vazao.policy.api;

import java.util.List;

/** A request the API refuses, with the status and the body to answer with. */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient ApiError body;

    public ApiException(int status, String error, List<Violation> violations) {
        super(error, null, false, false);
        this.status = status;
        this.body = new ApiError(error, List.copyOf(violations));
    }

    public ApiException(int status, String error) {
        this(status, error, List.of());
    }

    public static ApiException badRequest(String error, List<Violation> violations) {
        return new ApiException(400, error, violations);
    }

    public static ApiException badRequest(String error, String field, String rule) {
        return new ApiException(400, error, List.of(new Violation(field, rule)));
    }

    public static ApiException unknownQueue(String queue) {
        return new ApiException(
                404,
                "unknown queue",
                List.of(new Violation("queue", "no policy for queue " + queue)));
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return body;
    }
}
