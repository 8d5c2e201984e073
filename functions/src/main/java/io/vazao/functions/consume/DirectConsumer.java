package io.vazao.functions.consume;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.vazao.functions.broker.BrokerConnection;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.metrics.WorkerMetrics;

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
 */
@ApplicationScoped
public class DirectConsumer {

    private static final Logger LOG = Logger.getLogger(DirectConsumer.class);

    private final BrokerConnection broker;
    private final WorkConsumer work;
    private final WorkerMetrics metrics;
    private final String queue;
    private final int prefetch;
    private final ExecutorService pool;
    private Channel channel;
    private String consumerTag;
    private boolean stopped;

    @Inject
    public DirectConsumer(BrokerConnection broker, WorkConsumer work, WorkerMetrics metrics, QueueBinding binding,
                          FunctionsConfig config) {
        this.broker = broker;
        this.work = work;
        this.metrics = metrics;
        this.queue = binding.queue();
        if (config.prefetch() < 1) {
            throw new IllegalArgumentException("vazao.prefetch must be >= 1, not " + config.prefetch());
        }
        this.prefetch = config.prefetch();
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(prefetch, prefetch, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vazao-work-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes now if the broker is there, and again every time the connection comes back. */
    public void start() {
        broker.onReady(this::subscribe);
    }

    private synchronized void subscribe() {
        if (stopped) {
            return;
        }
        closeChannel(); // after a recovery the old channel has no consumer and stale delivery tags
        try {
            Channel ch = broker.createChannel();
            ch.basicQos(prefetch);
            consumerTag = ch.basicConsume(queue, false, new Deliveries(ch));
            channel = ch;
            LOG.infof("event=consuming queue=%s prefetch=%d", queue, prefetch);
        } catch (IOException | RuntimeException e) {
            // The next recovery subscribes again.
            LOG.warnf("event=subscribe-failed queue=%s error=\"%s\"", queue, e);
        }
    }

    /** Takes no more deliveries; those already here are still processed and settled. */
    public synchronized void stop() {
        stopped = true;
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
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            metrics.started();
            long start = System.nanoTime();
            try {
                pool.execute(() -> settle(envelope.getDeliveryTag(), work.consume(body, properties), start));
            } catch (RejectedExecutionException e) {
                // Shutting down: the broker requeues what was never acked.
                metrics.finished();
            }
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
                } else {
                    metrics.failed(System.nanoTime() - start);
                }
            } catch (IOException | ShutdownSignalException e) {
                // The channel went with the connection: the broker has requeued the delivery already.
                LOG.debugf("event=settle-failed queue=%s error=\"%s\"", queue, e);
            } finally {
                metrics.finished();
            }
        }

        @Override
        public void handleCancel(String tag) {
            LOG.warnf("event=consumer-cancelled-by-broker queue=%s", queue);
        }
    }
}
