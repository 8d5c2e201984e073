package io.vazao.functions.lifecycle;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vazao.functions.audit.ProcessedAudit;
import io.vazao.functions.broker.BrokerConnection;
import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.config.QueueBinding;
import io.vazao.functions.config.WorkerIdentity;
import io.vazao.functions.consume.DirectConsumer;
import io.vazao.functions.heartbeat.HeartbeatReporter;
import io.vazao.functions.metrics.WorkerMetrics;
import io.vazao.functions.ratelimit.PolicyWatcher;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Start and stop of a worker. Start: topology, first heartbeat ({@code starting}), then the
 * periodic tasks, then {@code running}. SIGTERM: {@code draining}, stop taking deliveries, let
 * in-flight ones finish and be acked (bounded by vazao.shutdown.timeout), remove the heartbeat;
 * Quarkus then closes the connections, which returns prefetched but unstarted deliveries to the
 * queue.
 */
@ApplicationScoped
public class WorkerRuntime {

    private static final Logger LOG = Logger.getLogger(WorkerRuntime.class);
    private static final long AUDIT_FLUSH_MILLIS = 200;

    private final BrokerConnection broker;
    private final HeartbeatReporter heartbeat;
    private final PolicyWatcher policy;
    private final ProcessedAudit audit;
    private final WorkerMetrics metrics;
    private final Lifecycle lifecycle;
    private final DirectConsumer consumer;
    private final WorkerIdentity identity;
    private final QueueBinding binding;
    private final FunctionsConfig config;
    private final ScheduledExecutorService tasks;

    @Inject
    public WorkerRuntime(
            BrokerConnection broker,
            HeartbeatReporter heartbeat,
            PolicyWatcher policy,
            ProcessedAudit audit,
            WorkerMetrics metrics,
            Lifecycle lifecycle,
            DirectConsumer consumer,
            WorkerIdentity identity,
            QueueBinding binding,
            FunctionsConfig config) {
        this.broker = broker;
        this.heartbeat = heartbeat;
        this.policy = policy;
        this.audit = audit;
        this.metrics = metrics;
        this.lifecycle = lifecycle;
        this.consumer = consumer;
        this.identity = identity;
        this.binding = binding;
        this.config = config;
        AtomicInteger n = new AtomicInteger();
        // Heartbeats and policy reads on separate threads: a slow Redis call must not delay the
        // other.
        this.tasks =
                Executors.newScheduledThreadPool(
                        3,
                        r -> {
                            Thread t = new Thread(r, "vazao-task-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Connects, declares the queue and its DLQ, and starts heartbeats before anything is consumed.
     */
    void beforeConsuming(
            @Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        LOG.infof(
                "event=worker-starting worker=%s queue=%s function=%s routingKey=%s prefetch=%d",
                identity.workerId(),
                binding.queue(),
                binding.kind().function(),
                binding.routingKey(),
                config.prefetch());
        if (config.standby()) {
            lifecycle.standby();
        }
        heartbeat.beat();
        // The policy first: a missing queue is declared of the type it names.
        policy.refresh();
        broker.start();
        long beat = heartbeat.interval().toMillis();
        tasks.scheduleAtFixedRate(
                quietly("heartbeat", heartbeat::beat), beat, beat, TimeUnit.MILLISECONDS);
        long refresh = config.rateLimit().policyRefresh().toMillis();
        tasks.scheduleWithFixedDelay(
                quietly("policy", policy::refresh), refresh, refresh, TimeUnit.MILLISECONDS);
        if (audit.enabled()) {
            tasks.scheduleWithFixedDelay(
                    quietly("audit", audit::flush),
                    AUDIT_FLUSH_MILLIS,
                    AUDIT_FLUSH_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    void started(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        exitZeroOnSigterm();
        if (config.standby()) {
            LOG.infof(
                    "event=worker-standby worker=%s queue=%s",
                    identity.workerId(), binding.queue());
            Standby.await(System.in, identity.workerId(), this::consume, Standby::exit);
        } else {
            consume();
        }
    }

    private void consume() {
        consumer.start();
        lifecycle.running();
        heartbeat.beat();
        LOG.infof("event=worker-running worker=%s queue=%s", identity.workerId(), binding.queue());
    }

    void drain(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        long begin = System.nanoTime();
        lifecycle.draining();
        consumer.stop();
        heartbeat.beat();
        Duration timeout = config.shutdown().timeout();
        LOG.infof(
                "event=worker-draining worker=%s inFlight=%d timeoutMillis=%d",
                identity.workerId(), metrics.inFlight(), timeout.toMillis());
        long deadline = begin + timeout.toNanos();
        while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = metrics.inFlight();
        tasks.shutdownNow();
        audit.flush();
        heartbeat.remove();
        LOG.infof(
                "event=worker-drained worker=%s processed=%d failed=%d unfinished=%d millis=%d",
                identity.workerId(),
                metrics.processedCount(),
                metrics.failedCount(),
                left,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
    }

    /**
     * The JVM's own SIGTERM handling runs the same shutdown but exits with 143; a drained worker is
     * a clean exit, so SIGTERM asks Quarkus for an orderly exit with status 0 instead.
     */
    private static void exitZeroOnSigterm() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debugf("SIGTERM handler not installed: %s", e);
        }
    }

    private Runnable quietly(String task, Runnable r) {
        return () -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warnf("event=task-failed task=%s error=\"%s\"", task, e.getMessage());
            }
        };
    }
}
