package io.vazao.cli;

import io.vazao.scaler.LocalScaler;
import io.vazao.scaler.Log;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;

/** The running `vazao scaler`: ticks, the optional supervision, and the drain on SIGTERM. */
final class ScalerLoop {

    private ScalerLoop() {}

    /** Ticks until the JVM is told to stop; then drains every worker before it exits. */
    static void runUntilShutdown(
            LocalScaler scaler,
            JedisPooled jedis,
            PolicyServiceSupervisor supervisor,
            long tickMillis)
            throws InterruptedException {
        ScheduledExecutorService loop =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "scaler-tick");
                            t.setDaemon(true);
                            return t;
                        });
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    loop.shutdown();
                                    try {
                                        loop.awaitTermination(5, TimeUnit.SECONDS);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    scaler.close();
                                    jedis.close();
                                    done.countDown();
                                },
                                "scaler-shutdown"));
        loop.scheduleWithFixedDelay(
                () -> {
                    try {
                        scaler.tick();
                    } catch (RuntimeException e) {
                        Log.warn("scaler.tick-failed", "error", e.toString());
                    }
                },
                0,
                tickMillis,
                TimeUnit.MILLISECONDS);
        if (supervisor != null) {
            // Same thread as the ticks: the shutdown hook stops both before it drains the workers.
            loop.scheduleWithFixedDelay(
                    () -> {
                        try {
                            supervisor.check();
                        } catch (RuntimeException e) {
                            Log.warn("policy-service.check-failed", "error", e.toString());
                        }
                    },
                    SUPERVISE_EVERY_MILLIS,
                    SUPERVISE_EVERY_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
        done.await();
    }

    /** How often the policy service's pid file is looked at. */
    static final long SUPERVISE_EVERY_MILLIS = 2_000;
}
