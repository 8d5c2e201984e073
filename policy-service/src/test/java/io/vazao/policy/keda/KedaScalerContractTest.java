package io.vazao.policy.keda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vazao.contract.Json;
import io.vazao.contract.Policy;
import io.vazao.contract.RedisKeys;
import io.vazao.policy.keda.grpc.ExternalScaler;
import io.vazao.policy.keda.grpc.GetMetricSpecResponse;
import io.vazao.policy.keda.grpc.GetMetricsRequest;
import io.vazao.policy.keda.grpc.GetMetricsResponse;
import io.vazao.policy.keda.grpc.MetricSpec;
import io.vazao.policy.keda.grpc.ScaledObjectRef;
import io.vazao.policy.support.RedisDump;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Plays KEDA's part against the running policy service: a gRPC client generated from the same
 * externalscaler.proto, real Redis, and a key prefix of its own. Targets are written into the
 * prefix's targets hash, which is the interface between the control loop and the scaler.
 */
@QuarkusTest
@TestProfile(KedaScalerContractTest.Isolated.class)
class KedaScalerContractTest {

    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "tkeda" + RUN + ":";
    static final long TICK_MILLIS = 500;
    static final String ORDERS = "t-keda-orders-" + RUN;
    static final String PAYMENTS = "t-keda-payments-" + RUN;
    static final Duration CALL = Duration.ofSeconds(20);

    public static class Isolated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "vazao.key-prefix",
                    PREFIX,
                    "vazao.keda.poll-interval",
                    TICK_MILLIS + "ms",
                    // Targets are written by the test into the hash (the interface), not by the
                    // loop.
                    "vazao.loop.enabled",
                    "false",
                    "quarkus.grpc.clients.keda.host",
                    "localhost");
        }
    }

    @GrpcClient("keda")
    ExternalScaler keda;

    @Inject RedisDataSource redis;

    @Inject TargetWatcher watcher;

    final RedisKeys keys = new RedisKeys(PREFIX);

    @AfterEach
    void deleteWhatWeMade() {
        // Everything under this run's prefix: ours, and whatever the service bootstrapped there.
        RedisDump.deleteAll(redis, PREFIX);
    }

    @Test
    void metricSpecMetricsAndActivityFollowTheTargetsForBothQueues() {
        writeTargets(Map.of(ORDERS, "3", PAYMENTS, "0"));
        awaitNextReading();

        for (String queue : List.of(ORDERS, PAYMENTS)) {
            GetMetricSpecResponse spec = keda.getMetricSpec(ref(queue)).await().atMost(CALL);
            assertEquals(1, spec.getMetricSpecsCount(), queue);
            MetricSpec metric = spec.getMetricSpecs(0);
            assertEquals(ScalerRequests.metricName(queue), metric.getMetricName());
            assertEquals(
                    1, metric.getTargetSize(), "target size 1: one replica per unit of target");
            assertEquals(1.0, metric.getTargetSizeFloat());
        }
        assertMetric(ORDERS, 3);
        assertMetric(PAYMENTS, 0);
        assertTrue(keda.isActive(ref(ORDERS)).await().atMost(CALL).getResult());
        assertFalse(keda.isActive(ref(PAYMENTS)).await().atMost(CALL).getResult());

        writeTargets(Map.of(ORDERS, "7", PAYMENTS, "2"));
        awaitNextReading();
        assertMetric(ORDERS, 7);
        assertMetric(PAYMENTS, 2);
        assertTrue(keda.isActive(ref(PAYMENTS)).await().atMost(CALL).getResult());
    }

    @Test
    void streamIsActivePushesTrueWithinOneTickOfATargetLeavingZero() {
        writeTargets(Map.of(ORDERS, "1", PAYMENTS, "0"));
        awaitNextReading();

        List<Boolean> pushed = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        AtomicLong readingAtTrue = new AtomicLong(-1);
        AtomicLong nanosAtTrue = new AtomicLong();
        Cancellable stream =
                keda.streamIsActive(ref(PAYMENTS))
                        .subscribe()
                        .with(
                                response -> {
                                    if (response.getResult() && readingAtTrue.get() < 0) {
                                        nanosAtTrue.set(System.nanoTime());
                                        readingAtTrue.set(watcher.readings());
                                    }
                                    pushed.add(response.getResult());
                                },
                                failed::set);
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !pushed.isEmpty() || failed.get() != null);
            assertEquals(List.of(false), pushed, "the stream starts with the current activity");

            long readingBefore = watcher.readings();
            long writtenAt = System.nanoTime();
            redis.hash(String.class).hset(keys.targets(), PAYMENTS, "4");
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> pushed.contains(true) || failed.get() != null);
            if (failed.get() != null) {
                fail("stream failed", failed.get());
            }
            // The push happens inside the reading that saw the change, before that reading counts
            // as completed: it is reading number readingAtTrue + 1. The reading in flight during
            // the write may miss it; the next one must carry it.
            long ticks = readingAtTrue.get() + 1 - readingBefore;
            assertTrue(
                    ticks <= 2,
                    "true was pushed "
                            + ticks
                            + " readings after the write (at most 2: the one in flight and the next)");
            long millis = (nanosAtTrue.get() - writtenAt) / 1_000_000;
            System.out.printf(
                    "keda.contract push-latency-ms=%d readings=%d tick-ms=%d%n",
                    millis, ticks, TICK_MILLIS);
            assertEquals(List.of(false, true), pushed);
        } finally {
            stream.cancel();
        }
    }

    @Test
    void unknownQueueAndMissingQueueAreClearErrors() {
        StatusCheck notFound =
                expect(
                        Status.Code.NOT_FOUND,
                        () ->
                                keda.getMetrics(metricsRequest("t-keda-nobody-" + RUN))
                                        .await()
                                        .atMost(CALL));
        assertTrue(notFound.description().contains("t-keda-nobody-" + RUN), notFound.description());
        expect(
                Status.Code.NOT_FOUND,
                () -> keda.isActive(ref("t-keda-nobody-" + RUN)).await().atMost(CALL));
        expect(
                Status.Code.NOT_FOUND,
                () -> keda.getMetricSpec(ref("t-keda-nobody-" + RUN)).await().atMost(CALL));
        expect(
                Status.Code.NOT_FOUND,
                () ->
                        keda.streamIsActive(ref("t-keda-nobody-" + RUN))
                                .collect()
                                .asList()
                                .await()
                                .atMost(CALL));
        StatusCheck invalid =
                expect(
                        Status.Code.INVALID_ARGUMENT,
                        () ->
                                keda.getMetrics(
                                                GetMetricsRequest.newBuilder()
                                                        .setScaledObjectRef(
                                                                ScaledObjectRef.newBuilder()
                                                                        .setName("orders")
                                                                        .setNamespace("vazao"))
                                                        .build())
                                        .await()
                                        .atMost(CALL));
        assertTrue(invalid.description().contains("queue"), invalid.description());
    }

    @Test
    void queueWithPolicyButNoTargetYetIsAtZero() {
        redis.value(String.class).set(keys.policy(ORDERS), Json.write(Policy.defaults(0.4)));
        // The policy service's generation marker: an empty targets hash beside it is "nothing
        // published yet", not a Redis that lost its data.
        redis.value(String.class).set(keys.generation(), "1");
        awaitNextReading(); // forget the targets an earlier test left behind
        assertMetric(ORDERS, 0);
        assertFalse(keda.isActive(ref(ORDERS)).await().atMost(CALL).getResult());
    }

    @Test
    void unreadableTargetsServeTheLastKnownTargets() {
        writeTargets(Map.of(ORDERS, "5"));
        awaitNextReading();
        assertMetric(ORDERS, 5);

        // Same failure path as Redis being down: the read of the hash fails.
        redis.key().del(keys.targets());
        redis.value(String.class).set(keys.targets(), "not a hash");
        await().atMost(Duration.ofSeconds(20)).until(() -> !watcher.redisReachable());
        assertMetric(ORDERS, 5);
        assertTrue(keda.isActive(ref(ORDERS)).await().atMost(CALL).getResult());

        redis.key().del(keys.targets());
        writeTargets(Map.of(ORDERS, "6"));
        await().atMost(Duration.ofSeconds(20)).until(watcher::redisReachable);
        awaitNextReading();
        assertMetric(ORDERS, 6);
    }

    private void writeTargets(Map<String, String> targets) {
        redis.hash(String.class).hset(keys.targets(), targets);
    }

    /** Waits until a reading that started after now has completed. */
    private void awaitNextReading() {
        long now = watcher.readings();
        await().atMost(Duration.ofSeconds(20)).until(() -> watcher.readings() >= now + 2);
    }

    private void assertMetric(String queue, long expected) {
        GetMetricsResponse metrics = keda.getMetrics(metricsRequest(queue)).await().atMost(CALL);
        assertEquals(1, metrics.getMetricValuesCount());
        assertEquals(
                "s0-" + ScalerRequests.metricName(queue),
                metrics.getMetricValues(0).getMetricName(),
                "answered under the name KEDA asked for");
        assertEquals(expected, metrics.getMetricValues(0).getMetricValue(), queue);
        assertEquals((double) expected, metrics.getMetricValues(0).getMetricValueFloat(), queue);
    }

    private static GetMetricsRequest metricsRequest(String queue) {
        return GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref(queue))
                .setMetricName("s0-" + ScalerRequests.metricName(queue))
                .build();
    }

    private static ScaledObjectRef ref(String queue) {
        return ScaledObjectRef.newBuilder()
                .setName("fn-" + queue)
                .setNamespace("vazao")
                .putScalerMetadata("queue", queue)
                .putScalerMetadata("scalerAddress", "vazao-policy-service:9090")
                .build();
    }

    record StatusCheck(String description) {}

    private static StatusCheck expect(Status.Code code, Supplier<?> call) {
        try {
            call.get();
        } catch (RuntimeException e) {
            Status status = Status.fromThrowable(e);
            assertEquals(code, status.getCode(), String.valueOf(status));
            return new StatusCheck(String.valueOf(status.getDescription()));
        }
        return fail("expected " + code);
    }
}
