package io.vazao.chaos;

import static org.awaitility.Awaitility.await;

import io.vazao.e2e.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.JedisPooled;

/**
 * A redis-server of the suite's own on a free port, without persistence, as `vazao up` and the dev
 * overlay run theirs. {@link #shutdownNoSave()} and {@link #start()} make it come back empty.
 */
final class PrivateRedis implements AutoCloseable {

    final int port;
    private final Path log;
    private Process server;

    PrivateRedis(Path dir, String name) throws IOException {
        this.port = Stack.freePort();
        Files.createDirectories(dir);
        this.log = dir.resolve(name + ".log");
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    JedisPooled client() {
        return new JedisPooled("127.0.0.1", port);
    }

    void start() throws IOException {
        server =
                new ProcessBuilder(
                                "redis-server",
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(
                        () -> {
                            try (JedisPooled c = client()) {
                                return "PONG".equals(c.ping());
                            }
                        });
    }

    /** SHUTDOWN NOSAVE: the server exits and every key is gone. */
    void shutdownNoSave() {
        try (JedisPooled c = client()) {
            c.sendCommand(redis.clients.jedis.Protocol.Command.SHUTDOWN, "NOSAVE");
        } catch (RuntimeException e) {
            // the server closes the connection instead of answering
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.isAlive());
    }

    @Override
    public void close() {
        if (server != null) {
            server.destroyForcibly();
        }
    }
}
