package io.vazao.functions.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.testsupport.ManagementApi;
import java.util.ArrayList;
import java.util.List;

/**
 * The local broker's memory alarm, raised by setting its high watermark below what it uses: every
 * connection that publishes while it is on is blocked, as on a broker short of memory or disk. The
 * watermark it had is put back by {@link #close()}; the setting is the running node's only, so a
 * broker restart would also restore it.
 */
public final class MemoryAlarm implements AutoCloseable {

    private final String watermark;

    private MemoryAlarm(String watermark) {
        this.watermark = watermark;
    }

    /** Raises the alarm; close the result to lift it. */
    public static MemoryAlarm raise() {
        String before =
                Rabbitmqctl.run("eval", "vm_memory_monitor:get_vm_memory_high_watermark().");
        MemoryAlarm alarm = new MemoryAlarm(before);
        Rabbitmqctl.run("set_vm_memory_high_watermark", "absolute", "1");
        return alarm;
    }

    /** True while the node reports any resource alarm. */
    public static boolean on() {
        return !Rabbitmqctl.run("eval", "rabbit_alarm:get_alarms().").equals("[]");
    }

    /**
     * The names of the connections whose name starts with {@code prefix} and which the broker
     * blocks (the management API's view, refreshed every few seconds).
     */
    public static List<String> blockedConnections(String prefix) throws Exception {
        List<String> blocked = new ArrayList<>();
        for (JsonNode c : ManagementApi.connections("user_provided_name,state")) {
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
            Rabbitmqctl.run(
                    "set_vm_memory_high_watermark",
                    "absolute",
                    w.substring("{absolute,".length(), w.length() - 1));
        } else {
            Rabbitmqctl.run("set_vm_memory_high_watermark", w);
        }
    }
}
