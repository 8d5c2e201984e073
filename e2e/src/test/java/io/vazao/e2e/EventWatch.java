package io.vazao.e2e;

import io.vazao.contract.ScalingEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Follows the events stream with a blocking XREAD and notes when this test saw each entry. Events
 * are ordered by their stream ids (Redis assigns them, one sequence for every writer) and timed by
 * this process's own clock: the test never compares its clock with the time another process stamped
 * on an event.
 */
final class EventWatch implements AutoCloseable {

    /**
     * An event, its place in the stream, and when this test first saw it (this process's clock).
     */
    record Seen(StreamEntryID id, ScalingEvent event, long seenAt) {}

    private final JedisPooled redis = new JedisPooled("127.0.0.1", 6379);
    private final String key;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    EventWatch(String key) {
        this.key = key;
        reader = new Thread(this::follow, "e2e-event-watch");
        reader.setDaemon(true);
        reader.start();
    }

    private void follow() {
        StreamEntryID cursor = new StreamEntryID(0, 0);
        XReadParams params = XReadParams.xReadParams().block(250).count(500);
        while (open) {
            try {
                List<Map.Entry<String, List<StreamEntry>>> read =
                        redis.xread(params, Map.of(key, cursor));
                if (read == null) {
                    continue;
                }
                long now = System.currentTimeMillis();
                for (StreamEntry e : read.get(0).getValue()) {
                    seen.add(new Seen(e.getID(), ScalingEvent.fromFields(e.getFields()), now));
                    cursor = e.getID();
                }
            } catch (RuntimeException e) {
                if (!open) {
                    return;
                }
            }
        }
    }

    /**
     * The stream's last id right now, read from Redis: every event after it happened after this
     * call.
     */
    StreamEntryID mark() {
        List<StreamEntry> last = redis.xrevrange(key, "+", "-", 1);
        return last.isEmpty() ? new StreamEntryID(0, 0) : last.get(0).getID();
    }

    /**
     * The first event after {@code mark} (in stream order) that matches, once this test has seen
     * it.
     */
    Optional<Seen> first(StreamEntryID mark, Predicate<ScalingEvent> match) {
        return seen.stream()
                .filter(s -> s.id().compareTo(mark) > 0 && match.test(s.event()))
                .findFirst();
    }

    List<ScalingEvent> all() {
        return seen.stream().map(Seen::event).toList();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        reader.join(2_000);
        redis.close();
    }
}
