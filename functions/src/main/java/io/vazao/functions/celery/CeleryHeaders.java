package io.vazao.functions.celery;

import io.vazao.contract.CeleryProtocol;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads a protocol-2 task message's headers into a {@link CeleryTask}. Pure. */
final class CeleryHeaders {

    private CeleryHeaders() {}

    /**
     * @throws IllegalArgumentException naming the header that is missing or malformed
     */
    static CeleryTask read(Map<String, Object> headers) {
        String task = text(headers, CeleryProtocol.H_TASK);
        String id = text(headers, CeleryProtocol.H_ID);
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("header 'task' is empty");
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("header 'id' is missing");
        }
        int retries = retries(headers.get(CeleryProtocol.H_RETRIES));
        Instant eta = instant(CeleryProtocol.H_ETA, text(headers, CeleryProtocol.H_ETA));
        Instant expires =
                instant(CeleryProtocol.H_EXPIRES, text(headers, CeleryProtocol.H_EXPIRES));
        Object ignore = headers.get(CeleryProtocol.H_IGNORE_RESULT);
        boolean resultWanted =
                !(ignore instanceof Boolean b && b)
                        && !"true".equalsIgnoreCase(String.valueOf(ignore));
        return new CeleryTask(id, task, retries, eta, expires, resultWanted);
    }

    private static String text(Map<String, Object> headers, String name) {
        Object v = headers.get(name);
        // The RabbitMQ client hands strings over as LongString; toString() is the text.
        return v == null ? null : v.toString();
    }

    private static int retries(Object v) {
        if (v == null) {
            return 0;
        }
        try {
            long n =
                    v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("header 'retries' is " + n);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header 'retries' is not a number: '" + v + "'", e);
        }
    }

    /** Celery writes ISO-8601 with an offset; a naive time is UTC, as with Celery's enable_utc. */
    static Instant instant(String name, String text) {
        if (text == null || text.isBlank() || text.equals("None")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "header '" + name + "' is not an ISO-8601 time: '" + text + "'", e);
            }
        }
    }
}
