package io.vazao.functions;

import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.work.SimulatedWork;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The work dial (no waiting) counting the calls per id and the threads they ran on, enabled only by
 * {@link InlineProfile}.
 */
@Alternative
@Singleton
public class RecordingWork extends SimulatedWork {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> threads = new ConcurrentHashMap<>();

    @Inject
    public RecordingWork(FunctionsConfig config) {
        super(config);
    }

    @Override
    public void perform(String id) {
        calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        threads.computeIfAbsent(Thread.currentThread().getName(), k -> new AtomicInteger())
                .incrementAndGet();
        super.perform(id);
    }

    public Map<String, AtomicInteger> calls() {
        return calls;
    }

    public Map<String, AtomicInteger> threads() {
        return threads;
    }
}
