package io.vazao.functions.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vazao.functions.config.QueueBinding;

/**
 * The worker's counters, shared by the Prometheus endpoint and the heartbeat so both report the same
 * numbers: {@code vazao_messages_processed_total}, {@code vazao_messages_failed_total},
 * {@code vazao_processing_seconds} (histogram) and {@code vazao_in_flight}, all tagged with the queue.
 */
@ApplicationScoped
public class WorkerMetrics {

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter processedCounter;
    private final Counter failedCounter;
    private final Timer processing;

    @Inject
    public WorkerMetrics(MeterRegistry registry, QueueBinding binding) {
        String queue = binding.queue();
        processedCounter = Counter.builder("vazao.messages.processed")
                .description("Messages processed and acknowledged")
                .tag("queue", queue).register(registry);
        failedCounter = Counter.builder("vazao.messages.failed")
                .description("Messages moved to the dead-letter queue")
                .tag("queue", queue).register(registry);
        processing = Timer.builder("vazao.processing")
                .description("Time from delivery to the end of processing, retries included")
                .tag("queue", queue)
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("vazao.in.flight", inFlight, AtomicInteger::get)
                .description("Messages being processed now")
                .tag("queue", queue).register(registry);
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    public void processed(long nanos) {
        processed.incrementAndGet();
        processedCounter.increment();
        processing.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void failed(long nanos) {
        failed.incrementAndGet();
        failedCounter.increment();
        processing.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
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
