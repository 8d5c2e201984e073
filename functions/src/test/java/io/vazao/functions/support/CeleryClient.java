package io.vazao.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code src/test/resources/celery/celery_client.py} with Debian's python3-celery as the
 * replaced system's Python producer would, and returns the JSON it prints. The process is waited
 * for and killed by its own handle if it overstays.
 */
public final class CeleryClient {

    /** Debian's interpreter: the one python3-celery and python3-redis are installed for. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    static final Path SCRIPT = Path.of("src", "test", "resources", "celery", "celery_client.py");

    private final String queue;
    private final String run;

    public CeleryClient(String queue, String run) {
        this.queue = queue;
        this.run = run;
    }

    /** Fails (never skips) when the interpreter or its Celery and Redis packages are missing. */
    public static void requireInstalled() {
        String missing =
                "Debian's python3-celery and python3-redis are needed for this test"
                        + " (apt-get install python3-celery python3-redis; listed in .ci/setup.d/packages)";
        if (!Files.isExecutable(PYTHON)) {
            throw new AssertionError(PYTHON + " not found. " + missing);
        }
        Result r =
                exec(
                        List.of(PYTHON.toString(), "-c", "import celery, redis"),
                        Map.of(),
                        Duration.ofSeconds(60));
        if (r.exit() != 0) {
            throw new AssertionError(
                    PYTHON
                            + " cannot import celery and redis: "
                            + r.stderr().strip()
                            + ". "
                            + missing);
        }
    }

    /**
     * Runs one command of the script and returns its JSON output; fails with its stderr otherwise.
     */
    public JsonNode run(Duration limit, String... args) {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), SCRIPT.toString()));
        cmd.addAll(List.of(args));
        Result r =
                exec(
                        cmd,
                        Map.of(
                                "QUEUE",
                                queue,
                                "RUN",
                                run,
                                "BROKER_URL",
                                "amqp://guest:guest@127.0.0.1:5672//",
                                "RESULT_URL",
                                "redis://127.0.0.1:6379/0"),
                        limit);
        if (r.exit() != 0) {
            throw new AssertionError(
                    "celery_client.py "
                            + String.join(" ", args)
                            + " exited "
                            + r.exit()
                            + ":\n"
                            + r.stderr());
        }
        try {
            return Json.mapper().readTree(r.stdout());
        } catch (IOException e) {
            throw new AssertionError(
                    "celery_client.py printed no JSON: " + r.stdout() + "\n" + r.stderr(), e);
        }
    }

    record Result(int exit, String stdout, String stderr) {}

    private static Result exec(List<String> cmd, Map<String, String> env, Duration limit) {
        Path out = null;
        Path err = null;
        Process p = null;
        try {
            out = Files.createTempFile("celery-client", ".out");
            err = Files.createTempFile("celery-client", ".err");
            ProcessBuilder pb =
                    new ProcessBuilder(cmd)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile());
            pb.environment().putAll(env);
            p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        String.join(" ", cmd)
                                + " did not finish within "
                                + limit
                                + ": "
                                + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            for (Path f : new Path[] {out, err}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException ignored) {
                        // a temp file
                    }
                }
            }
        }
    }
}
