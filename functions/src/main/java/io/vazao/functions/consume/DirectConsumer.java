package io.vazao.functions.consume;

import com.rabbitmq.client.Channel;
import io.vazao.functions.broker.BrokerConnection;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.metrics.WorkerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
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
 * acks. A delivery whose way has no wait runs on the thread that received it ({@link Dispatch});
 * the others go to a pool of {@code prefetch} threads (the broker never has more than that many
 * unacknowledged, so none waits for a thread). Acks go out once the work finished, in batches
 * ({@link Acks}, {@link Deliveries}).
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
    private final Deliveries.Parts parts;
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
    private volatile Deliveries deliveries;
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
            RedeliveryGuard redeliveries,
            Dispatch dispatch) {
        this.broker = broker;
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
        this.parts = new Deliveries.Parts(work, redeliveries, metrics, dispatch, pool, queue);
    }

    /** Subscribes now if the broker is there, and again every time the connection comes back. */
    public void start() {
        broker.afterDeliveryBlock(this::flushAcks);
        broker.onReady(this::subscribe);
    }

    /**
     * Sends the acks held for a batch; the delivery thread calls it when it has nothing in hand.
     */
    void flushAcks() {
        Deliveries d = deliveries;
        if (d != null) {
            d.flush();
        }
    }

    /** True while a subscription on an open channel is taking deliveries. */
    public boolean consuming() {
        return consuming;
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        closeChannel(false); // after a recovery the old channel's delivery tags are void
        try {
            broker.declareTopology(); // the queue may have been deleted and declared again, or
            // not yet
            Channel ch = broker.createChannel();
            ch.basicQos(prefetch);
            Deliveries d = new Deliveries(ch, prefetch, parts, this::lost);
            consumerTag = ch.basicConsume(queue, false, d);
            channel = ch;
            deliveries = d;
            consuming = true;
            failures = 0;
            LOG.infof(
                    "event=consuming queue=%s prefetch=%d dispatch=%s",
                    queue, prefetch, parts.dispatch().mode().name().toLowerCase(Locale.ROOT));
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
        flushAcks();
    }

    @PreDestroy
    synchronized void close() {
        stopped = true;
        consuming = false;
        resubscriber.shutdownNow();
        pool.shutdown();
        closeChannel(true);
    }

    /** {@code flush}: send the acks held for a batch first (not after a recovery: void tags). */
    private void closeChannel(boolean flush) {
        Channel ch = channel;
        Deliveries d = deliveries;
        channel = null;
        deliveries = null;
        consumerTag = null;
        if (d != null) {
            if (flush) {
                d.flush();
            }
            d.close();
        }
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debugf("closing the consumer channel: %s", e);
            }
        }
    }
}
