package io.vazao.engine;

import io.vazao.contract.BudgetShare;
import io.vazao.contract.EventKind;
import io.vazao.contract.QueueInputs;

/**
 * The engine's verdict for one queue in one tick.
 *
 * @param queue the queue
 * @param target workers it should have now
 * @param previous the target before this tick
 * @param demand workers its load needs before min/max, rate limit and budget
 * @param kind SCALE_UP, SCALE_DOWN or HOLD when the target changed or inputs were missing; null
 *     when nothing changed
 * @param reason human-readable, with the numbers behind it
 * @param inputs the inputs it was decided from (null when they were missing)
 * @param budget what the worker budget did to the target
 */
public record Decision(
        String queue,
        int target,
        int previous,
        int demand,
        EventKind kind,
        String reason,
        QueueInputs inputs,
        BudgetShare budget) {

    public boolean changed() {
        return target != previous;
    }
}
