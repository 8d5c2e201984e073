package io.vazao.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A queue as the local broker's management API (guest/guest on 127.0.0.1:15672) shows it. */
public final class ManagementQueue {

    private ManagementQueue() {}

    /** The queue's JSON in the default vhost, or null when the API does not answer 200. */
    public static JsonNode read(String queue) throws Exception {
        return ManagementApi.read(
                "/api/queues/%2F/" + URLEncoder.encode(queue, StandardCharsets.UTF_8));
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
