package io.vazao.functions.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * One confirm-mode channel, on the worker's publishing connection, for publishes that must be on
 * the broker before the caller acks the original: each publish is mandatory and returns only once
 * confirmed. The channel is opened on first use and, after any failure, thrown away and opened
 * again on the next publish. Callers hold their own lock: a channel is not shared between threads.
 */
final class ConfirmedChannel {

    /** A step on the channel before the publish (a declare), failing as the publish would. */
    @FunctionalInterface
    interface Step {
        void run(Channel channel) throws IOException;
    }

    private static final long CONFIRM_TIMEOUT_MILLIS = 10_000;

    private final BrokerConnection broker;
    private final Runnable onOpen;
    private Channel channel;
    private volatile boolean returned;

    /**
     * {@code onOpen} runs for each new channel: what was declared through the old one may be gone.
     */
    ConfirmedChannel(BrokerConnection broker, Runnable onOpen) {
        this.broker = broker;
        this.onOpen = onOpen;
    }

    /**
     * Runs {@code before}, publishes and waits for the confirm.
     *
     * @throws IOException when the broker is unreachable, nacks, does not confirm in time, or
     *     cannot route the message ({@code unroutable} is then the message)
     */
    void publish(
            String exchange,
            String routingKey,
            AMQP.BasicProperties props,
            byte[] body,
            String unroutable,
            Step before)
            throws IOException {
        Channel ch = open();
        returned = false;
        try {
            before.run(ch);
            ch.basicPublish(exchange, routingKey, true, props, body);
            awaitConfirm(ch);
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            discard();
            throw new IOException("publish not confirmed: " + e, e);
        } catch (IOException e) {
            discard();
            throw e;
        }
        if (returned) {
            throw new Unroutable(unroutable);
        }
    }

    /**
     * Waits for the confirm, and goes on waiting while the broker blocks the publishing connection:
     * the publish is on its way and reaches the broker when the alarm lifts, so giving up would
     * have the caller publish the same message a second time.
     */
    private void awaitConfirm(Channel ch)
            throws IOException, InterruptedException, TimeoutException {
        while (true) {
            try {
                if (!ch.waitForConfirms(CONFIRM_TIMEOUT_MILLIS)) {
                    throw new IOException("the broker refused the publish (nack)");
                }
                return;
            } catch (TimeoutException e) {
                if (!broker.publishingBlocked()) {
                    throw e;
                }
            }
        }
    }

    /** The broker confirmed the publish but no queue took it (a queue or binding is missing). */
    static final class Unroutable extends IOException {
        Unroutable(String message) {
            super(message);
        }
    }

    private Channel open() throws IOException {
        if (channel == null || !channel.isOpen()) {
            Channel ch = broker.createPublishingChannel();
            ch.confirmSelect();
            // A mandatory publish that no queue takes comes back before its confirm.
            ch.addReturnListener(r -> returned = true);
            onOpen.run();
            channel = ch;
        }
        return channel;
    }

    void discard() {
        Channel ch = channel;
        channel = null;
        if (ch != null && ch.isOpen()) {
            try {
                ch.abort();
            } catch (IOException | RuntimeException ignored) {
                // the channel is being thrown away either way
            }
        }
    }
}
