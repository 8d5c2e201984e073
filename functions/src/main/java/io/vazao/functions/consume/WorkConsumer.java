package io.vazao.functions.consume;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;

import io.vazao.functions.BusinessFunctions;
import io.vazao.functions.audit.ProcessedAudit;
import io.vazao.functions.broker.DeadLetterPublisher;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.lifecycle.Lifecycle;
import io.vazao.functions.payload.BusinessMessage;
import io.vazao.functions.payload.PayloadDecoder;
import io.vazao.functions.payload.PayloadDecoder.Decoded;
import io.vazao.functions.payload.Rejection;
import io.vazao.functions.ratelimit.RateLimiter;

/**
 * Runs one delivery through the queue's function and says how to settle it. Every delivery ends in
 * exactly one of: ack after the function returned; ack after a confirmed copy reached the dead-letter
 * queue (bad input at once, failures after the configured attempts); nack with requeue (draining, or
 * the dead-letter queue unreachable). Nothing here lets an exception escape, so bad input cannot
 * stop the consumer. The transport ({@link DirectConsumer}) does the acks.
 */
@ApplicationScoped
public class WorkConsumer {

    /** How a delivery is to be settled, and what it counts as once it is. */
    public enum Settle {
        /** Ack: the function returned. */
        PROCESSED,
        /** Ack: a confirmed copy is in the dead-letter queue. */
        DEAD_LETTERED,
        /** Nack with requeue: draining, or the dead-letter queue could not be reached. */
        REQUEUE
    }

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final BusinessFunctions functions;
    private final PayloadDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final RateLimiter limiter;
    private final ProcessedAudit audit;
    private final Lifecycle lifecycle;
    private final String queue;
    private final int maxAttempts;
    private final RetryDelay retryDelay;

    @Inject
    public WorkConsumer(BusinessFunctions functions, PayloadDecoder decoder, DeadLetterPublisher deadLetters,
                        RateLimiter limiter, ProcessedAudit audit, Lifecycle lifecycle,
                        QueueBinding binding, FunctionsConfig config) {
        this.functions = functions;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.limiter = limiter;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.queue = binding.queue();
        if (config.retry().maxAttempts() < 1) {
            throw new IllegalArgumentException("vazao.retry.max-attempts must be >= 1");
        }
        this.maxAttempts = config.retry().maxAttempts();
        this.retryDelay = new RetryDelay(config.retry().delay(), RetryDelay.DEFAULT_CAP);
    }

    public Settle consume(byte[] body, AMQP.BasicProperties properties) {
        try {
            return handle(body == null ? new byte[0] : body, properties);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Settle.REQUEUE;
        } catch (RuntimeException | Error e) {
            // A bug of ours, or an Error thrown by the function: park the message with the cause rather
            // than requeue it into the same fault forever, or leave it unsettled holding a prefetch slot.
            LOG.errorf(e, "event=consumer-error queue=%s action=dead-letter", queue);
            return deadLetter(body, properties, Rejection.FAILED, "internal: " + describe(e), 0);
        }
    }

    private Settle handle(byte[] body, AMQP.BasicProperties properties) throws InterruptedException {
        if (!lifecycle.accepting()) {
            return Settle.REQUEUE;
        }
        limiter.acquire();
        Decoded decoded = decoder.decode(body);
        if (decoded instanceof Decoded.Rejected rejected) {
            return deadLetter(body, properties, rejected.reason(), rejected.detail(), 0);
        }
        BusinessMessage payload = ((Decoded.Accepted) decoded).message();
        for (int attempt = 1; ; attempt++) {
            try {
                functions.process(payload);
                break;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    return deadLetter(body, properties, Rejection.FAILED, describe(e), attempt);
                }
                long delay = retryDelay.afterFailedAttemptMillis(attempt);
                LOG.debugf("event=attempt-failed queue=%s id=%s attempt=%d retryInMillis=%d error=\"%s\"", queue,
                        payload.id(), attempt, delay, describe(e));
                TimeUnit.MILLISECONDS.sleep(delay);
            }
        }
        audit.processed(payload.id());
        return Settle.PROCESSED;
    }

    private Settle deadLetter(byte[] body, AMQP.BasicProperties properties, Rejection reason, String detail,
                              int attempts) {
        try {
            deadLetters.publish(body, properties, reason, detail, attempts);
        } catch (IOException e) {
            LOG.warnf("event=dead-letter-failed queue=%s reason=%s action=requeue error=\"%s\"", queue, reason.code(),
                    e.getMessage());
            return Settle.REQUEUE;
        }
        LOG.infof("event=dead-lettered queue=%s reason=%s attempts=%d bytes=%d detail=\"%s\"", queue, reason.code(),
                attempts, body == null ? 0 : body.length, detail);
        return Settle.DEAD_LETTERED;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
