package io.vazao.policy.lease;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.Settings;
import io.vazao.contract.Target;
import io.vazao.policy.store.TargetWriter;
import io.vazao.testsupport.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * Two real policy-service processes (the packaged jar) on one Redis prefix: only the lease holder
 * ticks and writes targets; SIGKILL it and the other ticks within two ticks; a write under the dead
 * leader's fencing token is refused by the script the service writes with.
 */
class LeaderElectionIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Pattern DECISIONS =
            Pattern.compile("(?m)^vazao_decision_seconds_count\\S* (\\S+)$");

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "vazao-it-lease-" + id + ":";
    private final RedisKeys keys = new RedisKeys(prefix);
    private final List<String> queues =
            List.of("vazao.it.lease." + id + ".a", "vazao.it.lease." + id + ".b");
    private final List<Replica> replicas = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    record Replica(Process process, int httpPort) {}

    @AfterEach
    void cleanUp() throws Exception {
        replicas.forEach(r -> r.process().destroyForcibly());
        for (Replica r : replicas) {
            r.process().waitFor();
        }
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            TestKeys.deleteAll(jedis, prefix);
        }
        try (Connection c = rabbit();
                Channel ch = c.createChannel()) {
            for (String q : queues) {
                ch.queueDelete(q);
            }
        }
    }

    @Test
    void oneLeaderWritesTargetsAndASuccessorTakesOverWithinTwoTicks(@TempDir Path dir)
            throws Exception {
        try (Connection c = rabbit();
                Channel ch = c.createChannel()) {
            for (String q : queues) {
                ch.queueDeclare(q, false, false, false, null);
            }
        }
        replicas.add(start(dir, "a"));
        replicas.add(start(dir, "b"));

        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            String lease =
                    await().atMost(Duration.ofSeconds(120))
                            .until(
                                    () -> jedis.get(keys.leaderLease()),
                                    v -> v != null && everyReplicaAnswers());
            Replica leader = holder(lease);
            Replica standby = replicas.get(replicas.get(0) == leader ? 1 : 0);
            long oldToken = Long.parseLong(lease.split(" ")[0]);

            // While one replica holds the lease only it ticks (and only a tick writes targets); the
            // standby serves but decides nothing.
            long standbyBefore = decisions(standby);
            long leaderBefore = decisions(leader);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    decisions(leader) >= leaderBefore + 3
                                            && jedis.hlen(keys.targets()) == queues.size());
            assertEquals(
                    lease,
                    jedis.get(keys.leaderLease()),
                    "the lease changed hands while the leader ticked");
            assertEquals(
                    standbyBefore,
                    decisions(standby),
                    "the standby ticked while the other held the lease");
            System.out.printf(
                    "lease standby_ticks_before_window=%d (start-up, before the lease settled)%n",
                    standbyBefore);

            long killedAt = System.nanoTime();
            leader.process().destroyForcibly(); // SIGKILL: no release, the lease must run out
            String standbyHolder = Long.toString(standby.process().pid());
            String taken =
                    await().pollInterval(Duration.ofMillis(20))
                            .atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> jedis.get(keys.leaderLease()),
                                    v ->
                                            v != null
                                                    && v.split(" ")[1].startsWith(
                                                            standbyHolder + "-"));
            long leaseMillis = (System.nanoTime() - killedAt) / 1_000_000;
            await().pollInterval(Duration.ofMillis(20))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> decisions(standby) >= 1);
            long tickedMillis = (System.nanoTime() - killedAt) / 1_000_000;
            System.out.printf(
                    "lease takeover lease_ms=%d first_tick_done_ms=%d tick_ms=%d%n",
                    leaseMillis, tickedMillis, Settings.DEFAULT_TICK_MILLIS);
            // The standby holds the lease, and so starts ticking, within two ticks; when its first
            // tick completes also depends on how long that tick's broker reads take.
            assertTrue(
                    leaseMillis <= 2 * Settings.DEFAULT_TICK_MILLIS,
                    "the standby took the lease "
                            + leaseMillis
                            + " ms after the leader was killed");
            long newToken = Long.parseLong(taken.split(" ")[0]);
            assertTrue(
                    newToken > oldToken, "a new fencing token: " + newToken + " after " + oldToken);

            // The dead leader's token no longer writes; the holder's does.
            Target stale = new Target(queues.get(0), 99, 1, "stale leader", null, 0);
            assertEquals(
                    0L,
                    eval(
                            jedis,
                            TargetWriter.fencedWrite(
                                    keys, oldToken, Map.of(queues.get(0), stale))));
            assertNotEquals(
                    "99", jedis.hget(keys.targets(), queues.get(0)), "the stale write landed");
            assertEquals(
                    1L,
                    eval(
                            jedis,
                            TargetWriter.fencedWrite(
                                    keys, newToken, Map.of(queues.get(0), stale))));
        }
    }

    private static Object eval(Jedis jedis, List<String> args) {
        return jedis.sendCommand(Protocol.Command.EVAL, args.toArray(String[]::new));
    }

    private Replica start(Path dir, String name) throws IOException {
        int httpPort = freePort();
        List<String> cmd =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dquarkus.http.port=" + httpPort,
                        "-Dquarkus.grpc.server.port=" + freePort(),
                        "-Dvazao.key-prefix=" + prefix,
                        "-Dvazao.bootstrap-queues=" + String.join(",", queues),
                        "-Dvazao.api.token=it-" + id + "-" + UUID.randomUUID(),
                        "-Dvazao.api.token-file=" + dir.resolve(name + ".token"),
                        "-jar",
                        JAR.toAbsolutePath().toString());
        Process p =
                new ProcessBuilder(cmd)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".log").toFile())
                        .start();
        return new Replica(p, httpPort);
    }

    private Replica holder(String lease) {
        long pid = Long.parseLong(lease.split(" ")[1].split("-")[0]);
        return replicas.stream()
                .filter(r -> r.process().pid() == pid)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("lease " + lease + " held by neither replica"));
    }

    private boolean everyReplicaAnswers() {
        return replicas.stream().allMatch(r -> metrics(r) != null);
    }

    private long decisions(Replica r) {
        String text = metrics(r);
        Matcher m = text == null ? null : DECISIONS.matcher(text);
        return m != null && m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }

    private String metrics(Replica r) {
        try {
            HttpResponse<String> res =
                    http.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + r.httpPort()
                                                            + "/q/metrics"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return res.statusCode() == 200 ? res.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Connection rabbit() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        return f.newConnection();
    }
}
