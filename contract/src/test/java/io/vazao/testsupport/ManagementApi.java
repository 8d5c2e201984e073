package io.vazao.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.net.URI;
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
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:15672" + path))
                        .header("Authorization", AUTH)
                        .GET()
                        .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
    }
}
