package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "policy",
        description = "Read or change a queue's scaling policy.",
        subcommands = {
            PolicyCommand.Get.class,
            PolicyCommand.Set.class,
            PolicyCommand.Delete.class
        })
public final class PolicyCommand {

    static String path(String queue) {
        return "/api/v1/policies/"
                + java.net.URLEncoder.encode(queue, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    @Command(name = "get", description = "Show every policy, or one queue's.")
    public static final class Get implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                description = "only this queue")
        String queue;

        @Override
        public Integer call() {
            ApiClient c = api.client();
            if (queue != null) {
                JsonNode p = c.get(path(queue));
                System.out.println(api.json() ? p.toString() : Format.pretty(p));
                return ExitCodes.OK;
            }
            JsonNode all = c.get("/api/v1/policies");
            if (api.json()) {
                System.out.println(all.toString());
                return ExitCodes.OK;
            }
            Table t =
                    new Table(
                            "QUEUE",
                            "WEIGHT",
                            "MIN",
                            "MAX",
                            "MSG/WORKER",
                            "DRAIN-S",
                            "EXPECTED/S",
                            "LIMIT/S",
                            "STAB-S",
                            "MODE",
                            "PAUSED");
            all.path("policies")
                    .fields()
                    .forEachRemaining(
                            e -> {
                                JsonNode p = e.getValue();
                                t.row(
                                        e.getKey(),
                                        String.format(
                                                Locale.ROOT, "%.2f", p.path("weight").asDouble()),
                                        Format.text(p, "minWorkers"),
                                        Format.text(p, "maxWorkers"),
                                        Format.text(p, "messagesPerWorker"),
                                        Format.text(p, "targetDrainSeconds"),
                                        Format.text(p, "expectedRatePerWorker"),
                                        Format.text(p, "rateLimitPerSecond"),
                                        Format.text(p, "scaleDownStabilizationSeconds"),
                                        Format.text(p, "mode"),
                                        Format.text(p, "paused"));
                            });
            System.out.print(t.isEmpty() ? "no policies\n" : t.render());
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "set",
            description =
                    "Change some fields of a queue's policy (PATCH), or replace it with a JSON file (PUT).")
    public static final class Set implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                required = true,
                description = "the queue")
        String queue;

        @Option(names = "--file", description = "a whole policy as JSON (replaces the policy)")
        Path file;

        @Option(names = "--weight", description = "share of the budget under contention (> 0)")
        Double weight;

        @Option(names = "--min", description = "minWorkers")
        Integer min;

        @Option(names = "--max", description = "maxWorkers")
        Integer max;

        @Option(names = "--messages-per-worker", description = "messagesPerWorker")
        Integer messagesPerWorker;

        @Option(names = "--drain-seconds", description = "targetDrainSeconds")
        Integer drainSeconds;

        @Option(names = "--expected-rate", description = "expectedRatePerWorker (messages/s)")
        Double expectedRate;

        @Option(
                names = "--rate-limit",
                description = "rateLimitPerSecond for all the queue's workers together")
        Double rateLimit;

        @Option(names = "--stabilization-seconds", description = "scaleDownStabilizationSeconds")
        Integer stabilization;

        @Option(names = "--mode", description = "adaptive or seed")
        String mode;

        @Option(
                names = "--delivery-limit",
                description = "deliveryLimit: redeliveries without settlement before a dead letter")
        Integer deliveryLimit;

        @Option(
                names = "--queue-type",
                description =
                        "queueType: classic or quorum, the type a missing queue is declared with"
                                + " (409 when the queue exists with another type)")
        String queueType;

        @Option(
                names = "--standby-workers",
                description =
                        "standbyWorkers (0-10): the most warm standby workers the local scaler keeps for this queue")
        Integer standbyWorkers;

        @Override
        public Integer call() throws IOException {
            ApiClient c = api.client();
            JsonNode result;
            if (file != null) {
                result = c.send("PUT", path(queue), Files.readString(file));
            } else {
                Map<String, Object> patch = new LinkedHashMap<>();
                put(patch, "weight", weight);
                put(patch, "minWorkers", min);
                put(patch, "maxWorkers", max);
                put(patch, "messagesPerWorker", messagesPerWorker);
                put(patch, "targetDrainSeconds", drainSeconds);
                put(patch, "expectedRatePerWorker", expectedRate);
                put(patch, "rateLimitPerSecond", rateLimit);
                put(patch, "scaleDownStabilizationSeconds", stabilization);
                put(patch, "mode", mode);
                put(patch, "deliveryLimit", deliveryLimit);
                put(patch, "queueType", queueType);
                put(patch, "standbyWorkers", standbyWorkers);
                if (patch.isEmpty()) {
                    throw new CliException(
                            ExitCodes.USAGE,
                            "nothing to change: give --file or at least one field option");
                }
                result = c.send("PATCH", path(queue), patch);
            }
            System.out.println(api.json() ? result.toString() : Format.pretty(result));
            return ExitCodes.OK;
        }

        private static void put(Map<String, Object> m, String k, Object v) {
            if (v != null) {
                m.put(k, v);
            }
        }
    }

    @Command(name = "delete", description = "Remove a queue's policy: vazao stops managing it.")
    public static final class Delete implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                required = true,
                description = "the queue")
        String queue;

        @Override
        public Integer call() {
            api.client().send("DELETE", path(queue), null);
            if (!api.json()) {
                System.out.println("policy of " + queue + " deleted");
            }
            return ExitCodes.OK;
        }
    }
}
