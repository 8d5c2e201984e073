package io.vazao.functions.celery;

import io.vazao.contract.CeleryProtocol;
import io.vazao.contract.CeleryResult;
import io.vazao.functions.payload.Rejection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builds the result-backend records Celery's {@code AsyncResult} reads. Pure: the time is passed
 * in.
 */
public final class ResultRecords {

    /** Celery writes {@code datetime.utcnow().isoformat()}: UTC, microseconds, no offset. */
    static final DateTimeFormatter DATE_DONE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private static final int TRACEBACK_MAX = 4_000;

    private ResultRecords() {}

    public static CeleryResult success(String taskId, Object result, Instant now) {
        return new CeleryResult(
                CeleryProtocol.STATE_SUCCESS, result, null, List.of(), dateDone(now), taskId);
    }

    /**
     * The function's last exception. Its class's simple name becomes the Python exception type
     * (Celery makes a class of that name, as it does for any type it cannot import).
     */
    public static CeleryResult failure(String taskId, Throwable error, Instant now) {
        String message = error.getMessage() == null ? "" : error.getMessage();
        return new CeleryResult(
                CeleryProtocol.STATE_FAILURE,
                new CeleryResult.Raised(error.getClass().getSimpleName(), List.of(message), null),
                traceback(error),
                List.of(),
                dateDone(now),
                taskId);
    }

    /**
     * A task refused for its payload: Python gets a ValueError naming the reason, as a bad call
     * would.
     */
    public static CeleryResult refused(
            String taskId, Rejection reason, String detail, Instant now) {
        return new CeleryResult(
                CeleryProtocol.STATE_FAILURE,
                new CeleryResult.Raised(
                        "ValueError", List.of(reason.code() + ": " + detail), "builtins"),
                null,
                List.of(),
                dateDone(now),
                taskId);
    }

    /** An expired task, as Celery's worker records one: REVOKED with a TaskRevokedError. */
    public static CeleryResult revoked(String taskId, Instant now) {
        return new CeleryResult(
                CeleryProtocol.STATE_REVOKED,
                new CeleryResult.Raised(
                        "TaskRevokedError", List.of("expired"), "celery.exceptions"),
                null,
                List.of(),
                dateDone(now),
                taskId);
    }

    static String dateDone(Instant now) {
        return DATE_DONE.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
    }

    private static String traceback(Throwable error) {
        StringWriter w = new StringWriter();
        error.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() <= TRACEBACK_MAX ? s : s.substring(0, TRACEBACK_MAX) + "...";
    }
}
