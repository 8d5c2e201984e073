package io.vazao.policy.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import io.vazao.contract.Topology;
import io.vazao.policy.config.VazaoConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The RabbitMQ management HTTP API: queue figures ({@code GET /api/queues/{vhost}/{queue}}) and
 * purging ({@code DELETE /api/queues/{vhost}/{queue}/contents}). Requests for all queues of a tick
 * go out together.
 */
@ApplicationScoped
public class ManagementApi implements QueueSource {

    private final HttpClient http;
    private final String base;
    private final String vhost;
    private final String authorization;
    private final Duration timeout;

    @Inject
    public ManagementApi(VazaoConfig config) {
        this(
                config.management().url(),
                config.management().vhost(),
                config.management().user(),
                config.management().password(),
                config.management().timeout());
    }

    public ManagementApi(String url, String vhost, String user, String password, Duration timeout) {
        this.base = url.replaceAll("/+$", "");
        this.vhost = encode(vhost);
        this.timeout = timeout;
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(timeout)
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
    }

    @Override
    public Map<String, QueueFigures> read(List<String> queues) throws BrokerUnavailableException {
        List<CompletableFuture<HttpResponse<String>>> main = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> dlq = new ArrayList<>();
        for (String q : queues) {
            main.add(send(get(q)));
            dlq.add(send(get(Topology.deadLetterQueue(q))));
        }
        Map<String, QueueFigures> out = new LinkedHashMap<>();
        for (int i = 0; i < queues.size(); i++) {
            HttpResponse<String> response = await(main.get(i));
            Long dlqMessages = dlqDepth(dlq.get(i));
            out.put(queues.get(i), figures(response, dlqMessages));
        }
        return out;
    }

    /** Empties a queue; false when the queue does not exist on the broker. */
    public boolean purge(String queue) throws BrokerUnavailableException {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        base
                                                + "/api/queues/"
                                                + vhost
                                                + "/"
                                                + encode(queue)
                                                + "/contents"))
                        .timeout(timeout)
                        .header("Authorization", authorization)
                        .DELETE()
                        .build();
        HttpResponse<String> response = await(send(request));
        if (response.statusCode() == 404) {
            return false;
        }
        if (response.statusCode() / 100 != 2) {
            throw new BrokerUnavailableException(
                    "management API answered " + response.statusCode() + " to purge");
        }
        return true;
    }

    /** Whether the management API answers at all (health check). */
    public void ping() throws BrokerUnavailableException {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(base + "/api/overview?columns=management_version"))
                        .timeout(timeout)
                        .header("Authorization", authorization)
                        .GET()
                        .build();
        HttpResponse<String> response = await(send(request));
        if (response.statusCode() != 200) {
            throw new BrokerUnavailableException(
                    "management API answered " + response.statusCode());
        }
    }

    /**
     * The queue's type as the broker names it ({@code classic}, {@code quorum}, {@code stream}), or
     * empty when the queue does not exist.
     */
    public Optional<String> queueType(String queue) throws BrokerUnavailableException {
        HttpResponse<String> response = await(send(get(queue)));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new BrokerUnavailableException(
                    "management API answered " + response.statusCode());
        }
        try {
            return Optional.of(
                    Json.mapper().readTree(response.body()).path("type").asText("classic"));
        } catch (IOException e) {
            throw new BrokerUnavailableException("management API answered " + e.getMessage());
        }
    }

    private HttpRequest get(String queue) {
        return HttpRequest.newBuilder(
                        URI.create(base + "/api/queues/" + vhost + "/" + encode(queue)))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET()
                .build();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> future)
            throws BrokerUnavailableException {
        try {
            return future.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BrokerUnavailableException(
                    "management API unreachable: "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new BrokerUnavailableException("management API timed out");
        }
    }

    private Long dlqDepth(CompletableFuture<HttpResponse<String>> future) {
        try {
            HttpResponse<String> response = await(future);
            if (response.statusCode() == 404) {
                return 0L;
            }
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode n = Json.mapper().readTree(response.body());
            return n.path("messages_ready").asLong(0) + n.path("messages_unacknowledged").asLong(0);
        } catch (BrokerUnavailableException | IOException e) {
            return null;
        }
    }

    static QueueFigures figures(HttpResponse<String> response, Long dlqMessages)
            throws BrokerUnavailableException {
        if (response.statusCode() == 404) {
            return new QueueFigures(0, 0, 0, 0.0, 0.0, dlqMessages, false, false);
        }
        if (response.statusCode() != 200) {
            throw new BrokerUnavailableException(
                    "management API answered " + response.statusCode());
        }
        try {
            return parse(Json.mapper().readTree(response.body()), dlqMessages);
        } catch (IOException e) {
            throw new BrokerUnavailableException("management API answered malformed JSON");
        }
    }

    /** Reads the fields vazao uses from a management API queue object. */
    static QueueFigures parse(JsonNode q, Long dlqMessages) {
        JsonNode stats = q.path("message_stats");
        double publish = stats.path("publish_details").path("rate").asDouble(0);
        JsonNode ack = stats.path("ack_details").path("rate");
        // Consumers in auto-ack mode never ack: their deliveries are the service rate.
        double ackRate =
                ack.isMissingNode()
                        ? stats.path("deliver_get_details").path("rate").asDouble(0)
                        : ack.asDouble(0);
        return new QueueFigures(
                q.path("messages_ready").asLong(0),
                q.path("messages_unacknowledged").asLong(0),
                q.path("consumers").asInt(0),
                publish,
                ackRate,
                dlqMessages,
                true,
                false);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
