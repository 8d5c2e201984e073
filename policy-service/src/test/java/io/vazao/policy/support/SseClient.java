package io.vazao.policy.support;

import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads a server-sent events response line by line, with timeouts. Test-only. */
public final class SseClient implements AutoCloseable {

    private final InputStream body;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(InputStream body) {
        this.body = body;
        this.reader =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(body, StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    lines.add(line);
                                }
                            } catch (Exception ignored) {
                                // closed by the test
                            }
                        },
                        "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    public static SseClient open(String path, String token) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        HttpResponse<InputStream> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return new SseClient(response.body());
    }

    /** The next line that starts with {@code prefix}, skipping others. */
    public String nextLineStartingWith(String prefix, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new TimeoutException(
                        "no line starting with '" + prefix + "' within " + timeout);
            }
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.interrupt();
    }
}
