package io.vazao.functions.metrics;

import com.rabbitmq.client.AMQP;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vazao.functions.celery.Delivery;
import io.vazao.functions.config.ProcessStart;
import io.vazao.functions.config.QueueBinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The worker's counters, shared by the Prometheus endpoint and the heartbeat so both report the
 * same numbers: {@code vazao_messages_processed_total}, {@code vazao_messages_failed_total}, {@code
 * vazao_processing_seconds} (histogram) and {@code vazao_in_flight}, all tagged with the queue.
 */
@ApplicationScoped
public class WorkerMetrics {

    private static final Logger LOG = Logger.getLogger(WorkerMetrics.class);

    /** The publisher's stamp: epoch milliseconds when the message was published. */
    public static final String PUBLISHED_AT_HEADER = "timestamp";

    private static final long STAMP_HORIZON_MILLIS = 3_600_000;

    /**
     * Every millisecond up to 20 ms (stamps are whole milliseconds, so percentiles read from these
     * buckets are exact there), coarser beyond.
     */
    private static final Duration[] LATENCY_BUCKETS = latencyBuckets();

    private static Duration[] latencyBuckets() {
        List<Duration> out = new ArrayList<>();
        for (int ms = 1; ms <= 20; ms++) {
            out.add(Duration.ofMillis(ms));
        }
        for (int ms : new int[] {25, 30, 40, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000}) {
            out.add(Duration.ofMillis(ms));
        }
        return out.toArray(new Duration[0]);
    }

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Timer processing;
    private final Timer publishToEnd;

    /**
     * Settled messages by format and outcome: [json processed, json dead-lettered, celery
     * processed, celery dead-lettered].
     */
    private final AtomicLong[] byFormat = {
        new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()
    };

    @Inject
    public WorkerMetrics(MeterRegistry registry, QueueBinding binding) {
        String queue = binding.queue();
        // Function counters over the same atomics the heartbeat reads: one count, two views.
        FunctionCounter.builder("vazao.messages.processed", processed, AtomicLong::doubleValue)
                .description("Messages processed and acknowledged")
                .tag("queue", queue)
                .register(registry);
        FunctionCounter.builder("vazao.messages.failed", failed, AtomicLong::doubleValue)
                .description("Messages moved to the dead-letter queue")
                .tag("queue", queue)
                .register(registry);
        processing =
                Timer.builder("vazao.processing")
                        .description(
                                "Time from delivery to the end of processing, retries included")
                        .tag("queue", queue)
                        .publishPercentileHistogram()
                        .register(registry);
        publishToEnd =
                Timer.builder("vazao.publish.to.end")
                        .description(
                                "From the publisher's timestamp header (epoch milliseconds) to the"
                                        + " end of the function")
                        .tag("queue", queue)
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry);
        for (Delivery.Format format : Delivery.Format.values()) {
            for (boolean done : new boolean[] {true, false}) {
                FunctionCounter.builder(
                                "vazao.messages.by.format",
                                byFormat[slot(format, done)],
                                AtomicLong::doubleValue)
                        .description(
                                "Messages settled, by how they were written (json or celery) and outcome")
                        .tag("queue", queue)
                        .tag("format", format.tag())
                        .tag("outcome", done ? "processed" : "dead-lettered")
                        .register(registry);
            }
        }
        FunctionCounter.builder("vazao.messages.duplicates", duplicates, AtomicLong::doubleValue)
                .description("Messages acked unrun: the duplicate guard had their id")
                .tag("queue", queue)
                .register(registry);
        Gauge.builder("vazao.in.flight", inFlight, AtomicInteger::get)
                .description("Messages being processed now")
                .tag("queue", queue)
                .register(registry);
    }

    /**
     * The function returned for a delivery: if its publisher stamped it (header {@value
     * #PUBLISHED_AT_HEADER}, epoch milliseconds, as RabbitMQ PerfTest writes it with {@code
     * --use-millis}), the time since is recorded. Stamps in another unit, or more than an hour
     * away, are not times of this clock and are left out.
     */
    public void functionEnded(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object stamp = headers == null ? null : headers.get(PUBLISHED_AT_HEADER);
        if (stamp instanceof Number n) {
            long millis = System.currentTimeMillis() - n.longValue();
            if (millis >= 0 && millis < STAMP_HORIZON_MILLIS) {
                publishToEnd.record(millis, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A delivery the duplicate guard acked without running the function. */
    public void duplicateSkipped() {
        duplicates.incrementAndGet();
    }

    public long duplicateCount() {
        return duplicates.get();
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    public void processed(long nanos) {
        if (processed.incrementAndGet() == 1) {
            firstMessage();
        }
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts a settled message by its format: processed, or dead-lettered. */
    public void took(Delivery.Format format, boolean processed) {
        byFormat[slot(format, processed)].incrementAndGet();
    }

    private static int slot(Delivery.Format format, boolean processed) {
        return (format == Delivery.Format.CELERY ? 2 : 0) + (processed ? 0 : 1);
    }

    /** Of the processed messages, how many were Celery task messages. */
    public long celeryProcessedCount() {
        return byFormat[slot(Delivery.Format.CELERY, true)].get();
    }

    public void failed(long nanos) {
        failed.incrementAndGet();
        processing.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Start-up time as users feel it: from the process's start to its first processed message. */
    private static void firstMessage() {
        long since = System.currentTimeMillis() - ProcessStart.epochMillis();
        LOG.infof("event=first-message millisSinceProcessStart=%d", since);
    }

    public long processedCount() {
        return processed.get();
    }

    public long failedCount() {
        return failed.get();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
