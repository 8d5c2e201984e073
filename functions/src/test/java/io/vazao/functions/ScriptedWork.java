package io.vazao.functions;

import io.vazao.functions.config.FunctionsConfig;
import io.vazao.functions.work.SimulatedWork;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The work dial with a script, enabled only by {@link RetryProfile}: ids starting with FLAKY- fail
 * their first two attempts, ids starting with BROKEN- fail every attempt, the rest behave as
 * configured. Records when each attempt happened.
 */
@Alternative
@Singleton
public class ScriptedWork extends SimulatedWork {

    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();
    private final Map<String, List<MessageContext>> contexts = new ConcurrentHashMap<>();

    @Inject
    public ScriptedWork(FunctionsConfig config) {
        super(config);
    }

    /** It fails on purpose: retried after a pause. */
    @Override
    public boolean mayWait() {
        return true;
    }

    @Override
    public void perform(String id) {
        List<Long> mine = attempts.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        mine.add(System.nanoTime());
        MessageContext.current()
                .ifPresent(
                        c ->
                                contexts.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>())
                                        .add(c));
        if (id.startsWith("FLAKY-") && mine.size() <= 2) {
            throw new IllegalStateException("scripted failure " + mine.size() + " of " + id);
        }
        if (id.startsWith("BROKEN-")) {
            throw new IllegalStateException("scripted permanent failure of " + id);
        }
        super.perform(id);
    }

    /** What each attempt's function saw of its message (none over HTTP). */
    public List<MessageContext> contextsOf(String id) {
        return contexts.getOrDefault(id, List.of());
    }

    public List<Long> attemptsOf(String id) {
        return attempts.getOrDefault(id, List.of());
    }
}
