package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vazao.testsupport.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import redis.clients.jedis.Jedis;

/**
 * The system under test, shared by every test class of this module: the packaged policy service as
 * a real process on free ports, two queues of its own, its own Redis key prefix and API token, and
 * real functions workers started on demand. Everything it made is removed on close.
 */
final class RunningSystem implements AutoCloseable {

    static final Path ROOT =
            Path.of(System.getProperty("vazao.repo.root", "..")).toAbsolutePath().normalize();
    static final Path OUT =
            Path.of(System.getProperty("vazao.e2e.output", "target")).toAbsolutePath();

    final String id =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    final String prefix = "t" + id + ":";
    final String token = UUID.randomUUID().toString().replace("-", "");

    /** Orders-shaped work. */
    final String queueA = "t-dash-a-" + id;

    /** Payments-shaped work. */
    final String queueB = "t-dash-b-" + id;

    final Path workDir;
    final Path fileSd;
    final int port;
    final String baseUrl;

    private final JavaProcess policy;
    private final List<JavaProcess> workers = new ArrayList<>();

    private RunningSystem() throws IOException {
        workDir = Files.createDirectories(OUT.resolve("e2e-run-" + id));
        fileSd = workDir.resolve("prometheus").resolve("workers.json");
        declareQueues();
        port = freePort();
        baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", "127.0.0.1");
        p.put("quarkus.http.port", Integer.toString(port));
        p.put("quarkus.grpc.server.port", Integer.toString(freePort()));
        p.put("vazao.key-prefix", prefix);
        p.put("vazao.api.token", token);
        p.put("vazao.api.token-file", workDir.resolve("api-token").toString());
        // These tests send wrong credentials on purpose, all from 127.0.0.1: throttling is proven
        // in policy-service (SecurityTableIT), here it would only lock the browser out.
        p.put("vazao.api.throttle.max-failures", "1000");
        p.put("vazao.bootstrap-queues", queueA + ":0.4," + queueB + ":0.6");
        p.put("vazao.prometheus.file-sd-path", fileSd.toString());
        p.put("vazao.prometheus.scan-interval", "1s");
        policy =
                JavaProcess.start(
                        "policy-service-" + id,
                        ROOT.resolve("policy-service/target/quarkus-app/quarkus-run.jar"),
                        p,
                        OUT.resolve("e2e-logs"));
        try {
            await("policy service serving both queues")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(
                            () -> {
                                if (!policy.alive()) {
                                    throw new IllegalStateException(
                                            "policy service exited:\n" + policy.logTail());
                                }
                                return queueStatus(queueA) != null && queueStatus(queueB) != null;
                            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(
                    "policy service did not come up: " + e.getMessage() + "\n" + policy.logTail(),
                    e);
        }
        // A modest cold-start rate per worker, so that a burst of a few thousand messages asks for
        // several workers before any rate has been measured.
        putPolicy(
                queueA,
                "{\"weight\": 0.4, \"minWorkers\": 1, \"maxWorkers\": 10, \"expectedRatePerWorker\": 10}");
        putPolicy(
                queueB,
                "{\"weight\": 0.6, \"minWorkers\": 1, \"maxWorkers\": 10, \"expectedRatePerWorker\": 10}");
    }

    void putPolicy(String queue, String json) {
        Http.Reply r =
                Http.send(
                        "PUT",
                        baseUrl + "/api/v1/policies/" + queue,
                        json,
                        "Authorization",
                        bearer(),
                        "Content-Type",
                        "application/json");
        if (r.status() != 200 && r.status() != 201) {
            close();
            throw new IllegalStateException(
                    "PUT policy " + queue + ": HTTP " + r.status() + " " + r.body());
        }
    }

    static RunningSystem start() {
        try {
            return new RunningSystem();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String bearer() {
        return "Bearer " + token;
    }

    JavaProcess policyProcess() {
        return policy;
    }

    JsonNode status() {
        Http.Reply r = Http.get(baseUrl + "/api/v1/status", "Authorization", bearer());
        if (r.status() != 200) {
            throw new IllegalStateException("status: HTTP " + r.status() + " " + r.body());
        }
        return r.json();
    }

    JsonNode queueStatus(String queue) {
        for (JsonNode q : status().path("queues")) {
            if (queue.equals(q.path("queue").asText())) {
                return q;
            }
        }
        return null;
    }

    JsonNode policyOf(String queue) {
        Http.Reply r = Http.get(baseUrl + "/api/v1/policies/" + queue, "Authorization", bearer());
        if (r.status() != 200) {
            throw new IllegalStateException("policy: HTTP " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Starts one real functions worker for the queue (orders work on A, payments on B). */
    synchronized JavaProcess startWorker(String queue) throws IOException {
        return startWorker(queue, Map.of());
    }

    /** A worker with some settings of its own on top of (or instead of) the usual ones. */
    synchronized JavaProcess startWorker(String queue, Map<String, String> settings)
            throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("vazao.queue", queue);
        p.put("vazao.function", queue.equals(queueB) ? "processPayment" : "processOrder");
        p.put("vazao.key-prefix", prefix);
        p.put("quarkus.http.port", "0");
        p.put("vazao.work.mean-ms", "20");
        p.putAll(settings);
        JavaProcess w =
                JavaProcess.start(
                        "worker-" + queue + "-" + workers.size(),
                        ROOT.resolve("functions/target/quarkus-app/quarkus-run.jar"),
                        p,
                        OUT.resolve("e2e-logs"));
        workers.add(w);
        return w;
    }

    synchronized List<JavaProcess> workers() {
        return List.copyOf(workers);
    }

    /** Publishes n valid messages of the queue's kind straight to it, with publisher confirms. */
    void publish(String queue, int n) throws Exception {
        try (Connection c = rabbit().newConnection("dashboard-e2e-publisher");
                Channel ch = c.createChannel()) {
            ch.confirmSelect();
            AMQP.BasicProperties props =
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/json")
                            .deliveryMode(2)
                            .build();
            for (int i = 0; i < n; i++) {
                String body = queue.equals(queueA) ? order(i) : payment(i);
                ch.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
    }

    private String order(int i) {
        return """
                {"id":"ORD-%s-%d","type":"order","timestamp":"%s","data":{"customer":{"id":"CUST-%d","name":"Customer %d",\
                "email":"c%d@example.com","address":{"street":"1 Main St","city":"Chicago","state":"IL","zip":"60601"}},\
                "product":{"name":"Laptop","quantity":1,"unit_price":900.0,"total":900.0},"status":"pending",\
                "shipping_method":"express","notes":""}}"""
                .formatted(id, i, Instant.now(), i, i, i);
    }

    private String payment(int i) {
        return """
                {"id":"PAY-%s-%d","type":"payment","timestamp":"%s","data":{"order_id":"ORD-%s-%d","amount":900.0,\
                "payment_method":"credit_card","status":"approved","transaction_id":"TRX-%d",\
                "payment_details":{"processor":"stripe","currency":"USD","installments":1,"card_type":"visa",\
                "card_last_four":"4242"}}}"""
                .formatted(id, i, Instant.now(), id, i, i);
    }

    static ConnectionFactory rabbit() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(5672);
        f.setUsername("guest");
        f.setPassword("guest");
        return f;
    }

    // Durable, no arguments: exactly what a functions worker declares, so either may come first.
    private void declareQueues() throws IOException {
        try (Connection c = rabbit().newConnection("dashboard-e2e-setup");
                Channel ch = c.createChannel()) {
            ch.queueDeclare(queueA, true, false, false, null);
            ch.queueDeclare(queueB, true, false, false, null);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        List<JavaProcess> all = new ArrayList<>(workers());
        all.forEach(JavaProcess::close);
        if (policy != null) {
            policy.close();
        }
        try (Connection c = rabbit().newConnection("dashboard-e2e-cleanup")) {
            for (String q : List.of(queueA, queueB, queueA + ".dlq", queueB + ".dlq")) {
                try (Channel ch = c.createChannel()) {
                    ch.queueDelete(q);
                } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                    // not there: nothing to clean
                }
            }
        } catch (IOException | java.util.concurrent.TimeoutException e) {
            System.err.println("cleanup: cannot reach RabbitMQ: " + e.getMessage());
        }
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            TestKeys.deleteAll(redis, prefix);
        } catch (RuntimeException e) {
            System.err.println("cleanup: cannot reach Redis: " + e.getMessage());
        }
    }
}
