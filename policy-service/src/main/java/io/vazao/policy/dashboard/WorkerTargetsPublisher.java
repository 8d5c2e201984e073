package io.vazao.policy.dashboard;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vazao.contract.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every few seconds: reads the workers' heartbeats and the policies, exports how many workers are
 * stale per queue ({@code vazao_workers_stale{queue}}) and each queue's weight ({@code
 * vazao_policy_weight{queue}}), and, when {@code vazao.prometheus.file-sd-path} is set, writes the
 * live workers' metrics endpoints as a Prometheus file_sd target file, so Prometheus scrapes
 * exactly the workers that heartbeat.
 */
@ApplicationScoped
public class WorkerTargetsPublisher {

    private static final Logger LOG = Logger.getLogger(WorkerTargetsPublisher.class);

    private final RedisDataSource redis;
    private final PrometheusTargetsConfig config;
    private final MeterRegistry registry;
    private final RedisKeys keys;
    private final Map<String, AtomicInteger> staleGauges = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> weightGauges = new ConcurrentHashMap<>();
    private volatile String lastWritten;
    private volatile boolean failing;

    public WorkerTargetsPublisher(
            RedisDataSource redis,
            PrometheusTargetsConfig config,
            MeterRegistry registry,
            @ConfigProperty(name = "vazao.key-prefix", defaultValue = RedisKeys.DEFAULT_PREFIX)
                    String prefix) {
        this.redis = redis;
        this.config = config;
        this.registry = registry;
        this.keys = new RedisKeys(prefix);
    }

    @Scheduled(
            every = "${vazao.prometheus.scan-interval:5s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scan() {
        WorkerScan.Result result;
        try {
            result = WorkerScan.read(redis, keys, System.currentTimeMillis());
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warnf("event=worker_scan_failed error=\"%s\"", e.getMessage());
                failing = true;
            }
            return;
        }
        if (failing) {
            LOG.info("event=worker_scan_recovered");
            failing = false;
        }
        exportStale(result.staleByQueue());
        exportWeights(result.weights());
        config.fileSdPath()
                .filter(p -> !p.isBlank())
                .ifPresent(
                        p ->
                                write(
                                        Path.of(p),
                                        FileSdTargets.render(
                                                result.live(), config.workerAddress())));
    }

    private void exportStale(Map<String, Integer> staleByQueue) {
        staleGauges.forEach(
                (queue, value) -> {
                    if (!staleByQueue.containsKey(queue)) {
                        value.set(0);
                    }
                });
        staleByQueue.forEach(
                (queue, count) ->
                        staleGauges
                                .computeIfAbsent(
                                        queue,
                                        q -> {
                                            AtomicInteger holder = new AtomicInteger();
                                            Gauge.builder(
                                                            "vazao.workers.stale",
                                                            holder,
                                                            AtomicInteger::get)
                                                    .tag("queue", q)
                                                    .description(
                                                            "Workers in the queue's index whose heartbeat is older than the timeout")
                                                    .register(registry);
                                            return holder;
                                        })
                                .set(count));
    }

    private void exportWeights(Map<String, Double> weights) {
        weightGauges.forEach(
                (queue, value) -> {
                    if (!weights.containsKey(queue)) {
                        value.set(Double.NaN); // a queue that lost its policy is no longer managed
                    }
                });
        weights.forEach(
                (queue, weight) ->
                        weightGauges
                                .computeIfAbsent(
                                        queue,
                                        q -> {
                                            AtomicReference<Double> holder =
                                                    new AtomicReference<>(weight);
                                            Gauge.builder(
                                                            "vazao.policy.weight",
                                                            holder,
                                                            AtomicReference::get)
                                                    .tag("queue", q)
                                                    .description(
                                                            "The queue's weight: its share of the worker budget under contention")
                                                    .register(registry);
                                            return holder;
                                        })
                                .set(weight));
    }

    private void write(Path path, String content) {
        if (content.equals(lastWritten) && Files.exists(path)) {
            return;
        }
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Prometheus may read at any moment: write aside, then rename over the old file.
            Path tmp = Files.createTempFile(dir, ".workers", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(
                        tmp,
                        path,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            lastWritten = content;
            LOG.infof("event=file_sd_written path=%s bytes=%d", path, content.length());
        } catch (IOException e) {
            LOG.warnf("event=file_sd_write_failed path=%s error=\"%s\"", path, e.getMessage());
        }
    }
}
