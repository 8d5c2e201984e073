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
import io.vazao.functions.broker.DelayedRetryPublisher;
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
        REQUEUE,
        /** Ack: a confirmed copy waits in a delay queue for its next attempt. */
        RETRY_LATER
    }

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final BusinessFunctions functions;
    private final PayloadDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final RateLimiter limiter;
    private final ProcessedAudit audit;
    private final Lifecycle lifecycle;
    private final String queue;
    private final RetryPlans retryPlans;
    private final DelayedRetryPublisher delayedRetries;

    @Inject
    public WorkConsumer(BusinessFunctions functions, PayloadDecoder decoder, DeadLetterPublisher deadLetters,
                        RateLimiter limiter, ProcessedAudit audit, Lifecycle lifecycle,
                        QueueBinding binding, RetryPlans retryPlans, DelayedRetryPublisher delayedRetries) {
        this.functions = functions;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.limiter = limiter;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.queue = binding.queue();
        this.retryPlans = retryPlans;
        this.delayedRetries = delayedRetries;
    }

    public Settle consume(byte[] body, AMQP.BasicProperties properties) {
        try {
            return handle(body == null ? new byte[0] : body, properties);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Settle.REQUEUE;
        } catch (RuntimeException e) {
            // A bug of ours, not of the message's: park the message with the cause rather than
            // requeue it into the same bug forever.
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
        for (int attempt = AttemptCount.before(properties) + 1; ; attempt++) {
            try {
                functions.process(payload);
                break;
            } catch (RuntimeException e) {
                RetryPlan.Step next = retryPlans.current().afterFailure(attempt);
                if (next.kind() == RetryPlan.Kind.DEAD_LETTER) {
                    return deadLetter(body, properties, Rejection.FAILED, describe(e), attempt);
                }
                LOG.debugf("event=attempt-failed queue=%s id=%s attempt=%d retryInMillis=%d via=%s error=\"%s\"", queue,
                        payload.id(), attempt, next.delayMillis(), next.kind(), describe(e));
                if (next.kind() == RetryPlan.Kind.DELAY_QUEUE) {
                    return retryLater(body, properties, attempt, next.delayMillis());
                }
                TimeUnit.MILLISECONDS.sleep(next.delayMillis());
            }
        }
        audit.processed(payload.id());
        return Settle.PROCESSED;
    }

    private Settle retryLater(byte[] body, AMQP.BasicProperties properties, int attempts, long delayMillis) {
        try {
            delayedRetries.publish(body, properties, attempts, delayMillis);
            return Settle.RETRY_LATER;
        } catch (IOException e) {
            // Cannot park it: wait here, then requeue; the attempts its headers already record still count.
            LOG.warnf("event=delayed-retry-failed queue=%s action=wait-in-place error=\"%s\"", queue, e.getMessage());
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Settle.REQUEUE;
        }
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
