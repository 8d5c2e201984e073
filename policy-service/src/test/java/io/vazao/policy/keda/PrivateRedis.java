package io.vazao.policy.keda;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

/**
 * A Redis server of the test's own, on a free port, so the test can take it down and bring it back
 * without touching the shared one. The pid and port travel in system properties because the test
 * and this resource live in different class loaders.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    // Outside the "vazao." prefix: the service's config mapping rejects unknown keys under it.
    static final String PORT = "keda-test.private-redis.port";
    static final String PID = "keda-test.private-redis.pid";

    @Override
    public Map<String, String> start() {
        int port = freePort();
        System.setProperty(PORT, String.valueOf(port));
        startOn(port);
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        kill();
        System.clearProperty(PORT);
    }

    /** Starts redis-server on the port and waits until it accepts connections. */
    static void startOn(int port) {
        try {
            Process process =
                    new ProcessBuilder(
                                    "redis-server",
                                    "--port",
                                    String.valueOf(port),
                                    "--bind",
                                    "127.0.0.1",
                                    "--save",
                                    "",
                                    "--appendonly",
                                    "no")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
            System.setProperty(PID, String.valueOf(process.pid()));
            await().atMost(Duration.ofSeconds(30)).until(() -> accepts(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    /** Kills the server by its pid and waits until it is gone. */
    static void kill() {
        String pid = System.getProperty(PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid))
                .ifPresent(
                        handle -> {
                            handle.destroy();
                            try {
                                handle.onExit()
                                        .get(
                                                java.util.concurrent.TimeUnit.SECONDS.toMillis(20),
                                                java.util.concurrent.TimeUnit.MILLISECONDS);
                            } catch (Exception e) {
                                handle.destroyForcibly();
                            }
                        });
        System.clearProperty(PID);
    }

    static int port() {
        return Integer.parseInt(System.getProperty(PORT));
    }

    static boolean accepts(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
