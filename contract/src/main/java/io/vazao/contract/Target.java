package io.vazao.contract;

/**
 * A queue's current target with the reason behind it, stored as JSON at {@code
 * vazao:target:{queue}}.
 *
 * @param queue the queue
 * @param target the number of workers it should have
 * @param previous the target before this decision
 * @param reason human-readable, with the numbers behind it
 * @param inputs the snapshot the decision was made from
 * @param computedAt epoch milliseconds
 * @param budget what the worker budget did (null in targets written before it was recorded)
 */
public record Target(
        String queue,
        int target,
        int previous,
        String reason,
        QueueInputs inputs,
        long computedAt,
        BudgetShare budget) {

    /** A target the budget played no recorded part in (a held one, or one written by hand). */
    public Target(
            String queue,
            int target,
            int previous,
            String reason,
            QueueInputs inputs,
            long computedAt) {
        this(queue, target, previous, reason, inputs, computedAt, null);
    }
}
