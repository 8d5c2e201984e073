package io.vazao.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A queue as the local broker's management API (guest/guest on 127.0.0.1:15672) shows it. */
public final class ManagementQueue {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

    private ManagementQueue() {}

    /** The queue's JSON in the default vhost, or null when the API does not answer 200. */
    public static JsonNode read(String queue) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:15672/api/queues/%2F/"
                                                + URLEncoder.encode(queue, StandardCharsets.UTF_8)))
                        .header("Authorization", AUTH)
                        .GET()
                        .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }

    /**
     * One of the queue's counts by JSON pointer ({@code /messages_ready}, {@code
     * /message_stats/ack}, ...); -1 when the API or the figure is not there.
     */
    public static long count(String queue, String pointer) throws Exception {
        JsonNode node = read(queue);
        return node == null ? -1 : node.at(pointer).asLong(-1);
    }
}
