package io.vazao.functions.consume;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.payload.Rejection;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * The deliveries of one channel: each runs where {@link Dispatch} says (the delivery thread, or the
 * processing pool) and is settled on that channel through {@link Acks}: acked once its work
 * finished, in batches where it ran on the delivery thread, at once where it ran on the pool.
 */
final class Deliveries extends DefaultConsumer implements Acks.Outcomes {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    /** The subscription ended: the owner re-subscribes unless the connection's recovery will. */
    interface Lost {
        void lost(Channel channel, String why, boolean connectionLost);
    }

    /** The parts a delivery goes through. */
    record Parts(
            WorkConsumer work,
            RedeliveryGuard redeliveries,
            WorkerMetrics metrics,
            Dispatch dispatch,
            Executor pool,
            String queue) {}

    private final Parts parts;
    private final Lost lost;
    private final Acks acks;

    Deliveries(Channel channel, int prefetch, Parts parts, Lost lost) {
        super(channel);
        this.parts = parts;
        this.lost = lost;
        this.acks = new Acks(new ChannelSink(channel), this, Math.max(1, prefetch / 2));
    }

    @Override
    public void handleDelivery(
            String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        parts.metrics().started();
        Acks.Delivery d = acks.delivered(envelope.getDeliveryTag(), System.nanoTime());
        boolean redelivered = envelope.isRedeliver();
        if (parts.dispatch().inline(redelivered, properties)) {
            acks.finished(d, consume(redelivered, body, properties), false);
            return;
        }
        try {
            parts.pool()
                    .execute(() -> acks.finished(d, consume(redelivered, body, properties), true));
        } catch (RejectedExecutionException e) {
            acks.finished(d, WorkConsumer.Settle.REQUEUE, true); // shutting down
        }
    }

    /** Sends the acks held for a batch (the delivery thread has nothing more in hand). */
    void flush() {
        acks.flush();
    }

    /** The channel is closed or replaced: nothing more is acked on it. */
    void close() {
        acks.close();
    }

    /** Whatever escapes the work (a dead-letter publish that threw) still settles the delivery. */
    private WorkConsumer.Settle consume(
            boolean redelivered, byte[] body, AMQP.BasicProperties properties) {
        WorkConsumer work = parts.work();
        try {
            if (!redelivered) {
                return work.consume(body, properties, false);
            }
            // One redelivered message in the function at a time, counted when it starts: if the
            // worker dies, the message that killed it is the one counted, not the others waiting.
            RedeliveryGuard guard = parts.redeliveries();
            synchronized (guard) {
                long seen = guard.redelivered(properties, body);
                WorkConsumer.Settle settle =
                        guard.over(seen)
                                ? work.deadLetter(
                                        body,
                                        properties,
                                        Rejection.DELIVERY_LIMIT,
                                        RedeliveryGuard.describe(seen),
                                        (int) Math.min(Integer.MAX_VALUE, seen))
                                : work.consume(body, properties, true);
                if (settle != WorkConsumer.Settle.REQUEUE) {
                    guard.settled(properties, body);
                } else if (seen > 0) {
                    guard.givenBack(properties, body); // handed back unrun (draining): no death
                }
                return settle;
            }
        } catch (RuntimeException | Error e) {
            LOG.warnf("event=work-escaped queue=%s action=requeue error=\"%s\"", parts.queue(), e);
            return WorkConsumer.Settle.REQUEUE;
        }
    }

    @Override
    public void settled(Acks.Delivery d) {
        WorkerMetrics metrics = parts.metrics();
        if (d.settle() == WorkConsumer.Settle.PROCESSED) {
            metrics.processed(System.nanoTime() - d.startNanos);
        } else if (d.settle() == WorkConsumer.Settle.DEAD_LETTERED) {
            metrics.failed(System.nanoTime() - d.startNanos);
        }
        // RETRY_LATER: neither processed nor failed yet, it comes back from its delay queue
        metrics.finished();
    }

    @Override
    public void voided(Acks.Delivery d) {
        // The channel went with the connection: the broker requeues the delivery.
        LOG.debugf("event=settle-void queue=%s tag=%d", parts.queue(), d.tag);
        parts.metrics().finished();
    }

    @Override
    public void handleCancel(String tag) {
        lost.lost(getChannel(), "cancelled-by-broker", false);
    }

    @Override
    public void handleShutdownSignal(String tag, ShutdownSignalException sig) {
        acks.close();
        if (!sig.isInitiatedByApplication()) {
            // A hard error closed the connection: its recovery subscribes again.
            lost.lost(getChannel(), "channel-closed: " + sig.getMessage(), sig.isHardError());
        }
    }

    /** Acks on the channel the deliveries came from. */
    private record ChannelSink(Channel channel) implements Acks.Sink {
        @Override
        public void ack(long tag, boolean multiple) throws IOException {
            channel.basicAck(tag, multiple);
        }

        @Override
        public void requeue(long tag) throws IOException {
            channel.basicNack(tag, false, true);
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }
    }
}
