package io.vazao.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.RedisKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** The packaged `vazao scaler` as a real process: SIGTERM to it leaves no worker behind. */
class ScalerCommandIT {

    @TempDir Path tmp;
    RedisKeys keys = new RedisKeys("t" + UUID.randomUUID().toString().substring(0, 8) + ":");
    JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    Process scaler;
    List<ProcessHandle> workers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        if (scaler != null) {
            scaler.destroyForcibly();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        redis.del(keys.targets(), keys.actual(), keys.events());
        redis.close();
    }

    static List<String> javaJar(String... args) {
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                Path.of("target", "vazao.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void sigtermToTheScalerStopsEveryWorkerBeforeItExits() throws Exception {
        Path pids = tmp.resolve("workers.pids");
        ProcessBuilder pb =
                new ProcessBuilder(
                                javaJar(
                                        "scaler",
                                        "--key-prefix",
                                        keys.prefix(),
                                        "--worker-command",
                                        "sleep 600",
                                        "--pid-file",
                                        pids.toString(),
                                        "--log-dir",
                                        tmp.resolve("logs").toString(),
                                        "--tick",
                                        "PT0.2S",
                                        "--shutdown-timeout",
                                        "PT10S",
                                        // `sleep` never heartbeats: without a start cap all three
                                        // start at once
                                        "--max-starting",
                                        "0"))
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("scaler.log").toFile());
        pb.environment().put("VAZAO_HOME", tmp.toString());
        redis.hset(keys.targets(), "qa", "3");
        scaler = pb.start();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                "3".equals(redis.hget(keys.actual(), "qa"))
                                        && Files.isRegularFile(pids)
                                        && Files.readAllLines(pids).size() == 3);
        for (String line : Files.readAllLines(pids)) {
            ProcessHandle.of(Long.parseLong(line.split(" ")[0])).ifPresent(workers::add);
        }
        assertEquals(3, workers.size());

        scaler.destroy();
        assertFalse(!scaler.waitFor(60, TimeUnit.SECONDS), "scaler did not exit");
        for (ProcessHandle w : workers) {
            assertFalse(w.isAlive(), "worker " + w.pid() + " outlived the scaler");
        }
        assertEquals("0", redis.hget(keys.actual(), "qa"));
        String log = Files.readString(tmp.resolve("scaler.log"));
        assertEquals(3, log.lines().filter(l -> l.contains("worker.stopped")).count(), log);
    }

    @Test
    void aScalerThatStartsDrainsTheWorkersAnEarlierScalerLeftBehind() throws Exception {
        Path pids = tmp.resolve("workers.pids");
        // A worker of a scaler that was SIGKILLed: alive, listed in the pid file, a worker's
        // command line.
        Process orphan =
                new ProcessBuilder("python3", "-c", "import time; time.sleep(600)", "VAZAO-orphan")
                        .start();
        workers.add(orphan.toHandle());
        Process stranger =
                new ProcessBuilder("python3", "-c", "import time; time.sleep(600)", "not-a-worker")
                        .start();
        workers.add(stranger.toHandle());
        Files.writeString(pids, orphan.pid() + " qa-old-1\n" + stranger.pid() + " qa-old-2\n");

        ProcessBuilder pb =
                new ProcessBuilder(
                                javaJar(
                                        "scaler",
                                        "--key-prefix",
                                        keys.prefix(),
                                        "--worker-command",
                                        "sleep 600",
                                        "--pid-file",
                                        pids.toString(),
                                        "--log-dir",
                                        tmp.resolve("logs").toString(),
                                        "--tick",
                                        "PT0.2S"))
                        .redirectErrorStream(true)
                        .redirectOutput(tmp.resolve("scaler.log").toFile());
        pb.environment().put("VAZAO_HOME", tmp.toString());
        scaler = pb.start();
        assertTrue(orphan.waitFor(60, TimeUnit.SECONDS), "the orphan was not drained");
        assertTrue(stranger.isAlive(), "a process that is not a worker is never touched");
        // The scaler logs after it signals: the orphan may exit before the line reaches the file.
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                Files.readString(tmp.resolve("scaler.log"))
                                        .contains("worker.orphan-drained pid=" + orphan.pid()));
    }
}
