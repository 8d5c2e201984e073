package io.vazao.cli;

import io.vazao.contract.RedisKeys;
import io.vazao.scaler.LocalScaler;
import io.vazao.scaler.Log;
import io.vazao.scaler.RedisScalerStore;
import io.vazao.scaler.ScalerConfig;
import io.vazao.scaler.WorkerLauncher;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

@Command(name = "scaler", description = {
        "Run the local scaler in the foreground: keeps, for every queue in the targets, that many worker processes.",
        "`vazao up` runs it in the background. Ctrl-C / SIGTERM stops every worker gracefully first."})
public final class ScalerCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--redis", description = "Redis URI (default $VAZAO_REDIS_URI or redis://127.0.0.1:6379)")
    String redis;

    @Option(names = "--key-prefix", description = "Redis key prefix (default $VAZAO_KEY_PREFIX or vazao:)")
    String keyPrefix;

    @Option(names = "--jar", description = "the functions jar (default functions/target/quarkus-app/quarkus-run.jar in $VAZAO_HOME)")
    Path jar;

    @Option(names = "--java", description = "java executable for the workers (default: the one running the scaler)")
    String java;

    @Option(names = "--max-heap", defaultValue = "160m", description = "-Xmx of every worker (default ${DEFAULT-VALUE})")
    String maxHeap;

    @Option(names = "--jvm-option", description = "replaces the default worker JVM options (repeatable)")
    List<String> jvmOptions;

    @Option(names = "--worker-command", split = " ", description = "run this instead of java -jar (tests, wrappers)")
    List<String> workerCommand;

    @Option(names = {"-e", "--env"}, description = "KEY=VALUE added to every worker's environment (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--function", description = "QUEUE=FUNCTION (processOrder|processPayment) for queues outside the seed topology (repeatable)")
    Map<String, String> functions = new LinkedHashMap<>();

    @Option(names = "--no-cds", description = "do not create or use an AppCDS archive for the workers")
    boolean noCds;

    @Option(names = "--tick", defaultValue = "PT0.5S", description = "how often it converges, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration tick;

    @Option(names = "--shutdown-timeout", defaultValue = "PT35S", description = "SIGTERM to SIGKILL grace (default ${DEFAULT-VALUE})")
    Duration shutdownTimeout;

    @Option(names = "--startup-timeout", defaultValue = "PT90S", description = "a worker without a heartbeat this long after start is replaced (default ${DEFAULT-VALUE})")
    Duration startupTimeout;

    @Option(names = "--backoff-base", defaultValue = "PT1S", description = "restart delay after the 2nd failure in a row, doubling (default ${DEFAULT-VALUE})")
    Duration backoffBase;

    @Option(names = "--backoff-max", defaultValue = "PT30S", description = "longest restart delay (default ${DEFAULT-VALUE})")
    Duration backoffMax;

    @Option(names = "--max-starting", defaultValue = "${env:VAZAO_MAX_STARTING}",
            description = "at most this many workers in start-up at once, replacements excepted; 0 = no cap (default $VAZAO_MAX_STARTING or the number of cores)")
    Integer maxStarting;

    @Option(names = "--log-dir", description = "one log file per worker here (default .vazao/logs/workers in $VAZAO_HOME)")
    Path logDir;

    @Option(names = "--pid-file", description = "PIDs of the running workers, for `vazao down` (default .vazao/workers.pids)")
    Path pidFile;

    @Override
    public Integer call() throws Exception {
        int starting = maxStarting(maxStarting);
        if (starting < 0) {
            throw new CliException(ExitCodes.USAGE, "--max-starting must be 0 (no cap) or more, not " + starting);
        }
        Home home = Home.detect();
        String prefix = keyPrefix(keyPrefix);
        RedisKeys keys = new RedisKeys(prefix);
        List<String> command;
        Path cds = null;
        if (workerCommand != null && !workerCommand.isEmpty()) {
            command = workerCommand;
        } else {
            Path j = jar != null ? jar : home.functionsJar();
            if (!Files.isRegularFile(j)) {
                throw new CliException(ExitCodes.ERROR, "functions jar not found: " + j + " (build it: ./mvnw -q -DskipTests package)");
            }
            String javaExe = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java").toString();
            command = WorkerLauncher.javaCommand(javaExe,
                    jvmOptions != null && !jvmOptions.isEmpty() ? jvmOptions : WorkerLauncher.defaultJvmOptions(maxHeap), j);
            cds = noCds ? null : WorkerLauncher.archiveFor(j, home.state().resolve("cds"));
        }
        Path logs = logDir != null ? logDir : home.logs().resolve("workers");
        Path pids = pidFile != null ? pidFile : home.workersPidFile();
        Files.createDirectories(pids.toAbsolutePath().getParent());
        // Workers of an earlier scaler that was killed: drained (SIGTERM: they finish what they hold and
        // exit), never left running beside the ones this scaler starts.
        for (ProcessHandle orphan : DownCommand.leftoverWorkers(pids)) {
            Log.info("worker.orphan-drained", "pid", orphan.pid(), "pidFile", pids);
            orphan.destroy();
        }
        ScalerConfig config = new ScalerConfig(shutdownTimeout.toMillis(), startupTimeout.toMillis(),
                io.vazao.contract.Settings.DEFAULT_HEARTBEAT_TIMEOUT_MILLIS,
                io.vazao.contract.Settings.DEFAULT_MAX_MEMORY_PER_WORKER_BYTES,
                io.vazao.contract.Settings.DEFAULT_MAX_TOTAL_WORKERS, backoffBase.toMillis(), backoffMax.toMillis(),
                starting);
        URI redisUri = URI.create(redis != null ? redis : envOr("VAZAO_REDIS_URI", "redis://127.0.0.1:6379"));
        JedisPooled jedis = new JedisPooled(new HostAndPort(redisUri.getHost(), redisUri.getPort() > 0 ? redisUri.getPort() : 6379),
                DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build());
        LocalScaler scaler = new LocalScaler(new RedisScalerStore(jedis, keys), new WorkerLauncher(command, env, logs, functions, cds),
                keys.prefix(), config, pids, System::currentTimeMillis);
        Log.info("scaler.started", "pid", ProcessHandle.current().pid(), "prefix", keys.prefix(), "redis", redisUri,
                "tick", tick.toMillis() + "ms", "maxStarting", config.maxStarting(), "cds", cds == null ? "off" : cds, "command", String.join(" ", command));

        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scaler-tick");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.shutdown();
            try {
                loop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scaler.close();
            jedis.close();
            done.countDown();
        }, "scaler-shutdown"));
        loop.scheduleWithFixedDelay(() -> {
            try {
                scaler.tick();
            } catch (RuntimeException e) {
                Log.warn("scaler.tick-failed", "error", e.toString());
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        done.await();
        return ExitCodes.OK;
    }

    /** The Redis key prefix: the option if given, else $VAZAO_KEY_PREFIX, else the contract's default. */
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
