package io.vazao.load;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.contract.Json;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes the seed's payloads to RabbitMQ following a {@link LoadPlan}, with publisher confirms
 * and a bounded window of unconfirmed messages. Seed queues go through {@code business_exchange}
 * with their routing keys; any other queue through the default exchange. Messages are published
 * mandatory, so a queue that does not exist shows up as "unroutable" instead of vanishing.
 */
public final class LoadGenerator {

    /**
     * @param uri AMQP URI, e.g. amqp://guest:guest@127.0.0.1:5672
     * @param runId makes the message ids of this run unique
     * @param seed seeds the payloads' random fields
     * @param window most unconfirmed messages at once
     * @param progress where the progress line goes (null: none)
     * @param paymentQueues queues that get payments; every other queue gets orders
     * @param format plain JSON, or Celery task messages
     */
    public record Options(
            String uri,
            String runId,
            long seed,
            int window,
            PrintStream progress,
            java.util.Set<String> paymentQueues,
            WireFormat format) {

        /** Plain JSON, as the seed's load generator published. */
        public Options(
                String uri,
                String runId,
                long seed,
                int window,
                PrintStream progress,
                java.util.Set<String> paymentQueues) {
            this(uri, runId, seed, window, progress, paymentQueues, WireFormat.JSON);
        }
    }

    /** What a run achieved. */
    public record Result(
            String runId,
            Map<String, Long> sent,
            long confirmed,
            long nacked,
            long unroutable,
            double seconds) {
        public long totalSent() {
            return sent.values().stream().mapToLong(Long::longValue).sum();
        }

        public double rate() {
            return seconds <= 0 ? 0 : totalSent() / seconds;
        }

        public boolean complete() {
            return confirmed == totalSent() && nacked == 0 && unroutable == 0;
        }

        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "run %s: sent %d, confirmed %d, nacked %d, unroutable %d in %.1f s (%.0f msg/s)",
                            runId,
                            totalSent(),
                            confirmed,
                            nacked,
                            unroutable,
                            seconds,
                            rate()));
            sent.forEach((q, n) -> sb.append("\n  ").append(q).append(": ").append(n));
            return sb.toString();
        }
    }

    private final Options options;
    private volatile boolean stopped;

    public LoadGenerator(Options options) {
        this.options = options;
    }

    /** Asks a running {@link #run} to stop after the current message (Ctrl-C). */
    public void stop() {
        stopped = true;
    }

    public Result run(LoadPlan plan) throws IOException, TimeoutException, InterruptedException {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(options.uri());
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "bad AMQP URI " + options.uri() + ": " + e.getMessage(), e);
        }
        factory.setConnectionTimeout(5_000);
        Map<String, Long> sent = new LinkedHashMap<>();
        plan.queues().forEach(q -> sent.put(q, 0L));
        Confirms confirms = new Confirms(options.window());
        long start = System.nanoTime();
        try (Connection connection = factory.newConnection("vazao-load-" + options.runId());
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(Topology.EXCHANGE, Topology.EXCHANGE_TYPE, true);
            confirms.attach(channel);
            Round round = new Round(channel, confirms, sent, start);
            while (!stopped) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                boolean published = round.publishDue(plan, elapsed);
                if (plan.finished(elapsed) && allSent(plan, sent, elapsed)) {
                    break;
                }
                if (!published) {
                    LockSupport.parkNanos(2_000_000);
                }
            }
            channel.waitForConfirms(60_000);
        } catch (TimeoutException e) {
            // Some confirms did not arrive in time: reported as the gap between sent and confirmed.
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        progress(sent, confirms.confirmed.get(), start, true);
        return new Result(
                options.runId(),
                sent,
                confirms.confirmed.get(),
                confirms.nacked.get(),
                confirms.unroutable.get(),
                seconds);
    }

    /**
     * The publisher confirms of one run: a bounded window of unconfirmed messages, and the counts.
     */
    private static final class Confirms {
        final AtomicLong confirmed = new AtomicLong();
        final AtomicLong nacked = new AtomicLong();
        final AtomicLong unroutable = new AtomicLong();
        final ConcurrentNavigableMap<Long, Boolean> outstanding = new ConcurrentSkipListMap<>();
        final Semaphore window;

        Confirms(int window) {
            this.window = new Semaphore(window);
        }

        void attach(Channel channel) throws IOException {
            channel.confirmSelect();
            channel.addReturnListener(r -> unroutable.incrementAndGet());
            channel.addConfirmListener(
                    (tag, multiple) -> settle(outstanding, window, tag, multiple, confirmed),
                    (tag, multiple) -> settle(outstanding, window, tag, multiple, nacked));
        }

        /** Waits for room in the window, then records the next publish as outstanding. */
        void reserve(Channel channel) throws InterruptedException {
            window.acquire();
            outstanding.put(channel.getNextPublishSeqNo(), Boolean.TRUE);
        }
    }

    /** Publishes what the plan has due, queue by queue in small slices. */
    private final class Round {
        private final Channel channel;
        private final Confirms confirms;
        private final Map<String, Long> sent;
        private final long start;
        private final Payloads payloads =
                new Payloads(options.runId(), options.seed(), java.time.Instant.now());
        private final ObjectWriter writer = Json.mapper().writer();
        private long lastProgress = System.nanoTime();

        Round(Channel channel, Confirms confirms, Map<String, Long> sent, long start) {
            this.channel = channel;
            this.confirms = confirms;
            this.sent = sent;
            this.start = start;
        }

        /** Returns whether anything was published. */
        boolean publishDue(LoadPlan plan, double elapsed) throws IOException, InterruptedException {
            boolean published = false;
            // Interleave the queues in small slices so an order and its payment travel close
            // together.
            boolean more = true;
            while (more && !stopped) {
                more = false;
                for (String q : plan.queues()) {
                    long due = plan.dueBy(q, elapsed);
                    long s = sent.get(q);
                    long slice = Math.min(due - s, 64);
                    for (long i = 0; i < slice; i++) {
                        publish(q, s + i);
                    }
                    if (slice > 0) {
                        sent.put(q, s + slice);
                        published = true;
                        more |= due > s + slice;
                    }
                    if (System.nanoTime() - lastProgress > 1_000_000_000L) {
                        lastProgress = System.nanoTime();
                        progress(sent, confirms.confirmed.get(), start, false);
                    }
                }
            }
            return published;
        }

        private void publish(String q, long n) throws IOException, InterruptedException {
            confirms.reserve(channel);
            byte[] body = options.format().body(writer.writeValueAsBytes(payload(payloads, q, n)));
            AMQP.BasicProperties props = options.format().properties(idOf(q, n), isPayments(q));
            Route route = route(q);
            channel.basicPublish(route.exchange(), route.routingKey(), true, props, body);
        }
    }

    private static boolean allSent(LoadPlan plan, Map<String, Long> sent, double elapsed) {
        for (Map.Entry<String, Long> e : sent.entrySet()) {
            if (e.getValue() < plan.dueBy(e.getKey(), elapsed)) {
                return false;
            }
        }
        return true;
    }

    private static void settle(
            ConcurrentNavigableMap<Long, Boolean> outstanding,
            Semaphore window,
            long tag,
            boolean multiple,
            AtomicLong counter) {
        int n = 0;
        if (multiple) {
            ConcurrentNavigableMap<Long, Boolean> head = outstanding.headMap(tag, true);
            for (Long k : head.keySet()) {
                if (outstanding.remove(k) != null) {
                    n++;
                }
            }
        } else if (outstanding.remove(tag) != null) {
            n = 1;
        }
        counter.addAndGet(n);
        window.release(n);
    }

    private void progress(Map<String, Long> sent, long confirmed, long start, boolean last) {
        PrintStream out = options.progress();
        if (out == null) {
            return;
        }
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        double s = (System.nanoTime() - start) / 1e9;
        out.printf(
                Locale.ROOT,
                "\rsent %d  confirmed %d  %.0f msg/s  %.0f s   ",
                total,
                confirmed,
                s > 0 ? total / s : 0,
                s);
        if (last) {
            out.println();
        }
        out.flush();
    }

    private Object payload(Payloads p, String queue, long n) {
        return isPayments(queue) ? p.payment(n) : p.order(n);
    }

    private String idOf(String queue, long n) {
        return isPayments(queue)
                ? Payloads.paymentId(options.runId(), n)
                : Payloads.orderId(options.runId(), n);
    }

    private boolean isPayments(String queue) {
        return options.paymentQueues().contains(queue);
    }

    record Route(String exchange, String routingKey) {}

    static Route route(String queue) {
        return Topology.seedQueue(queue)
                .map(s -> new Route(Topology.EXCHANGE, s.routingKey()))
                .orElse(new Route("", queue));
    }
}
