package io.vazao.functions.consume;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The outstanding deliveries of one channel and their acknowledgements, sent in batches: a message
 * is acked only after its work finished, with {@code multiple=true} up to the highest finished tag
 * below the lowest unfinished one, so that one ack frame settles several messages. A requeue is
 * sent at once, on its own, before any later multiple ack could cover it. Finished messages behind
 * an unfinished one are acked one by one at the next flush, so a slow message never holds the
 * others' prefetch slots.
 *
 * <p>Deliveries finished on the delivery thread wait for {@link #flush()} (the batch full, or the
 * delivery thread has nothing more to hand over); those finished on a processing thread flush at
 * once ({@code eager}). The channel's tags are void once it is closed or replaced: {@link #close()}
 * drops what is pending and nothing is ever acked on a closed channel. Thread-safe.
 */
final class Acks {

    /** Where the acks go: the channel. */
    interface Sink {
        void ack(long tag, boolean multiple) throws IOException;

        void requeue(long tag) throws IOException;

        boolean isOpen();
    }

    /** Told once per delivery: settled on the wire, or void (its channel went away). */
    interface Outcomes {
        void settled(Delivery delivery);

        void voided(Delivery delivery);
    }

    /** One outstanding delivery. */
    static final class Delivery {
        final long tag;
        final long startNanos;
        private WorkConsumer.Settle settle; // null while its work runs
        private boolean onTheWire;

        Delivery(long tag, long startNanos) {
            this.tag = tag;
            this.startNanos = startNanos;
        }

        WorkConsumer.Settle settle() {
            return settle;
        }

        private boolean awaitsAck() {
            return settle != null && !onTheWire;
        }
    }

    private final Sink sink;
    private final Outcomes outcomes;
    private final int batch;
    private final ArrayDeque<Delivery> outstanding = new ArrayDeque<>();
    private int finishedAtHead; // finished, unacked, with nothing unfinished before them
    private boolean closed;

    Acks(Sink sink, Outcomes outcomes, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1");
        }
        this.sink = sink;
        this.outcomes = outcomes;
        this.batch = batch;
    }

    /** A delivery arrived (in tag order); its work starts now. */
    synchronized Delivery delivered(long tag, long startNanos) {
        Delivery d = new Delivery(tag, startNanos);
        if (!closed) {
            outstanding.addLast(d);
        }
        return d;
    }

    /**
     * The work of {@code d} finished: requeue at once, or ack now ({@code eager}) or with the
     * batch.
     */
    synchronized void finished(Delivery d, WorkConsumer.Settle settle, boolean eager) {
        d.settle = settle;
        if (closed) {
            outcomes.voided(d);
            return;
        }
        if (settle == WorkConsumer.Settle.REQUEUE) {
            try {
                sink.requeue(d.tag);
            } catch (IOException | RuntimeException e) {
                d.onTheWire = true;
                outcomes.voided(d);
                voidAll();
                return;
            }
            d.onTheWire = true;
            outcomes.settled(d);
        }
        countHead();
        if (eager || finishedAtHead >= batch) {
            flush();
        }
    }

    /** True when acks wait for {@link #flush()}. */
    synchronized boolean pending() {
        for (Delivery d : outstanding) {
            if (d.awaitsAck()) {
                return true;
            }
        }
        return false;
    }

    /** Sends every ack that may be sent now. */
    synchronized void flush() {
        if (closed) {
            return;
        }
        if (!sink.isOpen()) {
            voidAll();
            return;
        }
        List<Delivery> acked = new ArrayList<>();
        Delivery upTo = null;
        int count = 0;
        while (!outstanding.isEmpty() && outstanding.peekFirst().settle != null) {
            Delivery d = outstanding.removeFirst();
            if (!d.onTheWire) {
                upTo = d;
                count++;
                acked.add(d);
            }
        }
        try {
            if (upTo != null) {
                sink.ack(upTo.tag, count > 1);
            }
            for (Delivery d : outstanding) {
                if (d.awaitsAck()) { // behind an unfinished one: alone
                    sink.ack(d.tag, false);
                    acked.add(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            for (Delivery d : acked) {
                d.onTheWire = true; // whether or not the frame left, the channel is gone
                outcomes.voided(d);
            }
            voidAll();
            return;
        }
        for (Delivery d : acked) {
            d.onTheWire = true;
            outcomes.settled(d);
        }
        finishedAtHead = 0;
    }

    /** The channel is closed or replaced: its tags are void, nothing more is acked on it. */
    synchronized void close() {
        voidAll();
    }

    synchronized boolean closed() {
        return closed;
    }

    private void voidAll() {
        closed = true;
        for (Iterator<Delivery> it = outstanding.iterator(); it.hasNext(); ) {
            Delivery d = it.next();
            if (d.awaitsAck()) {
                d.onTheWire = true;
                outcomes.voided(d);
            }
            // unfinished ones are voided when their work finishes
        }
        outstanding.clear();
        finishedAtHead = 0;
    }

    private void countHead() {
        int n = 0;
        for (Delivery d : outstanding) {
            if (d.settle == null) {
                break;
            }
            if (!d.onTheWire) {
                n++;
            }
        }
        finishedAtHead = n;
    }
}
