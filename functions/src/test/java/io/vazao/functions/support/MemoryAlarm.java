package io.vazao.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local broker's memory alarm, raised by setting its high watermark below what it uses: every
 * connection that publishes while it is on is blocked, as on a broker short of memory or disk. The
 * watermark it had is put back by {@link #close()}; the setting is the running node's only, so a
 * broker restart would also restore it.
 */
public final class MemoryAlarm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String watermark;

    private MemoryAlarm(String watermark) {
        this.watermark = watermark;
    }

    /** Raises the alarm; close the result to lift it. */
    public static MemoryAlarm raise() {
        String before = rabbitmqctl("eval", "vm_memory_monitor:get_vm_memory_high_watermark().");
        MemoryAlarm alarm = new MemoryAlarm(before);
        rabbitmqctl("set_vm_memory_high_watermark", "absolute", "1");
        return alarm;
    }

    /** True while the node reports any resource alarm. */
    public static boolean on() {
        return !rabbitmqctl("eval", "rabbit_alarm:get_alarms().").equals("[]");
    }

    /**
     * The names of the connections whose name starts with {@code prefix} and which the broker
     * blocks (the management API's view, refreshed every few seconds).
     */
    public static List<String> blockedConnections(String prefix) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:15672/api/connections"
                                                + "?columns=user_provided_name,state"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        "guest:guest"
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build();
        JsonNode all =
                Json.mapper()
                        .readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        List<String> blocked = new ArrayList<>();
        for (JsonNode c : all) {
            String name = c.path("user_provided_name").asText("");
            if (name.startsWith(prefix) && c.path("state").asText().equals("blocked")) {
                blocked.add(name);
            }
        }
        return blocked;
    }

    @Override
    public void close() {
        // "{absolute,N}" or a fraction, as the node printed it.
        String w = watermark.trim();
        if (w.startsWith("{absolute,")) {
            rabbitmqctl(
                    "set_vm_memory_high_watermark",
                    "absolute",
                    w.substring("{absolute,".length(), w.length() - 1));
        } else {
            rabbitmqctl("set_vm_memory_high_watermark", w);
        }
    }

    private static String rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " interrupted", e);
        }
    }
}
