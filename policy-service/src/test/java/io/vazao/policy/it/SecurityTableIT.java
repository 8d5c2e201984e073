package io.vazao.policy.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vazao.contract.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

/**
 * Attacks on the packaged policy service, one row each: who sends what, the status expected, and
 * that Redis under the service's prefix is byte-for-byte unchanged afterwards. Rows run in order:
 * the throttling rows come last and count the wrong credentials sent just before them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityTableIT {

    static final String ID = UUID.randomUUID().toString().substring(0, 8);
    static final String PREFIX = "t" + ID + ":";
    static final String QA = "t-sec-" + ID + "-a";
    static final String QB = "t-sec-" + ID + "-b";
    static final String TOKEN =
            UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", "");
    static final int MAX_FAILURES = 5;

    static PackagedService service;
    static RedisClient redis;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String cookie;

    /**
     * A request: method, path (raw, already encoded), headers as name/value pairs, body (null =
     * none).
     */
    record Req(String method, String path, List<String> headers, String body) {}

    /**
     * @param who the attacker or client
     * @param status expected status
     * @param nextIs for login rows: the redirect target the service must answer, else null
     */
    record Row(String who, String what, Req req, int status, String nextIs) {
        @Override
        public String toString() {
            return who + ": " + what + " -> " + status;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        redis = RedisClient.create("127.0.0.1", 6379);
        service =
                PackagedService.start(
                                "security-" + ID,
                                Map.of(
                                        "vazao.key-prefix",
                                        PREFIX,
                                        "vazao.bootstrap-queues",
                                        QA + ":0.4," + QB + ":0.6",
                                        "vazao.api.token",
                                        TOKEN,
                                        "vazao.api.token-file",
                                        "target/it-logs/api-token-" + ID,
                                        "vazao.api.throttle.max-failures",
                                        Integer.toString(MAX_FAILURES),
                                        "vazao.api.throttle.window",
                                        "10m",
                                        "vazao.api.throttle.lockout",
                                        "1m"))
                        .awaitServing();
        await().atMost(Duration.ofSeconds(30)).until(() -> redis.exists(PREFIX + "policy:" + QA));
        cookie = login();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (redis != null) {
            var keys = redis.keys(PREFIX + "*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
            redis.close();
        }
    }

    static String origin() {
        return service.baseUrl();
    }

    static String login() throws Exception {
        HttpResponse<String> r =
                send(
                        new Req(
                                "POST",
                                "/api/v1/session",
                                List.of("Content-Type", "application/json"),
                                "{\"token\":\"" + TOKEN + "\"}"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    static List<String> h(String... pairs) {
        return List.of(pairs);
    }

    static List<String> withCookie(String... pairs) {
        List<String> all = new ArrayList<>(List.of(pairs));
        all.add("Cookie");
        all.add(cookie);
        return all;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String policy() {
        return "{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":3}";
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Stream<Row> rows() {
        return Stream.of(
                        SecurityRows.placeholders(),
                        SecurityRows.crossSite(),
                        SecurityRows.staleWrites(),
                        SecurityRows.redirects(),
                        SecurityRows.bodies(),
                        SecurityRows.paths(),
                        SecurityRows.throttling())
                .flatMap(List::stream);
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void attack(Row row) throws Exception {
        Map<String, String> before = dump();
        HttpResponse<String> r = send(row.req());
        assertThat(r.statusCode()).as("%s\nbody: %s", row, r.body()).isEqualTo(row.status());
        if (row.status() == 429) {
            assertThat(r.headers().firstValue("Retry-After"))
                    .as("Retry-After")
                    .isPresent()
                    .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        }
        if (row.nextIs() != null) {
            assertThat(Json.mapper().readTree(r.body()).path("next").asText())
                    .isEqualTo(row.nextIs());
        }
        assertThat(dump()).as("Redis under %s unchanged", PREFIX).isEqualTo(before);
    }

    @Order(2)
    @Test
    void rowsCoverEveryAttackKind() {
        assertThat(rows().count()).isGreaterThanOrEqualTo(30);
    }

    static HttpResponse<String> send(Req req) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(service.baseUrl() + req.path()))
                        .timeout(Duration.ofSeconds(30))
                        .method(
                                req.method(),
                                req.body() == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(req.body()));
        for (int i = 0; i < req.headers().size(); i += 2) {
            b.header(req.headers().get(i), req.headers().get(i + 1));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every key under the prefix with its DUMP: equal dumps mean nothing was written. */
    static Map<String, String> dump() {
        Map<String, String> out = new TreeMap<>();
        for (String key : redis.keys(PREFIX + "*")) {
            byte[] v = redis.dump(key);
            out.put(key, v == null ? "<gone>" : Base64.getEncoder().encodeToString(v));
        }
        return out;
    }

    /**
     * A cookie session's event stream ends once the session is signed out (before the throttling
     * rows lock this client out).
     */
    @Order(0)
    @Test
    void signingOutEndsTheSessionsEventStreams() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String session = login();
        HttpRequest sse =
                HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/status/stream"))
                        .header("Cookie", session)
                        .header("Accept", "text/event-stream")
                        .build();
        HttpResponse<InputStream> r = http.send(sse, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean sawStatus = new AtomicBoolean();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    r.body(), StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = in.readLine()) != null) {
                                    if (line.startsWith("event:")) {
                                        sawStatus.set(true);
                                    }
                                }
                            } catch (Exception e) {
                                // a reset connection ends the stream too
                            }
                            ended.set(true);
                        });
        reader.setDaemon(true);
        reader.start();
        await("first status event").atMost(Duration.ofSeconds(20)).untilTrue(sawStatus);
        HttpResponse<String> out =
                http.send(
                        HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/session"))
                                .header("Cookie", session)
                                .header("Origin", origin())
                                .header("Content-Type", "application/json")
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(out.statusCode()).isEqualTo(204);
        await("stream closed after sign-out").atMost(Duration.ofSeconds(10)).untilTrue(ended);
    }
}
