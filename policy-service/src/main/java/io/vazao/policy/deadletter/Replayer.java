package io.vazao.policy.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Moves dead letters back to their work queue, one at a time: take it from the dead-letter queue
 * without ack, publish it (mandatory, with publisher confirms) through the exchange and routing key
 * it was first published with, wait for the confirm, and only then ack it in the dead-letter queue.
 * A crash between the confirm and the ack leaves the message in both queues (a duplicate), never in
 * neither. Dead letters of another reason are held unacked until the end, then requeued in place.
 */
public final class Replayer {

    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final LongSupplier nanoClock;

    public Replayer(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Replays until done, the maximum, or {@code cancel}; reports progress after every message. */
    public ReplayProgress replay(
            Connection connection,
            String queue,
            ReplayRequest request,
            AtomicBoolean cancel,
            Consumer<ReplayProgress> progress)
            throws IOException {
        String dlq = Topology.deadLetterQueue(queue);
        ReplayPace pace = new ReplayPace(request.ratePerSecond());
        AtomicBoolean returned = new AtomicBoolean();
        Channel ch = connection.createChannel();
        long start = nanoClock.getAsLong();
        long moved = 0;
        long skipped = 0;
        long lastHeld = -1;
        try {
            ch.confirmSelect();
            ch.addReturnListener(r -> returned.set(true));
            while (!request.reachedMax(moved) && !cancel.get()) {
                waitUntilDue(pace, moved, start);
                GetResponse r = ch.basicGet(dlq, false);
                if (r == null) {
                    break;
                }
                long tag = r.getEnvelope().getDeliveryTag();
                Map<String, Object> headers = r.getProps().getHeaders();
                String reason = DeadLetterHeaders.reason(headers);
                if (!request.matches(reason)) {
                    lastHeld = tag;
                    skipped++;
                    continue;
                }
                publishConfirmed(ch, queue, r, returned);
                ch.basicAck(tag, false);
                moved++;
                progress.accept(new ReplayProgress(moved, skipped, elapsedMillis(start)));
            }
            if (lastHeld >= 0) {
                // Everything still unacked on this channel is a held message of another reason.
                ch.basicNack(lastHeld, true, true);
            }
            return new ReplayProgress(moved, skipped, elapsedMillis(start));
        } finally {
            DeadLetterBrowser.closeQuietly(ch);
        }
    }

    private void publishConfirmed(Channel ch, String queue, GetResponse r, AtomicBoolean returned)
            throws IOException {
        Map<String, Object> headers = r.getProps().getHeaders();
        String exchange =
                DeadLetterHeaders.text(headers, DeadLetterHeaders.EXCHANGE)
                        .orElse(Topology.EXCHANGE);
        String routingKey =
                DeadLetterHeaders.text(headers, DeadLetterHeaders.ROUTING_KEY)
                        .orElse(DeadLetterHeaders.defaultRoutingKey(queue));
        returned.set(false);
        ch.basicPublish(exchange, routingKey, true, replayed(r.getProps()), r.getBody());
        try {
            ch.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MILLIS);
        } catch (TimeoutException e) {
            throw new IOException(
                    "the broker did not confirm a replayed message within "
                            + CONFIRM_TIMEOUT_MILLIS
                            + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a confirm");
        }
        if (returned.get()) {
            throw new IOException(
                    "no queue is bound to exchange "
                            + exchange
                            + " with routing key "
                            + routingKey
                            + ": the message stays in the dead-letter queue");
        }
    }

    /** The dead letter's properties with its dead-letter headers removed and the replay counted. */
    static AMQP.BasicProperties replayed(AMQP.BasicProperties original) {
        Map<String, Object> headers = new HashMap<>();
        if (original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        int before =
                DeadLetterHeaders.text(headers, DeadLetterHeaders.REPLAYED)
                        .map(
                                s -> {
                                    try {
                                        return Integer.parseInt(s.trim());
                                    } catch (NumberFormatException e) {
                                        return 0;
                                    }
                                })
                        .orElse(0);
        DeadLetterHeaders.DEAD_LETTER_ONLY.forEach(headers::remove);
        headers.put(DeadLetterHeaders.REPLAYED, before + 1);
        return original.builder().headers(headers).deliveryMode(2).build();
    }

    private void waitUntilDue(ReplayPace pace, long sent, long start) {
        long wait;
        while ((wait = pace.waitNanos(sent, nanoClock.getAsLong() - start)) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private long elapsedMillis(long start) {
        return (nanoClock.getAsLong() - start) / 1_000_000;
    }
}
