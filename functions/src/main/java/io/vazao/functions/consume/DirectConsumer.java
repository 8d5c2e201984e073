package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.vazao.functions.broker.BrokerConnection;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.payload.Rejection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Consumes the work queue on the RabbitMQ Java client directly: {@code basic.qos(prefetch)}, manual
 * acks, every delivery handed to a pool of {@code prefetch} threads (the broker never has more than
 * that many unacknowledged, so none waits for a thread) and acked or requeued from there.
 *
 * <p>Why not a messaging framework in between: per delivery it captured and restored a context,
 * wrapped the message and hopped from an event loop to a worker thread and back for the ack, which
 * held one worker to 0.4 × RabbitMQ PerfTest's rate (docs/benchmarks.md). Subscribes whenever the
 * worker's connection is up with its topology declared, again after a broker restart; stops taking
 * deliveries (basic.cancel) when the worker drains.
 *
 * <p>A worker that looks healthy must be consuming: after a {@code basic.cancel} from the broker
 * (the queue was deleted) or a channel closed under a live connection, it declares the topology
 * again and re-subscribes, with a growing delay while that fails. {@link #consuming()} is what
 * readiness and the heartbeat's state report.
 */
@ApplicationScoped
public class DirectConsumer {

    private static final Logger LOG = Logger.getLogger(DirectConsumer.class);

    private final BrokerConnection broker;
    private final WorkConsumer work;
    private final RedeliveryGuard redeliveries;
    private final WorkerMetrics metrics;
    private final String queue;
    private final int prefetch;
    private static final RetryDelay RESUBSCRIBE =
            new RetryDelay(Duration.ofMillis(250), Duration.ofSeconds(10));

    private final ExecutorService pool;
    private final ScheduledExecutorService resubscriber =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "vazao-resubscribe");
                        t.setDaemon(true);
                        return t;
                    });
    private Channel channel;
    private String consumerTag;
    private boolean stopped;
    private volatile boolean consuming;
    private int failures;

    @Inject
    public DirectConsumer(
            BrokerConnection broker,
            WorkConsumer work,
            WorkerMetrics metrics,
            QueueBinding binding,
            FunctionsConfig config,
            RedeliveryGuard redeliveries) {
        this.broker = broker;
        this.work = work;
        this.redeliveries = redeliveries;
        this.metrics = metrics;
        this.queue = binding.queue();
        if (config.prefetch() < 1) {
            throw new IllegalArgumentException(
                    "vazao.prefetch must be >= 1, not " + config.prefetch());
        }
        this.prefetch = config.prefetch();
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        prefetch,
                        prefetch,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> {
                            Thread t = new Thread(r, "vazao-work-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Subscribes now if the broker is there, and again every time the connection comes back. */
    public void start() {
        broker.onReady(this::subscribe);
    }

    /** True while a subscription on an open channel is taking deliveries. */
    public boolean consuming() {
        return consuming;
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        closeChannel(); // after a recovery the old channel has no consumer and stale delivery tags
        try {
            broker.declareTopology(); // the queue may have been deleted and declared again, or
            // not yet
            Channel ch = broker.createChannel();
            ch.basicQos(prefetch);
            consumerTag = ch.basicConsume(queue, false, new Deliveries(ch));
            channel = ch;
            consuming = true;
            failures = 0;
            LOG.infof("event=consuming queue=%s prefetch=%d", queue, prefetch);
        } catch (IOException | TimeoutException | RuntimeException e) {
            consuming = false;
            long delay = RESUBSCRIBE.afterFailedAttemptMillis(++failures);
            LOG.warnf(
                    "event=subscribe-failed queue=%s attempt=%d retryMillis=%d error=\"%s\"",
                    queue, failures, delay, e);
            resubscribeLater(delay);
        }
    }

    /** Subscribes again unless a subscription came back meanwhile (a recovery, another retry). */
    private void resubscribeLater(long delayMillis) {
        try {
            resubscriber.schedule(
                    () -> {
                        if (!consuming) {
                            subscribe();
                        }
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** The subscription of {@code ch} ended; re-subscribe unless the connection's recovery will. */
    private synchronized void lost(Channel ch, String why, boolean connectionLost) {
        if (ch != channel || stopped) {
            return;
        }
        consuming = false;
        LOG.warnf(
                "event=consumer-lost queue=%s cause=%s action=%s",
                queue, why, connectionLost ? "await-recovery" : "resubscribe");
        if (!connectionLost) {
            resubscribeLater(RESUBSCRIBE.afterFailedAttemptMillis(1));
        }
    }

    /** Takes no more deliveries; those already here are still processed and settled. */
    public synchronized void stop() {
        stopped = true;
        consuming = false;
        Channel ch = channel;
        String tag = consumerTag;
        if (ch != null && tag != null && ch.isOpen()) {
            try {
                ch.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf("basic.cancel: %s", e);
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        stopped = true;
        consuming = false;
        resubscriber.shutdownNow();
        pool.shutdown();
        closeChannel();
    }

    private void closeChannel() {
        Channel ch = channel;
        channel = null;
        consumerTag = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debugf("closing the consumer channel: %s", e);
            }
        }
    }

    /** The deliveries of one channel: each goes to the pool, and is settled on that channel. */
    private final class Deliveries extends DefaultConsumer {

        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            metrics.started();
            long start = System.nanoTime();
            try {
                pool.execute(
                        () ->
                                settle(
                                        envelope.getDeliveryTag(),
                                        consume(envelope, body, properties),
                                        start));
            } catch (RejectedExecutionException e) {
                // Shutting down: the broker requeues what was never acked.
                metrics.finished();
            }
        }

        /**
         * Whatever escapes the work (a dead-letter publish that threw) still settles the delivery.
         */
        private WorkConsumer.Settle consume(
                Envelope envelope, byte[] body, AMQP.BasicProperties properties) {
            try {
                if (!envelope.isRedeliver()) {
                    return work.consume(body, properties, false);
                }
                // One redelivered message in the function at a time, counted when it starts: if the
                // worker
                // dies, the message that killed it is the one counted, not the others that were
                // waiting.
                synchronized (redeliveries) {
                    long seen = redeliveries.redelivered(properties, body);
                    WorkConsumer.Settle settle =
                            redeliveries.over(seen)
                                    ? overLimit(body, properties, seen)
                                    : work.consume(body, properties, true);
                    if (settle != WorkConsumer.Settle.REQUEUE) {
                        redeliveries.settled(properties, body);
                    } else if (seen > 0) {
                        redeliveries.givenBack(
                                properties, body); // handed back unrun (draining): not a death
                    }
                    return settle;
                }
            } catch (RuntimeException | Error e) {
                LOG.warnf("event=work-escaped queue=%s action=requeue error=\"%s\"", queue, e);
                return WorkConsumer.Settle.REQUEUE;
            }
        }

        private WorkConsumer.Settle overLimit(
                byte[] body, AMQP.BasicProperties properties, long seen) {
            return work.deadLetter(
                    body,
                    properties,
                    Rejection.DELIVERY_LIMIT,
                    RedeliveryGuard.describe(seen),
                    (int) Math.min(Integer.MAX_VALUE, seen));
        }

        private void settle(long deliveryTag, WorkConsumer.Settle settle, long start) {
            try {
                if (settle == WorkConsumer.Settle.REQUEUE) {
                    getChannel().basicNack(deliveryTag, false, true);
                    return;
                }
                getChannel().basicAck(deliveryTag, false);
                if (settle == WorkConsumer.Settle.RETRY_LATER) {
                    return; // neither processed nor failed yet: it comes back from its delay queue
                }
                if (settle == WorkConsumer.Settle.PROCESSED) {
                    metrics.processed(System.nanoTime() - start);
                } else if (settle == WorkConsumer.Settle.DEAD_LETTERED) {
                    metrics.failed(System.nanoTime() - start);
                }
            } catch (IOException | ShutdownSignalException e) {
                // The channel went with the connection: the broker has requeued the delivery
                // already.
                LOG.debugf("event=settle-failed queue=%s error=\"%s\"", queue, e);
            } finally {
                metrics.finished();
            }
        }

        @Override
        public void handleCancel(String tag) {
            lost(getChannel(), "cancelled-by-broker", false);
        }

        @Override
        public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
            if (!sig.isInitiatedByApplication()) {
                // A hard error closed the connection: its recovery calls subscribe() again.
                lost(getChannel(), "channel-closed: " + sig.getMessage(), sig.isHardError());
            }
        }
    }
}
