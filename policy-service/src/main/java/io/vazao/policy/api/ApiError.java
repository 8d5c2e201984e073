package io.vazao.policy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every 4xx/5xx answer of the API. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, List<Violation> violations) {

    public static ApiError of(String error) {
        return new ApiError(error, List.of());
    }
}
