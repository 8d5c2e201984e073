package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import io.vazao.functions.BusinessFunctions;
import io.vazao.functions.MessageContext;
import io.vazao.functions.audit.ProcessedAudit;
import io.vazao.functions.broker.DeadLetterPublisher;
import io.vazao.functions.broker.DelayedRetryPublisher;
import io.vazao.functions.broker.HeapForBodies;
import io.vazao.functions.celery.CeleryResults;
import io.vazao.functions.celery.Delivery;
import io.vazao.functions.celery.DeliveryDecoder;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.lifecycle.Lifecycle;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.payload.BusinessMessage;
import io.vazao.functions.payload.Rejection;
import io.vazao.functions.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs one delivery through its function (the queue's, or the one a Celery task names; decoding is
 * {@link DeliveryDecoder}'s) and says how to settle it. Every delivery ends in exactly one of: ack
 * after the function returned; ack after a confirmed copy reached the dead-letter queue (bad input
 * at once, failures after the configured attempts); ack after a confirmed copy went back to the
 * tail of the queue (a Celery eta far ahead); nack with requeue (draining, or the broker
 * unreachable). Nothing here lets an exception escape, so bad input cannot stop the consumer. The
 * transport ({@link DirectConsumer}) does the acks.
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
        /** Ack: a copy is back at the tail of the queue (a Celery task whose eta is far ahead). */
        DEFERRED,
        /** Ack: a confirmed copy waits in a delay queue for its next attempt. */
        RETRY_LATER,
        /** Ack, unrun: the duplicate guard has its id (its function returned within the window). */
        DUPLICATE
    }

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final BusinessFunctions functions;
    private final DeliveryDecoder decoder;
    private final CeleryResults results;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final long etaMaxWaitMillis;
    private final DeadLetterPublisher deadLetters;
    private final AtomicInteger deadLetterFailures = new AtomicInteger();
    private final RateLimiter limiter;
    private final ProcessedAudit audit;
    private final Lifecycle lifecycle;
    private final String queue;
    private final RetryPlans retryPlans;
    private final DelayedRetryPublisher delayedRetries;
    private final DuplicateGuard duplicates;

    @Inject
    public WorkConsumer(
            BusinessFunctions functions,
            DeliveryDecoder decoder,
            DeadLetterPublisher deadLetters,
            RateLimiter limiter,
            ProcessedAudit audit,
            Lifecycle lifecycle,
            QueueBinding binding,
            FunctionsConfig config,
            CeleryResults results,
            WorkerMetrics metrics,
            Clock clock,
            RetryPlans retryPlans,
            DelayedRetryPublisher delayedRetries,
            DuplicateGuard duplicates) {
        this.functions = functions;
        this.decoder = decoder;
        this.results = results;
        this.metrics = metrics;
        this.clock = clock;
        this.etaMaxWaitMillis = config.celery().etaMaxWait().toMillis();
        this.deadLetters = deadLetters;
        this.limiter = limiter;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.queue = binding.queue();
        this.retryPlans = retryPlans;
        this.delayedRetries = delayedRetries;
        this.duplicates = duplicates;
    }

    /** Runs one delivery; {@code redelivered}: the broker's flag, passed on to the function. */
    public Settle consume(byte[] body, AMQP.BasicProperties properties, boolean redelivered) {
        try {
            return handle(body == null ? new byte[0] : body, properties, redelivered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Settle.REQUEUE;
        } catch (RuntimeException | Error e) {
            // A bug of ours, or an Error thrown by the function: park the message with the cause
            // rather
            // than requeue it into the same fault forever, or leave it unsettled holding a prefetch
            // slot.
            LOG.errorf(e, "event=consumer-error queue=%s action=dead-letter", queue);
            return deadLetter(body, properties, Rejection.FAILED, "internal: " + describe(e), 0);
        }
    }

    private Settle handle(byte[] body, AMQP.BasicProperties properties, boolean redelivered)
            throws InterruptedException {
        if (!lifecycle.accepting()) {
            return Settle.REQUEUE;
        }
        limiter.acquire();
        Delivery delivery = decoder.decode(body, properties, clock.instant());
        while (delivery instanceof Delivery.Defer defer) {
            if (defer.waitMillis() > etaMaxWaitMillis) {
                return later(body, properties, defer);
            }
            TimeUnit.MILLISECONDS.sleep(defer.waitMillis());
            delivery = decoder.decode(body, properties, clock.instant());
        }
        Settle settle;
        if (delivery instanceof Delivery.Run run) {
            settle = run(body, properties, run, redelivered);
        } else {
            Delivery.Refuse refuse = (Delivery.Refuse) delivery;
            settle = deadLetter(body, properties, refuse.reason(), refuse.detail(), 0);
            HeapForBodies.settled(body.length);
            if (settle == Settle.DEAD_LETTERED) {
                results.refused(refuse.task(), refuse.reason(), refuse.detail());
            }
        }
        if (settle != Settle.REQUEUE && settle != Settle.DUPLICATE) {
            metrics.took(delivery.format(), settle == Settle.PROCESSED);
        }
        return settle;
    }

    private Settle run(
            byte[] body, AMQP.BasicProperties properties, Delivery.Run run, boolean redelivered)
            throws InterruptedException {
        BusinessMessage payload = run.message();
        String messageId =
                properties != null && properties.getMessageId() != null
                        ? properties.getMessageId()
                        : payload.id();
        if (duplicates.processedBefore(messageId)) {
            metrics.duplicateSkipped();
            LOG.infof("event=duplicate-skipped queue=%s id=%s", queue, messageId);
            return Settle.DUPLICATE;
        }
        BusinessFunctions.Processed result;
        // Attempts made before this delivery count: a Celery task's retries, or those a delay
        // queue's
        // copy records in its headers. Every message gets at least one attempt.
        for (int attempt = 1 + Math.max(run.priorAttempts(), AttemptCount.before(properties));
                ;
                attempt++) {
            try {
                MessageContext context = new MessageContext(messageId, redelivered, attempt);
                result = context.during(() -> functions.process(payload));
                break;
            } catch (RuntimeException e) {
                RetryPlan.Step next = retryPlans.current().afterFailure(attempt);
                if (next.kind() == RetryPlan.Kind.DEAD_LETTER) {
                    Settle settle =
                            deadLetter(body, properties, Rejection.FAILED, describe(e), attempt);
                    if (settle == Settle.DEAD_LETTERED) {
                        results.failed(run.task(), e);
                    }
                    return settle;
                }
                LOG.debugf(
                        "event=attempt-failed queue=%s id=%s attempt=%d retryInMillis=%d via=%s error=\"%s\"",
                        queue, payload.id(), attempt, next.delayMillis(), next.kind(), describe(e));
                if (next.kind() == RetryPlan.Kind.DELAY_QUEUE) {
                    return retryLater(body, properties, attempt, next.delayMillis());
                }
                TimeUnit.MILLISECONDS.sleep(next.delayMillis());
            }
        }
        metrics.functionEnded(properties);
        duplicates.remember(messageId);
        results.succeeded(run.task(), result);
        audit.processed(payload.id());
        return Settle.PROCESSED;
    }

    /**
     * A Celery eta further ahead than vazao.celery.eta-max-wait: held for that long, then put back
     * at the tail of the queue, so that a task due tomorrow never holds a processing thread until
     * then and a queue of such tasks does not spin.
     */
    private Settle later(byte[] body, AMQP.BasicProperties properties, Delivery.Defer defer)
            throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(etaMaxWaitMillis);
        if (!lifecycle.accepting()) {
            return Settle.REQUEUE;
        }
        try {
            deadLetters.republish(body, properties);
        } catch (IOException e) {
            LOG.warnf(
                    "event=eta-republish-failed queue=%s task=%s action=requeue error=\"%s\"",
                    queue, defer.task().id(), e.getMessage());
            return Settle.REQUEUE;
        }
        LOG.debugf(
                "event=eta-deferred queue=%s task=%s waitMillis=%d",
                queue, defer.task().id(), defer.waitMillis());
        return Settle.DEFERRED;
    }

    private Settle retryLater(
            byte[] body, AMQP.BasicProperties properties, int attempts, long delayMillis) {
        try {
            delayedRetries.publish(body, properties, attempts, delayMillis);
            return Settle.RETRY_LATER;
        } catch (IOException e) {
            // Cannot park it: wait here, then requeue; the attempts its headers already record
            // still count.
            LOG.warnf(
                    "event=delayed-retry-failed queue=%s action=wait-in-place error=\"%s\"",
                    queue, e.getMessage());
            try {
                TimeUnit.MILLISECONDS.sleep(delayMillis);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return Settle.REQUEUE;
        }
    }

    /** Dead-letters with the reason; on failure, requeue after a back-off (see below). */
    Settle deadLetter(
            byte[] body,
            AMQP.BasicProperties properties,
            Rejection reason,
            String detail,
            int attempts) {
        try {
            deadLetters.publish(body, properties, reason, detail, attempts);
            deadLetterFailures.set(0);
        } catch (IOException e) {
            // Requeued at once, the message would come straight back into the same fault: wait
            // first, longer each time in a row, so that deliveries per second stay bounded.
            long pause = deadLetterBackoffMillis(deadLetterFailures.incrementAndGet());
            LOG.warnf(
                    "event=dead-letter-failed queue=%s reason=%s action=requeue afterMillis=%d"
                            + " error=\"%s\"",
                    queue, reason.code(), pause, e.getMessage());
            sleep(pause);
            return Settle.REQUEUE;
        }
        LOG.infof(
                "event=dead-lettered queue=%s reason=%s attempts=%d bytes=%d detail=\"%s\"",
                queue, reason.code(), attempts, body == null ? 0 : body.length, detail);
        return Settle.DEAD_LETTERED;
    }

    /** 100 ms after the first failure in a row, doubling, at most 5 s. */
    static long deadLetterBackoffMillis(int failuresInARow) {
        int shift = Math.max(0, Math.min(failuresInARow - 1, 6));
        return Math.min(5_000, 100L << shift);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
