package io.vazao.policy.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One operation per dead-letter queue at a time: a read holds messages unacked for a moment, and a
 * replay running beside it would take those for an empty queue (or a read would miss those the
 * replay holds). The holder is named so a refusal can say who has it.
 */
@ApplicationScoped
public class DeadLetterLocks {

    private final Map<String, String> holders = new ConcurrentHashMap<>();

    /** Takes the queue for {@code holder}: empty when it got it, else who holds it already. */
    public Optional<String> tryTake(String queue, String holder) {
        String current = holders.putIfAbsent(queue, holder);
        return current == null ? Optional.empty() : Optional.of(current);
    }

    public void release(String queue, String holder) {
        holders.remove(queue, holder);
    }
}
