package io.vazao.policy.keda;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure part of the scaler: parsing the targets hash and finding which queues changed activity
 * between two readings. No I/O, so it is tested with tables and properties.
 */
final class Targets {

    private Targets() {}

    /** A readable targets hash: the valid entries, and the fields that were not a count. */
    record Parsed(Map<String, Integer> targets, List<String> invalidFields) {}

    /** A queue whose activity (target above 0) differs from the previous reading. */
    record ActivityChange(String queue, boolean active) {}

    /**
     * Keeps the fields whose value is a non-negative integer; the rest are reported, not guessed.
     */
    static Parsed parse(Map<String, String> raw) {
        Map<String, Integer> valid = new TreeMap<>();
        List<String> invalid = new ArrayList<>();
        raw.forEach(
                (queue, value) -> {
                    Integer count = parseCount(value);
                    if (queue == null || queue.isBlank() || count == null) {
                        invalid.add(String.valueOf(queue));
                    } else {
                        valid.put(queue, count);
                    }
                });
        Collections.sort(invalid);
        return new Parsed(Collections.unmodifiableMap(valid), List.copyOf(invalid));
    }

    /**
     * The queues whose activity differs between two readings, in queue order. A queue missing from
     * a reading counts as target 0.
     */
    static List<ActivityChange> transitions(
            Map<String, Integer> before, Map<String, Integer> after) {
        TreeSet<String> queues = new TreeSet<>(before.keySet());
        queues.addAll(after.keySet());
        List<ActivityChange> changes = new ArrayList<>();
        for (String queue : queues) {
            boolean was = active(before.get(queue));
            boolean is = active(after.get(queue));
            if (was != is) {
                changes.add(new ActivityChange(queue, is));
            }
        }
        return changes;
    }

    static boolean active(Integer target) {
        return target != null && target > 0;
    }

    private static Integer parseCount(String value) {
        if (value == null) {
            return null;
        }
        try {
            int count = Integer.parseInt(value.trim());
            return count >= 0 ? count : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
