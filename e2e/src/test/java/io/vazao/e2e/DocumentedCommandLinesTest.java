package io.vazao.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * Runs every `./vazao …` command line that README.md and docs/*.md show, as typed, through the
 * `./vazao` launcher, against a running system of the test's own (its port, Redis prefix, token and
 * state folder; the seed's queues), and checks the exit code and a line of the output. A line that
 * would stop that system, start a second one or never end runs with `--help` instead, for a reason
 * stated in {@link #helpOnly}. A new command line in the docs is run too; a new subcommand needs a
 * line in {@link #EXPECTED}, or this test fails.
 */
class DocumentedCommandLinesTest {

    /** What a successful run of each subcommand prints, at least. */
    static final Map<String, String> EXPECTED =
            Map.of(
                    "status",
                    Topology.ORDERS.queue(),
                    "workers",
                    Topology.ORDERS.queue(),
                    "events",
                    " -> ",
                    "policy get",
                    Topology.ORDERS.queue(),
                    "policy set",
                    "\"standbyWorkers\" : 1",
                    "weights",
                    Topology.PAYMENTS.queue(),
                    "settings",
                    "maxTotalWorkers",
                    "load",
                    "confirmed",
                    "dlq",
                    Topology.ORDERS.queue(),
                    "simulate",
                    "vazao vs keda");

    @TempDir Path tmp;
    final String id = UUID.randomUUID().toString().substring(0, 8);
    final RedisKeys keys = new RedisKeys("doc" + id + ":");
    final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    final List<String> seedQueuesBefore = new ArrayList<>();
    Stack stack;

    /** Why a documented line runs with --help, or null when it runs as typed. */
    static String helpOnly(DocCommandLines.DocLine line) {
        String sub = line.subcommand();
        String c = line.command();
        return switch (sub) {
            case "up" ->
                    "the test's system is up already; as typed it would start a second one on the default port";
            case "down" ->
                    "it would stop the system the other lines run against (the test runs it last, with its options)";
            case "demo" ->
                    "it brings up a system of its own and bursts 40,000 messages (OneMachineE2ETest does the same with assertions)";
            case "scaler" -> "it runs in the foreground until stopped";
            case "purge", "pause", "resume", "dlq purge" ->
                    "it changes a queue's state for whoever else uses the machine's broker";
            case "dlq replay" -> "it moves dead letters back into a queue of the machine's broker";
            default -> {
                if (c.contains("--follow")) {
                    yield "--follow never ends";
                }
                if (sub.equals("load") && !c.contains("--orders")) {
                    yield "as typed it publishes 100,000 messages or plays a scenario for minutes";
                }
                yield null;
            }
        };
    }

    @AfterEach
    void tearDown() throws Exception {
        List<String> declaredByTheTest =
                seedQueues().stream().filter(q -> !seedQueuesBefore.contains(q)).toList();
        Stack.tearDown(stack, declaredByTheTest, redis, keys.prefix());
    }

    static List<String> seedQueues() {
        List<String> out = new ArrayList<>();
        for (Topology.QueueSpec q : Topology.SEED_QUEUES) {
            out.add(q.queue());
            out.add(Topology.deadLetterQueue(q.queue()));
        }
        return out;
    }

    @Test
    void everyDocumentedCommandLineRuns() throws Exception {
        rememberExistingSeedQueues();
        List<DocCommandLines.DocLine> lines = DocCommandLines.inRepository(Stack.repo());
        assertFalse(lines.isEmpty(), "no ./vazao command line found in the docs");
        stack =
                new Stack(
                        Stack.repo(),
                        tmp.resolve("state"),
                        keys.prefix(),
                        "doc-" + UUID.randomUUID());
        int up =
                stack.up(
                        tmp.resolve("api-token"),
                        Stack.functions(),
                        java.util.List.of("VAZAO_WORK_MEAN_MS=1", "VAZAO_WORK_DISTRIBUTION=fixed"));
        assertEquals(0, up, stack.log());
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> stack.status().path("totalLive").asInt() >= 2);

        int asTyped = 0;
        int withHelp = 0;
        List<String> failures = new ArrayList<>();
        for (DocCommandLines.DocLine line : lines) {
            String why = helpOnly(line);
            String command =
                    why == null ? line.command() : "./vazao " + line.subcommand() + " --help";
            // A pipeline prints what its last command makes of the output: any output will do.
            String expected =
                    why != null
                            ? "Usage: vazao " + line.subcommand()
                            : line.command().contains(" | ")
                                    ? ""
                                    : line.command().contains("--validate")
                                            ? "burst -> drained"
                                            : EXPECTED.get(line.subcommand());
            if (expected == null) {
                failures.add(
                        line
                                + ": no expected output for `"
                                + line.subcommand()
                                + "` (add it to EXPECTED)");
                continue;
            }
            Ran r = runInRepo(command);
            System.out.printf(
                    "doc-test: %s %s -> exit %d%s%n",
                    why == null ? "ran" : "help",
                    line,
                    r.exit(),
                    why == null ? "" : " (" + why + ")");
            if (r.exit() != 0 || r.output().isBlank() || !r.output().contains(expected)) {
                failures.add(
                        line
                                + ": `"
                                + command
                                + "` exit "
                                + r.exit()
                                + ", expected output containing '"
                                + expected
                                + "', got:\n"
                                + r.output());
            }
            if (why == null) {
                asTyped++;
            } else {
                withHelp++;
            }
        }
        System.out.printf(
                "doc-test: %d documented command lines: %d run as typed, %d with --help%n",
                lines.size(), asTyped, withHelp);
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));

        // What the lines published is consumed before the system stops: nothing is left behind.
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(this::seedQueuesDrained);
    }

    record Ran(int exit, String output) {}

    /** One line through bash in the repository, as a user types it, against the test's system. */
    Ran runInRepo(String command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "line", ".out");
        ProcessBuilder pb =
                new ProcessBuilder("bash", "-c", command)
                        .directory(stack.repo.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        pb.environment().put("VAZAO_STATE_DIR", stack.state.toString());
        pb.environment().put("VAZAO_API_TOKEN", stack.token);
        pb.environment().put("VAZAO_KEY_PREFIX", stack.prefix);
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return new Ran(
                    -1,
                    "did not finish in 180 s\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    boolean seedQueuesDrained() throws Exception {
        for (JsonNode q : stack.status().path("queues")) {
            if (q.path("ready").asLong() + q.path("unacked").asLong() > 0) {
                return false;
            }
        }
        return true;
    }

    void rememberExistingSeedQueues() throws Exception {
        try (Connection c = OneMachineE2ETest.rabbit()) {
            for (String q : seedQueues()) {
                try (Channel ch = c.createChannel()) {
                    ch.queueDeclarePassive(q);
                    seedQueuesBefore.add(q);
                } catch (IOException e) {
                    // not there: the test's workers declare it, and the test deletes it afterwards
                }
            }
        }
    }
}
