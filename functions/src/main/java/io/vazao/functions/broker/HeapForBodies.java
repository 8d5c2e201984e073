package io.vazao.functions.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The heap a large body needs. The AMQP client holds a body's frames and the body assembled from
 * them at the same time, so the largest body it takes in ({@code vazao.max-inbound-message-bytes})
 * needs twice its size of free heap; a worker whose heap cannot hold it runs out of memory on that
 * message at every redelivery. The check runs at start-up; after a large body the heap it grew to
 * is given back, so that one large message does not keep a worker's memory high for good.
 */
public final class HeapForBodies {

    private static final Logger LOG = Logger.getLogger(HeapForBodies.class);

    /** What the worker needs besides the body (measured: about 30 MiB live under load). */
    static final long BASE_BYTES = 48L << 20;

    /** Bodies from this size on are followed by a full collection. */
    static final int RELEASE_FROM_BYTES = 16 << 20;

    private HeapForBodies() {}

    /** The heap a worker taking bodies up to {@code maxInboundBytes} needs. */
    public static long needed(int maxInboundBytes) {
        return 2L * maxInboundBytes + BASE_BYTES;
    }

    /** Says so at start-up when the heap cannot hold the largest body the client takes in. */
    public static boolean check(int maxInboundBytes, long maxHeapBytes) {
        long needed = needed(maxInboundBytes);
        if (maxHeapBytes >= needed) {
            return true;
        }
        LOG.warnf(
                "event=heap-below-message-limit maxHeapMiB=%d neededMiB=%d"
                        + " maxInboundMessageBytes=%d action=\"raise -Xmx, or lower the broker's"
                        + " max_message_size and vazao.max-inbound-message-bytes together\"",
                maxHeapBytes >> 20, needed >> 20, maxInboundBytes);
        return false;
    }

    /**
     * A body of {@code bytes} was settled: when it was large, a full collection shortly after, once
     * the delivery that held it has returned, lets the serial collector give the grown heap back.
     */
    public static void settled(int bytes) {
        if (bytes >= RELEASE_FROM_BYTES) {
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(System::gc);
        }
    }
}
