package io.vazao.policy.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One operation per dead-letter queue at a time: a read holds messages unacked for a moment, and a
 * replay running beside it would take those for an empty queue (or a read would miss those the
 * replay holds). A read lasts milliseconds, so a newcomer waits up to {@link #PATIENCE_MILLIS} for
 * the holder before it is refused (a replay lasts as long as it lasts). The holder is named so a
 * refusal can say who has it.
 */
@ApplicationScoped
public class DeadLetterLocks {

    static final long PATIENCE_MILLIS = 3_000;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Map<String, String> holders = new ConcurrentHashMap<>();

    /**
     * Takes the queue for {@code holder}: empty when it got it, else who still held it after the
     * wait.
     */
    public Optional<String> tryTake(String queue, String holder) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (true) {
            String current = holders.putIfAbsent(queue, holder);
            if (current == null) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of(current);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    public void release(String queue, String holder) {
        holders.remove(queue, holder);
    }
}
