package io.vazao.scaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts worker processes: {@code java <jvm options> -jar quarkus-run.jar} with the queue, key prefix
 * and worker id in the environment. Everything else in the scaler's own environment (work settings,
 * RabbitMQ and Redis addresses, audit switch) passes through to the workers unchanged.
 *
 * @param command  the command before the worker's own options, e.g. {@code [java, -Xmx160m, -jar, quarkus-run.jar]}
 * @param env      extra environment for every worker
 * @param logDir   one log file per worker in this folder; null discards the output
 * @param functions queue → function (VAZAO_FUNCTION) for queues outside the seed topology
 */
public record WorkerLauncher(List<String> command, Map<String, String> env, Path logDir, Map<String, String> functions) {

    public WorkerLauncher {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        functions = Map.copyOf(functions);
    }

    public WorkerLauncher(List<String> command, Map<String, String> env, Path logDir) {
        this(command, env, logDir, Map.of());
    }

    /** The JVM options a worker runs with by default: a bounded heap and a start-up friendly JIT and GC. */
    public static List<String> defaultJvmOptions(String maxHeap) {
        return List.of("-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:+ExitOnOutOfMemoryError");
    }

    /** {@code java <options> [-XX:SharedArchiveFile=app-cds.jsa] -jar <jar>}, using the archive when it sits beside the jar. */
    public static List<String> javaCommand(String java, List<String> jvmOptions, Path jar) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        Path cds = jar.toAbsolutePath().getParent().resolve("app-cds.jsa");
        if (Files.isRegularFile(cds)) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
            cmd.add("-Xshare:auto");
        }
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        return cmd;
    }

    public Process start(String queue, String workerId, String keyPrefix) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.putAll(env);
        e.putAll(workerEnv(queue, workerId, keyPrefix));
        if (functions.containsKey(queue)) {
            e.put("VAZAO_FUNCTION", functions.get(queue));
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (logDir == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            Files.createDirectories(logDir);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(workerId + ".log").toFile()));
        }
        return pb.start();
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
