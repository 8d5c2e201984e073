package io.vazao.scaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts worker processes: {@code java <jvm options> -jar quarkus-run.jar} with the queue, key
 * prefix and worker id in the environment. Everything else in the scaler's own environment (work
 * settings, RabbitMQ and Redis addresses, audit switch) passes through to the workers unchanged.
 *
 * <p>Start-up cost: several JVMs starting at once on two cores are slow, so workers run with a
 * small heap, the serial collector and the C1 tier only, and, when a {@link ClassCache} is set,
 * with an AppCDS archive (JDK before 25) or an AOT cache (JDK 25+): while the file does not exist,
 * one worker at a time writes it when it stops; every later worker maps it. The JVM checks the file
 * against its version and the jars and starts without one that does not match.
 */
public final class WorkerLauncher {

    private final List<String> command;
    private final Map<String, String> env;
    private final Path logDir;
    private final Map<String, String> functions;
    private final ClassCache cache;
    private Process writer;

    /**
     * @param command {@code [java, options..., -jar, quarkus-run.jar]} (or any command, for tests)
     * @param env extra environment for every worker
     * @param logDir one log file per worker in this folder; null discards the output
     * @param functions queue → function (VAZAO_FUNCTION) for queues outside the seed topology
     * @param cache the class cache to use or create; null: none
     */
    public WorkerLauncher(
            List<String> command,
            Map<String, String> env,
            Path logDir,
            Map<String, String> functions,
            ClassCache cache) {
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.logDir = logDir;
        this.functions = Map.copyOf(functions);
        this.cache = cache;
    }

    public WorkerLauncher(List<String> command, Map<String, String> env, Path logDir) {
        this(command, env, logDir, Map.of(), null);
    }

    /** The worker setting ({@code vazao.standby}) that starts it as a warm standby. */
    static final String STANDBY_ENV = "VAZAO_STANDBY";

    /** The line on a standby worker's standard input that promotes it (the worker's Standby). */
    static final String PROMOTE_LINE = "consume\n";

    /** Heap a worker runs in: {@code -Xms}. */
    public static final String DEFAULT_HEAP = "96m";

    /**
     * Heap a worker may grow to: {@code -Xmx}. Twice the largest body a worker takes in ({@code
     * vazao.max-inbound-message-bytes}, 128 MiB, RabbitMQ's default {@code max_message_size}) plus
     * the heap it runs in, because the AMQP client holds a body's frames and the body assembled
     * from them at once; the serial collector's old generation gets all of it but the young one.
     */
    public static final String DEFAULT_MAX_HEAP = "352m";

    /**
     * The JVM options a worker runs with by default: a small heap that grows only for a large
     * message, the serial collector and the C1 tier, and every other memory pool bounded, so that a
     * worker draining at full speed stays near 140 MiB of RSS (measured: docs/benchmarks.md,
     * benchmark 5). The young generation stays at the 32 MiB it has in a 96 MiB heap, whatever the
     * heap grows to, so a grown heap goes to the old generation, where a large body lands; it
     * shrinks back at the next full collection, at once rather than in steps, and the worker runs
     * one after a large body (measured: RSS 393 MiB with a 127 MiB body dead-lettered, 192 MiB
     * after). Metaspace holds about 30 MiB of classes without a class cache, 5 with the AOT cache;
     * the C1 tier alone fills about 8 MiB of code cache.
     */
    public static List<String> defaultJvmOptions(String heap, String maxHeap) {
        if (bytes(heap) > bytes(maxHeap)) {
            throw new IllegalArgumentException(
                    "the heap (" + heap + ") is larger than the max heap (" + maxHeap + ")");
        }
        return List.of(
                "-Xms" + heap,
                "-Xmx" + maxHeap,
                "-XX:MaxNewSize=32m",
                "-XX:-ShrinkHeapInSteps",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-XX:MaxMetaspaceSize=80m",
                "-XX:ReservedCodeCacheSize=32m",
                "-XX:MaxDirectMemorySize=32m",
                "-XX:+ExitOnOutOfMemoryError");
    }

    /** A JVM size such as {@code 96m}, {@code 1g} or {@code 65536}, in bytes. */
    public static long bytes(String size) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(\\d{1,12})([kKmMgG]?)").matcher(size.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a size: \"" + size + "\" (a number with k, m or g, e.g. 96m)");
        }
        int shift =
                switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    default -> 0;
                };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** {@link #defaultJvmOptions(String, String)} with the default heap sizes. */
    public static List<String> defaultJvmOptions() {
        return defaultJvmOptions(DEFAULT_HEAP, DEFAULT_MAX_HEAP);
    }

    public static List<String> javaCommand(String java, List<String> jvmOptions, Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        return cmd;
    }

    /**
     * The command the next worker starts with: the cache's options (write or map) right after the
     * executable.
     */
    public synchronized List<String> commandFor() {
        List<String> cmd = new ArrayList<>(command);
        if (cache == null || cmd.isEmpty()) {
            return cmd;
        }
        boolean writing = writer != null && writer.isAlive();
        if (!writing) {
            writer = null;
        }
        cmd.addAll(1, cache.options(command, Files.isRegularFile(cache.file()), writing));
        return cmd;
    }

    public Process start(String queue, String workerId, String keyPrefix) throws IOException {
        return start(queue, workerId, keyPrefix, false);
    }

    /**
     * Starts a worker; a {@code standby} one gets {@code VAZAO_STANDBY=true} and a pipe for its
     * standard input (its promotion), the others nothing to read.
     */
    public synchronized Process start(
            String queue, String workerId, String keyPrefix, boolean standby) throws IOException {
        List<String> cmd = commandFor();
        boolean writing = ClassCache.writes(cmd);
        if (writing && cache.file().getParent() != null) {
            Files.createDirectories(cache.file().getParent());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> e = pb.environment();
        e.putAll(env);
        e.putAll(workerEnv(queue, workerId, keyPrefix));
        if (functions.containsKey(queue)) {
            e.put("VAZAO_FUNCTION", functions.get(queue));
        }
        if (standby) {
            e.put(STANDBY_ENV, "true");
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        } else {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        if (logDir == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            Files.createDirectories(logDir);
            pb.redirectErrorStream(true);
            pb.redirectOutput(
                    ProcessBuilder.Redirect.appendTo(logDir.resolve(workerId + ".log").toFile()));
        }
        Process p = pb.start();
        if (writing) {
            writer = p;
            Log.info("worker.class-cache-writing", "worker", workerId, "file", cache.file());
        }
        return p;
    }

    static Map<String, String> workerEnv(String queue, String workerId, String keyPrefix) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("VAZAO_QUEUE", queue);
        e.put("VAZAO_KEY_PREFIX", keyPrefix);
        e.put("VAZAO_WORKER_ID", workerId);
        e.put("QUARKUS_HTTP_PORT", "0");
        return e;
    }
}
