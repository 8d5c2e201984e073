package io.vazao.policy.store;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.vazao.contract.RedisKeys;
import io.vazao.contract.ScalingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** The capped events stream: the loop appends, the API reads newest first and tails it for SSE. */
@ApplicationScoped
public class EventLog {

    /** How many entries one page of a filtered read looks at. */
    private static final int PAGE = 500;

    private final RedisKeys keys;
    private final StreamCommands<String, String, String> streams;

    public EventLog(RedisDataSource redis, RedisKeys keys) {
        this.keys = keys;
        this.streams = redis.stream(String.class);
    }

    public String append(ScalingEvent event) {
        return PolicyStore.call(
                "append event",
                () ->
                        streams.xadd(
                                keys.events(),
                                new XAddArgs()
                                        .maxlen(RedisKeys.EVENTS_MAX_LENGTH)
                                        .nearlyExactTrimming(),
                                event.toFields()));
    }

    /** Up to {@code limit} events, newest first, optionally only those of one queue. */
    public List<ScalingEvent> recent(int limit, String queue) {
        return PolicyStore.call(
                "read events",
                () -> {
                    List<ScalingEvent> out = new ArrayList<>();
                    String upper = "+";
                    // Bounded: a filter over a capped stream never reads more than the stream
                    // holds.
                    for (int scanned = 0;
                            out.size() < limit && scanned <= RedisKeys.EVENTS_MAX_LENGTH * 2; ) {
                        int count = queue == null ? limit - out.size() : PAGE;
                        List<StreamMessage<String, String, String>> page =
                                streams.xrevrange(keys.events(), StreamRange.of(upper, "-"), count);
                        for (StreamMessage<String, String, String> m : page) {
                            ScalingEvent e = parse(m);
                            if (e != null
                                    && (queue == null || queue.equals(e.queue()))
                                    && out.size() < limit) {
                                out.add(e);
                            }
                        }
                        scanned += page.size();
                        if (page.size() < count) {
                            break;
                        }
                        upper = "(" + page.get(page.size() - 1).id();
                    }
                    return out;
                });
    }

    /** The id of the newest entry, or "0-0" for an empty stream: where a tail starts. */
    public String lastId() {
        return PolicyStore.call(
                "read events",
                () -> {
                    List<StreamMessage<String, String, String>> last =
                            streams.xrevrange(keys.events(), StreamRange.of("+", "-"), 1);
                    return last.isEmpty() ? "0-0" : last.get(0).id();
                });
    }

    /** Entries after {@code id}, oldest first, at most {@code count}. */
    public List<StreamMessage<String, String, String>> after(String id, int count) {
        return PolicyStore.call(
                "read events",
                () -> streams.xrange(keys.events(), StreamRange.of("(" + id, "+"), count));
    }

    /** Entries from {@code id} on (inclusive), oldest first, at most {@code count}. */
    public List<StreamMessage<String, String, String>> from(String id, int count) {
        return PolicyStore.call(
                "read events", () -> streams.xrange(keys.events(), StreamRange.of(id, "+"), count));
    }

    public static ScalingEvent parse(StreamMessage<String, String, String> m) {
        try {
            return ScalingEvent.fromFields(m.payload());
        } catch (IllegalArgumentException e) {
            return null; // an entry of a newer writer's kind: skipped, not fatal
        }
    }
}
