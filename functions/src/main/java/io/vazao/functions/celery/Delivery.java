package io.vazao.functions.celery;

import io.vazao.functions.payload.BusinessMessage;
import io.vazao.functions.payload.Rejection;

/**
 * What a delivery asks of the worker, once decoded: run a function, refuse it, or wait for its eta.
 */
public sealed interface Delivery {

    /** How the message was written: the seed's plain JSON, or a Celery task message. */
    enum Format {
        JSON,
        CELERY;

        /** The metric tag's value. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Format format();

    /** Run the function for {@code message}; {@code task} is null for plain JSON. */
    record Run(BusinessMessage message, CeleryTask task) implements Delivery {
        @Override
        public Format format() {
            return task == null ? Format.JSON : Format.CELERY;
        }

        /** Function calls already made before this delivery (Celery's {@code retries}). */
        public int priorAttempts() {
            return task == null ? 0 : task.retries();
        }
    }

    /**
     * Dead-letter with {@code reason}; {@code task} is set when the Celery headers could be read.
     */
    record Refuse(Rejection reason, String detail, CeleryTask task, Format format)
            implements Delivery {}

    /** A Celery task whose eta is {@code waitMillis} ahead. */
    record Defer(CeleryTask task, long waitMillis) implements Delivery {
        @Override
        public Format format() {
            return Format.CELERY;
        }
    }
}
