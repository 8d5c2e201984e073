package io.vazao.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A task's record in Celery's Redis result backend ({@link CeleryProtocol#resultKey}), the JSON
 * that {@code AsyncResult(id).get()} reads. For FAILURE (and REVOKED) {@code result} is an {@link
 * Raised}: Celery rebuilds an exception of that type name from it and raises it.
 *
 * @param status SUCCESS, FAILURE or REVOKED
 * @param result the function's return value, or the exception
 * @param traceback text of the failure, null on success
 * @param children always empty: vazao's functions start no subtasks
 * @param dateDone UTC, ISO-8601 without offset, as Celery writes it
 * @param taskId the task's id
 */
@JsonPropertyOrder({"status", "result", "traceback", "children", "date_done", "task_id"})
public record CeleryResult(
        String status,
        Object result,
        String traceback,
        List<Object> children,
        @JsonProperty("date_done") String dateDone,
        @JsonProperty("task_id") String taskId) {

    /**
     * How Celery's JSON serializer writes an exception.
     *
     * @param excType exception class name (Celery makes a class of that name when it knows none)
     * @param excMessage the constructor arguments: here, the one message
     * @param excModule the Python module of the class; null lets Celery make one up
     */
    public record Raised(
            @JsonProperty("exc_type") String excType,
            @JsonProperty("exc_message") List<String> excMessage,
            @JsonProperty("exc_module") String excModule) {}
}
