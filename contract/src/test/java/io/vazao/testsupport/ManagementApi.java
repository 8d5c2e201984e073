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

/** The local broker's management API, guest/guest on 127.0.0.1:15672, as tests read it. */
public final class ManagementApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String AUTH =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

    private ManagementApi() {}

    /** The JSON at {@code path} (e.g. {@code /api/connections}), or null when not 200. */
    public static JsonNode read(String path) throws Exception {
        HttpResponse<String> response = send(request(path).GET());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }

    /**
     * Has the broker close every connection whose client-provided name is {@code name}, as an
     * operator closing it from the management UI would.
     *
     * @return how many it closed
     */
    public static int closeConnections(String name) throws Exception {
        int closed = 0;
        for (JsonNode c : connections("name,user_provided_name")) {
            if (name.equals(c.path("user_provided_name").asText())) {
                String path =
                        "/api/connections/"
                                + URLEncoder.encode(c.path("name").asText(), StandardCharsets.UTF_8)
                                        .replace("+", "%20");
                int status = send(request(path).DELETE()).statusCode();
                if (status / 100 == 2) {
                    closed++;
                }
            }
        }
        return closed;
    }

    /**
     * The broker's connections with the given {@code columns} (comma-separated), none while the API
     * does not answer.
     */
    public static Iterable<JsonNode> connections(String columns) throws Exception {
        JsonNode all = read("/api/connections?columns=" + columns);
        return all == null ? Json.mapper().createArrayNode() : all;
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672" + path))
                .header("Authorization", AUTH);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
