package io.vazao.engine;

/**
 * A decision's reason, assembled after the rules ran from their clauses: the demand clause first,
 * then one "; clause" per rule that changed something, and " -> n" at the end when the target is
 * not the last number a clause stated.
 */
final class Reason {

    private final StringBuilder text;
    private int stated;

    /** Appends to {@code text}, which starts with the demand clause stating {@code demand}. */
    Reason(StringBuilder text, int demand) {
        this.text = text;
        this.stated = demand;
    }

    /** Adds a rule's clause when the rule changed the value. */
    Reason add(Step step) {
        if (step.changed()) {
            text.append("; ");
            step.text().appendTo(text);
            stated = step.value();
        }
        return this;
    }

    /** A clause that states no new number (e.g. the start of a panic window). */
    Reason note(Step.Clause clause) {
        if (clause != null) {
            text.append("; ");
            clause.appendTo(text);
        }
        return this;
    }

    /**
     * Ends on the target: " -> min n" for an idle queue at its minimum, else " -> n" if not just
     * stated.
     */
    void end(int target, int demand, int min) {
        if (demand == 0 && target == min) {
            text.append(" -> min ").append(min);
        } else if (target != stated) {
            text.append(" -> ").append(target);
        }
    }
}
