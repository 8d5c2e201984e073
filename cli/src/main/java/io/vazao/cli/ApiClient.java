package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The policy service's HTTP API as the CLI uses it. Credentials: {@code VAZAO_API_TOKEN}, else the
 * token file ({@code VAZAO_API_TOKEN_FILE}, default {@code ~/.vazao/api-token}) that the service
 * writes at its first start.
 */
public final class ApiClient {

    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final URI base;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * The address: explicit, else {@code VAZAO_URL}, else the one {@code vazao up} wrote, else the
     * default.
     */
    public static URI resolveUrl(String explicit, Home home) {
        if (explicit != null && !explicit.isBlank()) {
            return URI.create(explicit);
        }
        String env = System.getenv("VAZAO_URL");
        if (env != null && !env.isBlank()) {
            return URI.create(env.trim());
        }
        try {
            if (Files.isRegularFile(home.urlFile())) {
                return URI.create(Files.readString(home.urlFile()).trim());
            }
        } catch (IOException e) {
            // fall through to the default
        }
        return URI.create(DEFAULT_URL);
    }

    public static Path tokenFile() {
        String env = System.getenv("VAZAO_API_TOKEN_FILE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".vazao", "api-token");
    }

    /** The token from the environment or the token file, or null if neither has one. */
    public static String resolveToken() {
        String env = System.getenv("VAZAO_API_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Path f = tokenFile();
            return Files.isRegularFile(f) ? Files.readString(f).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder b = request(path).timeout(Duration.ofSeconds(15));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    body instanceof String s ? s : Json.write(body)));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw unreachable();
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "policy service at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.ERROR, "interrupted");
        }
        return check(r.statusCode(), r.body(), method + " " + path);
    }

    /** Is the service answering its health endpoint (no credentials needed)? */
    public boolean healthy() {
        try {
            HttpRequest req =
                    HttpRequest.newBuilder(base.resolve("/q/health/ready"))
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build();
            return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Follows a server-sent event stream, calling {@code onEvent(eventName, data)} for each event,
     * until the stream ends or the thread is interrupted.
     */
    public void stream(String path, BiConsumer<String, String> onEvent) {
        HttpRequest req = request(path).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw unreachable();
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "policy service at " + base + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (r.statusCode() != 200) {
            String body;
            try (InputStream in = r.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            check(r.statusCode(), body, "GET " + path);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        onEvent.accept(event, data.toString());
                    }
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException e) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "event stream from " + base + " ended: " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private CliException unreachable() {
        return new CliException(
                ExitCodes.UNREACHABLE,
                "policy service not reachable at " + base + " (start it with: ./vazao up)");
    }

    static JsonNode check(int status, String body, String what) {
        JsonNode json = null;
        if (body != null && !body.isBlank()) {
            try {
                json = Json.mapper().readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        if (status >= 200 && status < 300) {
            return json == null ? Json.mapper().createObjectNode() : json;
        }
        String detail = describe(json, body);
        switch (status) {
            case 401 ->
                    throw new CliException(
                            ExitCodes.UNAUTHORIZED,
                            what
                                    + ": credentials refused (401). "
                                    + "Set VAZAO_API_TOKEN or check the token file "
                                    + tokenFile());
            case 429 ->
                    throw new CliException(
                            ExitCodes.UNAUTHORIZED,
                            what
                                    + ": too many wrong credentials from this "
                                    + "client (429); the service refuses it for a while"
                                    + detail);
            case 404 ->
                    throw new CliException(
                            ExitCodes.NOT_FOUND, what + ": not found (404)" + detail);
            case 400, 409, 412, 413, 415, 422 ->
                    throw new CliException(
                            ExitCodes.REJECTED, what + ": rejected (" + status + ")" + detail);
            default -> throw new CliException(ExitCodes.ERROR, what + ": HTTP " + status + detail);
        }
    }

    private static String describe(JsonNode json, String body) {
        if (json == null) {
            return body == null || body.isBlank() ? "" : ": " + body.strip();
        }
        StringBuilder sb = new StringBuilder();
        if (json.hasNonNull("error")) {
            sb.append(": ").append(json.get("error").asText());
        }
        for (JsonNode v : json.path("violations")) {
            sb.append("\n  ")
                    .append(v.path("field").asText())
                    .append(": ")
                    .append(v.path("rule").asText());
        }
        return sb.toString();
    }
}
