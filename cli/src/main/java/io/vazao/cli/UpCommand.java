package io.vazao.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "up",
        description = {
            "Start the policy service and the local scaler in the background (pid files and logs in .vazao/).",
            "First makes sure RabbitMQ and Redis answer: starts the machine's own if installed and stopped, else says what to install."
        })
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", description = "policy service HTTP port (default ${DEFAULT-VALUE})")
    int port = 8080;

    @Option(
            names = "--key-prefix",
            description = "Redis key prefix (default $VAZAO_KEY_PREFIX or vazao:)")
    String keyPrefix;

    @Option(
            names = {"-e", "--env"},
            description =
                    "KEY=VALUE for the policy service, the scaler and its workers, e.g. -e VAZAO_WORK_MEAN_MS=2 (repeatable)")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--function",
            description =
                    "QUEUE=FUNCTION for workers of queues outside the seed topology (repeatable)")
    Map<String, String> functions = new LinkedHashMap<>();

    @Option(
            names = "--worker-java",
            paramLabel = "PATH",
            description =
                    "java executable or JDK folder for the workers (default $VAZAO_WORKER_JAVA, else the newest JDK 25+ found, else this java)")
    String workerJava;

    @Mixin StandbyOptions standby;

    @Option(names = "--no-scaler", description = "start only the policy service")
    boolean noScaler;

    @Option(
            names = "--timeout",
            description = "seconds to wait for everything to answer (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 180;

    /** The policy service this command started, null if one was running already. */
    private Process startedPolicyService;

    /** Where that start's lines begin in the policy service's log. */
    private long policyLogFrom;

    /** Whether this command started the local scaler. */
    private boolean startedScaler;

    @Override
    public Integer call() throws Exception {
        List<String> standbyArguments =
                standby.scalerArguments(); // a usage error before anything starts
        Home home = Home.detect();
        Files.createDirectories(home.logs());
        LocalRedis.ensure(home, RedisAddress.resolve(null));
        ensureRabbit(home);
        if (!home.hasJars()) {
            throw new CliException(
                    ExitCodes.ERROR,
                    "jars missing ("
                            + home.policyServiceJar()
                            + ", "
                            + home.functionsJar()
                            + "); build them: ./mvnw -q -DskipTests package (the ./vazao launcher does it for you)");
        }
        Map<String, String> common = new LinkedHashMap<>(env);
        common.put("VAZAO_KEY_PREFIX", ScalerCommand.keyPrefix(keyPrefix));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String url = startPolicyService(home, common);
        int apiPort = URI.create(url).getPort();
        startScaler(home, java, common, apiPort > 0 ? apiPort : port, standbyArguments);
        ApiClient api = new ApiClient(URI.create(url), null);
        boolean answered =
                Services.await(timeoutSeconds * 1000L, () -> api.healthy() || exitedAtStart());
        if (exitedAtStart() && !api.healthy()) {
            throw refusedToStart(home);
        }
        if (!answered) {
            throw new CliException(
                    ExitCodes.CHECK_FAILED,
                    "policy service did not become ready within "
                            + timeoutSeconds
                            + " s; see .vazao/logs/policy-service.log");
        }
        printWhereThingsAre(url);
        return ExitCodes.OK;
    }

    /** Starts the policy service unless it runs; returns the URL it answers on. */
    private String startPolicyService(Home home, Map<String, String> common) throws IOException {
        var policy = Background.running(home.pid("policy-service"));
        if (policy.isPresent()) {
            System.out.println("policy service already running (pid " + policy.get().pid() + ")");
            return ApiClient.resolveUrl(null, home).toString();
        }
        if (Services.portOpen("127.0.0.1", port)) {
            throw new CliException(
                    ExitCodes.ERROR,
                    "port "
                            + port
                            + " is taken by another program; pick another: vazao up --port 8081");
        }
        String url = "http://127.0.0.1:" + port;
        Path log = home.policyServiceLog();
        policyLogFrom = StartupFailure.endOf(log);
        Process p = PolicyServiceSupervisor.start(home, common, port);
        startedPolicyService = p;
        System.out.println("policy service starting (pid " + p.pid() + ", log " + log + ")");
        Files.writeString(home.urlFile(), url + "\n");
        return url;
    }

    private void startScaler(
            Home home,
            String java,
            Map<String, String> common,
            int apiPort,
            List<String> standbyArguments)
            throws IOException {
        var scaler = Background.running(home.pid("scaler"));
        if (noScaler) {
            System.out.println("local scaler not started (--no-scaler)");
            return;
        }
        if (scaler.isPresent()) {
            System.out.println("local scaler already running (pid " + scaler.get().pid() + ")");
            return;
        }
        List<String> cmd =
                new ArrayList<>(
                        List.of(
                                java,
                                "-Xmx128m",
                                "-XX:+UseSerialGC",
                                "-jar",
                                home.cliJar().toString(),
                                "scaler",
                                "--pid-file",
                                home.workersPidFile().toString(),
                                "--log-dir",
                                home.logs().resolve("workers").toString()));
        functions.forEach((q, f) -> cmd.addAll(List.of("--function", q + "=" + f)));
        if (workerJava != null) {
            cmd.addAll(List.of("--worker-java", workerJava));
        }
        cmd.addAll(standbyArguments);
        // In local mode the scaler keeps the policy service alive too.
        cmd.addAll(List.of("--supervise-policy-service", Integer.toString(apiPort)));
        Map<String, String> e = new LinkedHashMap<>(common);
        e.put("VAZAO_HOME", home.root().toString());
        Path log = home.logs().resolve("scaler.log");
        Process p = Background.start(cmd, e, log, home.pid("scaler"));
        startedScaler = true;
        System.out.println("local scaler started (pid " + p.pid() + ", log " + log + ")");
    }

    private boolean exitedAtStart() {
        return startedPolicyService != null && !startedPolicyService.isAlive();
    }

    /**
     * The policy service this command started exited before it answered (a configuration it
     * refuses, a port taken meanwhile): waiting out the timeout would only let the scaler restart
     * it again and again. Stops what this command started and says why, from the service's log.
     */
    private CliException refusedToStart(Home home) throws IOException {
        Path log = home.policyServiceLog();
        long grace = DownCommand.DEFAULT_GRACE_SECONDS * 1000L;
        if (startedScaler) {
            DownCommand.stop(home, "scaler", "local scaler", grace);
        }
        DownCommand.stop(home, "policy-service", "policy service", grace);
        return new CliException(
                ExitCodes.ERROR,
                "policy service exited while starting (exit code "
                        + startedPolicyService.exitValue()
                        + ")"
                        + StartupFailure.reason(log, policyLogFrom).map(r -> ": " + r).orElse("")
                        + "; what vazao up started is stopped again; see .vazao/logs/policy-service.log");
    }

    private static void printWhereThingsAre(String url) {
        System.out.println();
        System.out.println("vazao is up");
        System.out.println("  API and dashboard  " + url + "/");
        System.out.println("  OpenAPI            " + url + "/q/openapi");
        System.out.println("  metrics            " + url + "/q/metrics");
        System.out.println("  RabbitMQ console   http://127.0.0.1:15672/ (guest/guest)");
        System.out.println(
                "  credentials file   "
                        + (System.getenv("VAZAO_API_TOKEN") != null
                                ? "(token from VAZAO_API_TOKEN)"
                                : ApiClient.tokenFile().toString())
                        + "  (Bearer token; Basic user vazao)");
        System.out.println("next: ./vazao status   ./vazao load   ./vazao down");
    }

    private void ensureRabbit(Home home) {
        boolean amqp = Services.portOpen("127.0.0.1", 5672);
        if (amqp && Services.managementAnswers("127.0.0.1", 15672, "guest", "guest")) {
            return;
        }
        String server = Services.which("rabbitmq-server");
        String ctl = Services.which("rabbitmqctl");
        String plugins = Services.which("rabbitmq-plugins");
        if (server == null || ctl == null) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    (amqp
                                    ? "RabbitMQ's management API does not answer on 127.0.0.1:15672"
                                    : "RabbitMQ does not answer on 127.0.0.1:5672")
                            + " and RabbitMQ is not installed here."
                            + " Install it (Debian/Ubuntu: sudo apt-get install rabbitmq-server) and enable the plugins:"
                            + " sudo rabbitmq-plugins enable rabbitmq_management rabbitmq_prometheus");
        }
        Path log = home.logs().resolve("rabbitmq-start.log");
        if (!amqp) {
            System.out.println("starting the machine's RabbitMQ (" + server + ")");
            Services.run(log, 30, List.of(server, "-detached"));
            Services.run(log, 180, List.of(ctl, "-q", "await_startup"));
        }
        if (plugins != null) {
            Services.run(
                    log,
                    120,
                    List.of(
                            plugins,
                            "enable",
                            "--quiet",
                            "rabbitmq_management",
                            "rabbitmq_prometheus"));
        }
        if (!Services.await(
                120_000, () -> Services.managementAnswers("127.0.0.1", 15672, "guest", "guest"))) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "RabbitMQ's management API did not come up on 127.0.0.1:15672; see .vazao/logs/rabbitmq-start.log");
        }
    }
}
