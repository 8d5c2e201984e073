package io.vazao.cli;

import io.vazao.contract.Json;
import io.vazao.contract.Scenario;
import io.vazao.contract.Topology;
import io.vazao.load.LoadGenerator;
import io.vazao.load.LoadPlan;
import io.vazao.load.WireFormat;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "load",
        description = {
            "Publish the seed's orders and payments (unique ids, payment amount = order total) with publisher confirms.",
            "Default: the seed's run, --orders 50000 --payments 50000 as fast as possible.",
            "Scenarios: steady, burst, ramp, sine, spike-train, or a scenario file (segments of rate x duration per queue)."
        })
public final class LoadCommand implements Callable<Integer> {

    public static final String DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672";

    @Option(
            names = "--orders",
            defaultValue = "50000",
            description = "orders to publish (default ${DEFAULT-VALUE})")
    long orders;

    @Option(
            names = "--payments",
            defaultValue = "50000",
            description = "payments to publish (default ${DEFAULT-VALUE})")
    long payments;

    @Option(
            names = "--rate",
            defaultValue = "0",
            description = "messages per second in total; 0 = as fast as possible (default)")
    double rate;

    @Option(
            names = "--scenario",
            description =
                    "a built-in scenario (steady, burst, ramp, sine, spike-train) or a scenario file")
    String scenario;

    @Option(
            names = "--speed",
            defaultValue = "1",
            description = "play the scenario this many times faster (default ${DEFAULT-VALUE})")
    double speed;

    @Option(
            names = "--orders-queue",
            defaultValue = Topology.ORDERS_QUEUE,
            description = "queue for orders (default ${DEFAULT-VALUE})")
    String ordersQueue;

    @Option(
            names = "--payments-queue",
            defaultValue = Topology.PAYMENTS_QUEUE,
            description = "queue for payments (default ${DEFAULT-VALUE})")
    String paymentsQueue;

    @Option(
            names = "--amqp-uri",
            description = "RabbitMQ (default $VAZAO_AMQP_URI or " + DEFAULT_AMQP_URI + ")")
    String amqpUri;

    @Option(
            names = "--run-id",
            description = "id of this run inside every message id (default: random)")
    String runId;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "seed of the payloads' random fields (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--window",
            defaultValue = "5000",
            description = "most unconfirmed messages at once (default ${DEFAULT-VALUE})")
    int window;

    @Option(
            names = "--celery",
            description =
                    "publish Celery protocol-2 task messages (process_queue1/process_queue2, as the"
                            + " replaced system's producers) instead of plain JSON; with ignore_result unless --celery-results")
    boolean celery;

    @Option(
            names = "--celery-results",
            description =
                    "with --celery: ask for every result, as the old application did"
                            + " (the workers write a Redis record per task, kept for a day)")
    boolean celeryResults;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress line")
    boolean quiet;

    public static String amqpUri(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String env = System.getenv("VAZAO_AMQP_URI");
        return env != null && !env.isBlank() ? env : DEFAULT_AMQP_URI;
    }

    @Override
    public Integer call() throws Exception {
        if (celeryResults && !celery) {
            throw new CliException(ExitCodes.USAGE, "--celery-results needs --celery");
        }
        WireFormat format =
                !celery
                        ? WireFormat.JSON
                        : celeryResults ? WireFormat.CELERY_WITH_RESULTS : WireFormat.CELERY;
        LoadPlan plan = plan();
        String id = runId != null ? runId : UUID.randomUUID().toString().substring(0, 8);
        LoadGenerator generator =
                new LoadGenerator(
                        new LoadGenerator.Options(
                                amqpUri(amqpUri),
                                id,
                                seed,
                                window,
                                quiet || json ? null : System.err,
                                paymentQueues(),
                                format));
        Thread hook = new Thread(generator::stop);
        Runtime.getRuntime().addShutdownHook(hook);
        LoadGenerator.Result r;
        try {
            r = generator.run(plan);
        } catch (ConnectException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "RabbitMQ not reachable at " + amqpUri(amqpUri) + ": " + e.getMessage());
        } catch (IOException | TimeoutException e) {
            throw new CliException(ExitCodes.UNREACHABLE, "RabbitMQ failed: " + e.getMessage());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runId", r.runId());
            out.put("sent", r.sent());
            out.put("totalSent", r.totalSent());
            out.put("confirmed", r.confirmed());
            out.put("nacked", r.nacked());
            out.put("unroutable", r.unroutable());
            out.put("seconds", r.seconds());
            out.put("ratePerSecond", r.rate());
            System.out.println(Json.write(out));
        } else {
            System.out.println(r.summary());
            if (r.unroutable() > 0) {
                System.out.println(
                        "unroutable messages: a queue does not exist yet; start the workers first (./vazao up)");
            }
        }
        return r.complete() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** The payments queue, and the seed's (named by the built-in scenarios) when it is another. */
    Set<String> paymentQueues() {
        return new LinkedHashSet<>(List.of(paymentsQueue, Topology.PAYMENTS.queue()));
    }

    LoadPlan plan() throws IOException {
        if (scenario == null) {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (orders > 0) {
                counts.put(ordersQueue, orders);
            }
            if (payments > 0) {
                counts.put(paymentsQueue, payments);
            }
            return LoadPlan.counts(counts, rate);
        }
        Scenario s;
        try {
            if (Scenario.BUILT_IN.contains(scenario)) {
                s = Scenario.builtin(scenario);
            } else if (Files.isRegularFile(Path.of(scenario))) {
                s = Scenario.parse(Files.readString(Path.of(scenario)));
            } else {
                throw new CliException(
                        ExitCodes.USAGE,
                        "no built-in scenario or file named "
                                + scenario
                                + "; built-in: "
                                + String.join(", ", Scenario.BUILT_IN));
            }
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        if (speed <= 0) {
            throw new CliException(ExitCodes.USAGE, "--speed must be > 0");
        }
        return LoadPlan.scenario(s, speed);
    }
}
