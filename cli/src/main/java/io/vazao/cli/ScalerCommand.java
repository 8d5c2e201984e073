package io.vazao.cli;

import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import io.vazao.scaler.ClassCache;
import io.vazao.scaler.LocalScaler;
import io.vazao.scaler.Log;
import io.vazao.scaler.RedisScalerStore;
import io.vazao.scaler.ScalerConfig;
import io.vazao.scaler.WorkerJvm;
import io.vazao.scaler.WorkerLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import redis.clients.jedis.JedisPooled;

@Command(
        name = "scaler",
        description = {
            "Run the local scaler in the foreground: keeps, for every queue in the targets, that many worker processes.",
            "`vazao up` runs it in the background. Ctrl-C / SIGTERM stops every worker gracefully first."
        })
public final class ScalerCommand implements java.util.concurrent.Callable<Integer> {

    @Option(
            names = "--redis",
            description =
                    "Redis URI (default $"
                            + RedisAddress.ENV
                            + " or "
                            + RedisAddress.DEFAULT_URI
                            + ")")
    String redis;

    @Option(
            names = "--key-prefix",
            description = "Redis key prefix (default $VAZAO_KEY_PREFIX or vazao:)")
    String keyPrefix;

    @Option(
            names = "--jar",
            description =
                    "the functions jar (default functions/target/quarkus-app/quarkus-run.jar in $VAZAO_HOME)")
    Path jar;

    @Option(
            names = {"--worker-java", "--java"},
            paramLabel = "PATH",
            description =
                    "java executable or JDK folder for the workers (default $"
                            + WorkerJvm.ENV
                            + ", else the newest JDK "
                            + WorkerJvm.AOT_CACHE_FEATURE
                            + "+ in $JAVA_HOME or /usr/lib/jvm, else the one running the scaler)")
    String workerJava;

    @Option(
            names = "--heap",
            defaultValue = WorkerLauncher.DEFAULT_HEAP,
            description = "-Xms of every worker: the heap it runs in (default ${DEFAULT-VALUE})")
    String heap;

    @Option(
            names = "--max-heap",
            defaultValue = WorkerLauncher.DEFAULT_MAX_HEAP,
            description =
                    "-Xmx of every worker: what its heap may grow to for a large message, twice the largest body plus --heap (default ${DEFAULT-VALUE})")
    String maxHeap;

    @Option(
            names = "--jvm-option",
            description = "replaces the default worker JVM options (repeatable)")
    List<String> jvmOptions;

    @Option(
            names = "--worker-command",
            split = " ",
            description = "run this instead of java -jar (tests, wrappers)")
    List<String> workerCommand;

    @Option(
            names = {"-e", "--env"},
            description = "KEY=VALUE added to every worker's environment (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--function",
            description =
                    "QUEUE=FUNCTION (processOrder|processPayment) for queues outside the seed topology (repeatable)")
    Map<String, String> functions = new LinkedHashMap<>();

    @Option(
            names = "--no-cds",
            description =
                    "do not create or use a class cache for the workers (AppCDS archive; AOT cache on JDK 25+)")
    boolean noCds;

    @Option(
            names = "--print-command",
            description =
                    "print the command line the next worker would start with (class cache options included), one argument per line, and exit")
    boolean printCommand;

    @Option(
            names = "--tick",
            defaultValue = "PT0.5S",
            description = "how often it converges, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration tick;

    @Option(
            names = "--shutdown-timeout",
            defaultValue = ScalerConfig.DEFAULT_SHUTDOWN_TIMEOUT,
            description = "SIGTERM to SIGKILL grace (default ${DEFAULT-VALUE})")
    Duration shutdownTimeout;

    @Option(
            names = "--startup-timeout",
            defaultValue = ScalerConfig.DEFAULT_STARTUP_TIMEOUT,
            description =
                    "a worker without a heartbeat this long after start is replaced (default ${DEFAULT-VALUE})")
    Duration startupTimeout;

    @Option(
            names = "--backoff-base",
            defaultValue = ScalerConfig.DEFAULT_BACKOFF_BASE,
            description =
                    "restart delay after the 2nd failure in a row, doubling (default ${DEFAULT-VALUE})")
    Duration backoffBase;

    @Option(
            names = "--backoff-max",
            defaultValue = ScalerConfig.DEFAULT_BACKOFF_MAX,
            description = "longest restart delay (default ${DEFAULT-VALUE})")
    Duration backoffMax;

    @Option(
            names = "--max-starting",
            defaultValue = "${env:VAZAO_MAX_STARTING}",
            description =
                    "at most this many workers in start-up at once, replacements excepted; 0 = no cap (default $VAZAO_MAX_STARTING or the number of cores)")
    Integer maxStarting;

    @Mixin StandbyOptions standby;

    @Option(
            names = "--log-dir",
            description =
                    "one log file per worker here (default .vazao/logs/workers in $VAZAO_HOME)")
    Path logDir;

    @Option(
            names = "--pid-file",
            description =
                    "PIDs of the running workers, for `vazao down` (default .vazao/workers.pids)")
    Path pidFile;

    @Option(
            names = "--supervise-policy-service",
            paramLabel = "PORT",
            description =
                    "also restart the policy service (on this HTTP port) whenever its pid file names no live process; `vazao up` sets it")
    Integer supervisePort;

    @Override
    public Integer call() throws Exception {
        int starting = maxStarting(maxStarting);
        standby.check();
        if (starting < 0) {
            throw new CliException(
                    ExitCodes.USAGE, "--max-starting must be 0 (no cap) or more, not " + starting);
        }
        Home home = Home.detect();
        RedisKeys keys = new RedisKeys(keyPrefix(keyPrefix));
        WorkerLaunch launch = launch(home);
        if (printCommand) {
            new WorkerLauncher(launch.command(), env, null, functions, launch.cache())
                    .commandFor()
                    .forEach(System.out::println);
            return ExitCodes.OK;
        }
        Path logs = logDir != null ? logDir : home.logs().resolve("workers");
        Path pids = pidFile != null ? pidFile : home.workersPidFile();
        Files.createDirectories(pids.toAbsolutePath().getParent());
        drainOrphans(pids);
        ScalerConfig config =
                new ScalerConfig(
                        shutdownTimeout.toMillis(),
                        startupTimeout.toMillis(),
                        Settings.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                        Settings.DEFAULT_MAX_MEMORY_PER_WORKER_BYTES,
                        Settings.DEFAULT_MAX_TOTAL_WORKERS,
                        backoffBase.toMillis(),
                        backoffMax.toMillis(),
                        starting,
                        standby.perQueue(),
                        standby.memoryBytes());
        RedisAddress redisUri = RedisAddress.resolve(redis);
        JedisPooled jedis = redisUri.connect();
        LocalScaler scaler =
                new LocalScaler(
                        new RedisScalerStore(jedis, keys),
                        new WorkerLauncher(launch.command(), env, logs, functions, launch.cache()),
                        keys.prefix(),
                        config,
                        pids,
                        System::currentTimeMillis);
        logStarted(keys, redisUri, config, launch);
        PolicyServiceSupervisor supervisor =
                supervisePort == null
                        ? null
                        : new PolicyServiceSupervisor(
                                home, supervisePort, System::currentTimeMillis);
        ScalerLoop.runUntilShutdown(scaler, jedis, supervisor, tick.toMillis());
        return ExitCodes.OK;
    }

    private void logStarted(
            RedisKeys keys, RedisAddress redisUri, ScalerConfig config, WorkerLaunch launch) {
        Log.info(
                "scaler.started",
                "pid",
                ProcessHandle.current().pid(),
                "prefix",
                keys.prefix(),
                "redis",
                redisUri,
                "tick",
                tick.toMillis() + "ms",
                "maxStarting",
                config.maxStarting(),
                "standby",
                config.standbyPerQueue() + "/queue within " + standby.memory,
                "workerJvm",
                launch.jvm() == null ? "-" : launch.jvm().version(),
                "classCache",
                launch.cache() == null ? "off" : launch.cache().file(),
                "command",
                String.join(" ", launch.command()));
    }

    /**
     * The worker's command line, its JVM and the class cache it uses (both null for a
     * --worker-command).
     */
    record WorkerLaunch(List<String> command, WorkerJvm jvm, ClassCache cache) {}

    private WorkerLaunch launch(Home home) throws IOException {
        if (workerCommand != null && !workerCommand.isEmpty()) {
            return new WorkerLaunch(workerCommand, null, null);
        }
        Path j = jar != null ? jar : home.functionsJar();
        if (!Files.isRegularFile(j)) {
            throw new CliException(
                    ExitCodes.ERROR,
                    "functions jar not found: " + j + " (build it: ./mvnw -q -DskipTests package)");
        }
        WorkerJvm jvm =
                WorkerJvm.resolve(
                        workerJava,
                        System.getenv(),
                        WorkerJvm.JVM_DIR,
                        Path.of(System.getProperty("java.home"), "bin", "java"));
        if (!Files.isExecutable(jvm.java())) {
            throw new CliException(
                    ExitCodes.USAGE, "the workers' java is not an executable: " + jvm.java());
        }
        List<String> options;
        try {
            options =
                    jvmOptions != null && !jvmOptions.isEmpty()
                            ? jvmOptions
                            : WorkerLauncher.defaultJvmOptions(heap, maxHeap);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--heap/--max-heap: " + e.getMessage());
        }
        List<String> command = WorkerLauncher.javaCommand(jvm.java().toString(), options, j);
        ClassCache cache = noCds ? null : ClassCache.forJvm(jvm, j, home.state().resolve("cds"));
        return new WorkerLaunch(command, jvm, cache);
    }

    /**
     * Workers of an earlier scaler that was killed: drained (SIGTERM: they finish what they hold
     * and exit), never left running beside the ones this scaler starts.
     */
    private static void drainOrphans(Path pids) throws IOException {
        for (ProcessHandle orphan : DownCommand.leftoverWorkers(pids)) {
            Log.info("worker.orphan-drained", "pid", orphan.pid(), "pidFile", pids);
            orphan.destroy();
        }
    }

    /**
     * The Redis key prefix: the option if given, else $VAZAO_KEY_PREFIX, else the contract's
     * default.
     */
    static String keyPrefix(String option) {
        return option != null ? option : envOr("VAZAO_KEY_PREFIX", RedisKeys.DEFAULT_PREFIX);
    }

    static int maxStarting(Integer option) {
        return option != null ? option : Runtime.getRuntime().availableProcessors();
    }

    static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static List<String> list(String... items) {
        return new ArrayList<>(List.of(items));
    }
}
