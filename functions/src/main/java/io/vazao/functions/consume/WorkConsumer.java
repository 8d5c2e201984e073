package io.vazao.functions.consume;

import java.io.IOException;
import java.util.HashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMessage;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.vazao.functions.BusinessFunctions;
import io.vazao.functions.audit.ProcessedAudit;
import io.vazao.functions.broker.DeadLetterPublisher;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.lifecycle.Lifecycle;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.payload.BusinessMessage;
import io.vazao.functions.payload.PayloadDecoder;
import io.vazao.functions.payload.PayloadDecoder.Decoded;
import io.vazao.functions.payload.Rejection;
import io.vazao.functions.ratelimit.RateLimiter;

/**
 * Feeds RabbitMQ deliveries to the queue's function. Every delivery ends in exactly one of: ack after
 * the function returned; ack after a confirmed copy reached the dead-letter queue (bad input at once,
 * failures after the configured attempts); nack with requeue (draining, or the dead-letter queue
 * unreachable). Nothing here lets an exception escape, so bad input cannot stop the consumer.
 */
@ApplicationScoped
public class WorkConsumer {

    /** The messaging channel (mp.messaging.incoming.work.*). */
    public static final String CHANNEL = "work";

    private static final Logger LOG = Logger.getLogger(WorkConsumer.class);

    private final BusinessFunctions functions;
    private final PayloadDecoder decoder;
    private final DeadLetterPublisher deadLetters;
    private final RateLimiter limiter;
    private final WorkerMetrics metrics;
    private final ProcessedAudit audit;
    private final Lifecycle lifecycle;
    private final String queue;
    private final int maxAttempts;
    private final RetryDelay retryDelay;

    @Inject
    public WorkConsumer(BusinessFunctions functions, PayloadDecoder decoder, DeadLetterPublisher deadLetters,
                        RateLimiter limiter, WorkerMetrics metrics, ProcessedAudit audit, Lifecycle lifecycle,
                        QueueBinding binding, FunctionsConfig config) {
        this.functions = functions;
        this.decoder = decoder;
        this.deadLetters = deadLetters;
        this.limiter = limiter;
        this.metrics = metrics;
        this.audit = audit;
        this.lifecycle = lifecycle;
        this.queue = binding.queue();
        if (config.retry().maxAttempts() < 1) {
            throw new IllegalArgumentException("vazao.retry.max-attempts must be >= 1");
        }
        this.maxAttempts = config.retry().maxAttempts();
        this.retryDelay = new RetryDelay(config.retry().delay(), RetryDelay.DEFAULT_CAP);
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        long start = System.nanoTime();
        metrics.started();
        CompletionStage<Void> outcome;
        try {
            outcome = handle(message, start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = message.nack(e);
        } catch (RuntimeException e) {
            // A bug of ours, not of the message's: park the message with the cause rather than
            // requeue it into the same bug forever.
            LOG.errorf(e, "event=consumer-error queue=%s action=dead-letter", queue);
            outcome = deadLetter(message, bodyOf(message), Rejection.FAILED, "internal: " + describe(e), 0, start);
        }
        return outcome.whenComplete((v, e) -> {
            metrics.finished();
            if (e != null) {
                LOG.warnf("event=settle-failed queue=%s error=\"%s\"", queue, describe(e));
            }
        });
    }

    private CompletionStage<Void> handle(Message<byte[]> message, long start) throws InterruptedException {
        if (!lifecycle.accepting()) {
            return message.nack(new IllegalStateException("worker is draining"));
        }
        limiter.acquire();
        byte[] body = bodyOf(message);
        Decoded decoded = decoder.decode(body);
        if (decoded instanceof Decoded.Rejected rejected) {
            return deadLetter(message, body, rejected.reason(), rejected.detail(), 0, start);
        }
        BusinessMessage payload = ((Decoded.Accepted) decoded).message();
        for (int attempt = 1; ; attempt++) {
            try {
                functions.process(payload);
                break;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts) {
                    return deadLetter(message, body, Rejection.FAILED, describe(e), attempt, start);
                }
                long delay = retryDelay.afterFailedAttemptMillis(attempt);
                LOG.debugf("event=attempt-failed queue=%s id=%s attempt=%d retryInMillis=%d error=\"%s\"", queue,
                        payload.id(), attempt, delay, describe(e));
                TimeUnit.MILLISECONDS.sleep(delay);
            }
        }
        audit.processed(payload.id());
        return message.ack().thenRun(() -> metrics.processed(System.nanoTime() - start));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, byte[] body, Rejection reason, String detail,
                                             int attempts, long start) {
        try {
            deadLetters.publish(body, properties(message), reason, detail, attempts);
        } catch (IOException e) {
            LOG.warnf("event=dead-letter-failed queue=%s reason=%s action=requeue error=\"%s\"", queue, reason.code(),
                    e.getMessage());
            return message.nack(e);
        }
        LOG.infof("event=dead-lettered queue=%s reason=%s attempts=%d bytes=%d detail=\"%s\"", queue, reason.code(),
                attempts, body == null ? 0 : body.length, detail);
        return message.ack().thenRun(() -> metrics.failed(System.nanoTime() - start));
    }

    /** The delivery's AMQP properties, so the dead letter keeps content type, ids and headers. */
    private static AMQP.BasicProperties properties(Message<byte[]> message) {
        if (message instanceof IncomingRabbitMQMessage<?> incoming) {
            BasicProperties p = incoming.message.properties();
            if (p instanceof AMQP.BasicProperties amqp) {
                return amqp;
            }
        }
        return message.getMetadata(IncomingRabbitMQMetadata.class)
                .map(m -> new AMQP.BasicProperties.Builder()
                        .contentType(m.getContentType().orElse(null))
                        .contentEncoding(m.getContentEncoding().orElse(null))
                        .messageId(m.getMessageId().orElse(null))
                        .correlationId(m.getCorrelationId().orElse(null))
                        .type(m.getType().orElse(null))
                        .appId(m.getAppId().orElse(null))
                        .headers(new HashMap<>(m.getHeaders()))
                        .build())
                .orElse(null);
    }

    /** The raw body; the connector is told to hand bytes over, other payload types are tolerated. */
    private static byte[] bodyOf(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof byte[] bytes) {
            return bytes;
        }
        if (payload instanceof io.vertx.core.buffer.Buffer buffer) {
            return buffer.getBytes();
        }
        if (payload instanceof io.vertx.core.json.JsonObject json) {
            return json.toBuffer().getBytes();
        }
        return payload == null ? new byte[0] : payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
