package io.vazao.policy.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a dead-letter queue without removing anything: {@code basic.get} without ack on a channel
 * of its own, up to the scan limit, then one {@code basic.nack(multiple, requeue)} for all of them.
 *
 * <p>Why this and not the management API's "get messages": the same requeue happens there, but over
 * HTTP with every body in one JSON answer, and a second path to the broker to keep working.
 * Requeued messages go back to their original place in a classic queue, so reading does not reorder
 * the dead-letter queue as long as nothing else consumes it meanwhile (nothing should: a replay and
 * a read of the same queue are serialized by {@link DeadLetterLocks}). They come back with the
 * redelivered flag set, which nobody downstream of a dead-letter queue looks at.
 */
public final class DeadLetterBrowser {

    private final int scanLimit;
    private final int previewBytes;

    public DeadLetterBrowser(int scanLimit, int previewBytes) {
        this.scanLimit = scanLimit;
        this.previewBytes = previewBytes;
    }

    /** The report, or empty when the dead-letter queue does not exist. */
    public Optional<DeadLetterReport> read(
            Connection connection, String queue, long offset, int limit) throws IOException {
        String dlq = Topology.deadLetterQueue(queue);
        Channel ch = connection.createChannel();
        try {
            long depth;
            try {
                depth = ch.queueDeclarePassive(dlq).getMessageCount();
            } catch (IOException e) {
                if (notFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
            DeadLetterTally tally = new DeadLetterTally(offset, limit, previewBytes);
            long lastTag = -1;
            GetResponse r;
            while (tally.seen() < scanLimit && (r = ch.basicGet(dlq, false)) != null) {
                AMQP.BasicProperties p = r.getProps();
                tally.add(
                        p.getHeaders(),
                        p.getMessageId(),
                        p.getTimestamp() == null ? null : p.getTimestamp().getTime(),
                        r.getBody());
                lastTag = r.getEnvelope().getDeliveryTag();
            }
            if (lastTag >= 0) {
                ch.basicNack(lastTag, true, true);
            }
            boolean complete = tally.seen() >= depth;
            return Optional.of(tally.report(queue, dlq, Math.max(depth, tally.seen()), complete));
        } finally {
            closeQuietly(ch);
        }
    }

    static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException s
                && !s.isHardError()
                && s.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == 404;
    }

    static void closeQuietly(Channel ch) {
        try {
            if (ch.isOpen()) {
                ch.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
            // closing a channel also requeues whatever it still holds
        }
    }
}
