package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vazao.contract.Json;
import java.io.Console;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vazao dlq}: what is in a queue's dead-letter queue and why; replay and purge it. */
@Command(
        name = "dlq",
        description = "Show a queue's dead letters by reason with a sample; replay or purge them.",
        subcommands = {DlqCommand.Replay.class, DlqCommand.Purge.class})
public final class DlqCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    // Not required by picocli: a required option here would also be demanded of `dlq replay` and
    // `dlq purge`.
    @Option(
            names = {"-Q", "--queue"},
            description = "the work queue (its dead letters are in QUEUE.dlq); required")
    String queue;

    @Option(
            names = "--limit",
            defaultValue = "10",
            description = "messages shown (0..200, default ${DEFAULT-VALUE})")
    int limit;

    @Option(
            names = "--offset",
            defaultValue = "0",
            description = "position of the first message shown")
    long offset;

    static String path(String queue) {
        return "/api/v1/queues/"
                + URLEncoder.encode(queue, StandardCharsets.UTF_8)
                + "/dead-letters";
    }

    @Override
    public Integer call() {
        if (queue == null || queue.isBlank()) {
            throw new CliException(
                    ExitCodes.USAGE, "which queue? vazao dlq -Q QUEUE (see vazao dlq --help)");
        }
        JsonNode r = api.client().get(path(queue) + "?offset=" + offset + "&limit=" + limit);
        if (api.json()) {
            System.out.println(r);
            return ExitCodes.OK;
        }
        System.out.print(DlqFormat.report(r));
        return ExitCodes.OK;
    }

    @Command(
            name = "replay",
            description =
                    "Move dead letters back to the work queue (confirmed publish, then ack), at a rate.")
    public static final class Replay implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                required = true,
                description = "the work queue")
        String queue;

        @Option(
                names = "--reason",
                description = "only dead letters with this reason (e.g. failed)")
        String reason;

        @Option(names = "--max", description = "at most this many")
        Long max;

        @Option(
                names = "--rate",
                description = "at most this many per second (default: as fast as confirms allow)")
        Double rate;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = Json.mapper().createObjectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            if (max != null) {
                body.put("max", max);
            }
            if (rate != null) {
                body.put("ratePerSecond", rate);
            }
            ApiClient client = api.client();
            JsonNode job = client.send("POST", path(queue) + "/replay", body.toString());
            String jobPath = path(queue) + "/replay/" + job.path("id").asText();
            while ("running".equals(job.path("state").asText())) {
                if (!api.json()) {
                    System.err.printf(
                            Locale.ROOT,
                            "\rreplaying %s: moved %d, skipped %d, %.1f/s   ",
                            queue,
                            job.path("moved").asLong(),
                            job.path("skipped").asLong(),
                            job.path("achievedRate").asDouble());
                }
                Thread.sleep(500);
                job = client.get(jobPath);
            }
            if (api.json()) {
                System.out.println(job);
            } else {
                System.err.println();
                System.out.print(DlqFormat.summary(job));
            }
            return "failed".equals(job.path("state").asText())
                    ? ExitCodes.CHECK_FAILED
                    : ExitCodes.OK;
        }
    }

    @Command(
            name = "purge",
            description =
                    "Delete every dead letter of a queue (asks for the queue's name unless --yes).")
    public static final class Purge implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                required = true,
                description = "the work queue")
        String queue;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() {
            if (!yes) {
                Console console = System.console();
                if (console == null) {
                    throw new CliException(
                            ExitCodes.USAGE,
                            "purging " + queue + ".dlq needs confirmation: add --yes");
                }
                String typed =
                        console.readLine(
                                "Delete every dead letter of %s? Type the queue name to confirm: ",
                                queue);
                if (typed == null || !typed.trim().equals(queue)) {
                    System.err.println("not purged");
                    return ExitCodes.REJECTED;
                }
            }
            JsonNode r = api.client().send("POST", path(queue) + "/purge", null);
            System.out.println(api.json() ? r.toString() : queue + ".dlq purged");
            return ExitCodes.OK;
        }
    }
}
