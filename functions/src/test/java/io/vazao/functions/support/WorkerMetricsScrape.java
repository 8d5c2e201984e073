package io.vazao.functions.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a worker process's counters from its Prometheus endpoint. */
public final class WorkerMetricsScrape {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private WorkerMetricsScrape() {}

    public static int status(int port, String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static String get(int port, String path) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new IllegalStateException("worker on port " + port + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** vazao_messages_processed_total of the queue, from the worker on {@code port}. */
    public static long processed(int port, String queue) {
        String text = get(port, "/q/metrics");
        Matcher m =
                Pattern.compile(
                                "^vazao_messages_processed_total\\{queue=\""
                                        + Pattern.quote(queue)
                                        + "\"} ([0-9.E+]+)$",
                                Pattern.MULTILINE)
                        .matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(
                    "no processed counter for " + queue + " on port " + port);
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
