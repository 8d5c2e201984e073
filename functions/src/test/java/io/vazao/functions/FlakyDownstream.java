package io.vazao.functions;

import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.work.SimulatedWork;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work dial with a downstream that can be down, enabled only by {@link RetryPolicyProfile}:
 * every call fails while an outage lasts, ids starting with BROKEN- always fail; records attempts
 * and the ids that went through.
 */
@Alternative
@Singleton
public class FlakyDownstream extends SimulatedWork {

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();
    private volatile long outageUntilNanos = Long.MIN_VALUE;

    @Inject
    public FlakyDownstream(FunctionsConfig config) {
        super(config);
    }

    /** Every call fails for this long from now. */
    public void outage(long millis) {
        outageUntilNanos = System.nanoTime() + millis * 1_000_000;
    }

    /** It fails while an outage lasts: retried after a pause. */
    @Override
    public boolean mayWait() {
        return true;
    }

    @Override
    public void perform(String id) {
        attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        if (System.nanoTime() < outageUntilNanos) {
            throw new IllegalStateException("downstream unavailable");
        }
        if (id.startsWith("BROKEN-")) {
            throw new IllegalStateException("permanent failure of " + id);
        }
        super.perform(id);
        succeeded.add(id);
    }

    public int attemptsOf(String id) {
        AtomicInteger n = attempts.get(id);
        return n == null ? 0 : n.get();
    }

    public long succeededWithPrefix(String prefix) {
        return succeeded.stream().filter(id -> id.startsWith(prefix)).count();
    }
}
