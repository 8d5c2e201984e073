package io.vazao.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The Redis `vazao up` starts when none answers: a real redis-server on a free port. */
class LocalRedisIT {

    @TempDir Path tmp;
    final List<Long> started = new ArrayList<>();

    @AfterEach
    void stopWhatWeStarted() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    long pidOf(Jedis r) {
        String info = r.info("server");
        long pid =
                info.lines()
                        .filter(l -> l.startsWith("process_id:"))
                        .mapToLong(l -> Long.parseLong(l.substring("process_id:".length()).trim()))
                        .findFirst()
                        .orElseThrow();
        started.add(pid);
        return pid;
    }

    @Test
    void whenNoneAnswersItStartsOneThatKeepsItsDataAcrossARestart() throws Exception {
        Home home = new Home(tmp);
        RedisAddress at = new RedisAddress("127.0.0.1", freePort());
        LocalRedis.ensure(home, at);
        long first;
        try (Jedis r = new Jedis(at.host(), at.port())) {
            first = pidOf(r);
            assertEquals("yes", r.configGet("appendonly").get("appendonly"));
            assertEquals(
                    home.state().resolve("redis").toRealPath().toString(),
                    r.configGet("dir").get("dir"));
            r.set("vazao-test:policy", "kept");
        }
        // SIGTERM by pid, as a reboot would: the append-only file brings the data back.
        ProcessHandle h = ProcessHandle.of(first).orElseThrow();
        h.destroy();
        await().atMost(Duration.ofSeconds(30)).until(() -> !h.isAlive());

        LocalRedis.ensure(home, at);
        try (Jedis r = new Jedis(at.host(), at.port())) {
            pidOf(r);
            assertEquals("kept", r.get("vazao-test:policy"));
        }
    }

    @Test
    void aRedisThatAnswersIsUsedAsItIs() throws Exception {
        Home home = new Home(tmp);
        LocalRedis.ensure(home, new RedisAddress("127.0.0.1", 6379));
        assertFalse(Files.exists(home.state().resolve("redis")), "nothing was started");
    }
}
