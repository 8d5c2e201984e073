package io.vazao.functions.celery;

import io.vazao.contract.CeleryProtocol;
import io.vazao.functions.payload.MessageKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which function a Celery task name runs: {@code vazao.celery.tasks}, entries {@code
 * task=function}, or the replaced system's two tasks when unset. Pure.
 */
public record TaskMapping(Map<String, MessageKind> tasks) {

    public TaskMapping {
        tasks = Map.copyOf(tasks);
    }

    public static TaskMapping defaults() {
        Map<String, MessageKind> m = new HashMap<>();
        CeleryProtocol.DEFAULT_TASKS.forEach((task, fn) -> m.put(task, MessageKind.ofFunction(fn)));
        return new TaskMapping(m);
    }

    /** Parses {@code task=function} entries; empty or absent means {@link #defaults()}. */
    public static TaskMapping parse(Optional<List<String>> entries) {
        if (entries.isEmpty() || entries.get().stream().allMatch(String::isBlank)) {
            return defaults();
        }
        Map<String, MessageKind> m = new HashMap<>();
        for (String entry : entries.get()) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String task = eq < 0 ? "" : entry.substring(0, eq).trim();
            String fn = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (task.isEmpty() || fn.isEmpty()) {
                throw new IllegalArgumentException(
                        "vazao.celery.tasks: '"
                                + entry
                                + "' is not task=function (e.g. "
                                + CeleryProtocol.TASK_ORDERS
                                + "=processOrder)");
            }
            MessageKind kind;
            try {
                kind = MessageKind.ofFunction(fn);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("vazao.celery.tasks: " + e.getMessage(), e);
            }
            if (m.put(task, kind) != null) {
                throw new IllegalArgumentException(
                        "vazao.celery.tasks: task '" + task + "' is mapped twice");
            }
        }
        return new TaskMapping(m);
    }

    public Optional<MessageKind> kindOf(String task) {
        return Optional.ofNullable(tasks.get(task));
    }
}
