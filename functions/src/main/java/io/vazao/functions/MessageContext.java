package io.vazao.functions;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a function may know about the message it runs for. Delivery is at-least-once: a message the
 * worker took but did not ack (it crashed, its connection dropped) comes again with {@code
 * redelivered} set, and the function may already have run for it; the message id is what an
 * idempotent function remembers. Read it with {@link #current()} from inside the function.
 *
 * @param messageId the AMQP message id, else the payload's own id
 * @param redelivered the broker delivered this message before (the function may have run)
 * @param attempt 1 for the first attempt, counting the retries before this delivery
 */
public record MessageContext(String messageId, boolean redelivered, int attempt) {

    private static final ThreadLocal<MessageContext> CURRENT = new ThreadLocal<>();

    /** The message the calling function runs for; empty over HTTP and outside a function. */
    public static Optional<MessageContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code call} with this context current on the calling thread (the consumer's use). */
    public <T> T during(Supplier<T> call) {
        MessageContext outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}
