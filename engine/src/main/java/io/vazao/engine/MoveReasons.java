package io.vazao.engine;

/**
 * The "gives / receives" clauses of a work-conserving share: who gave the workers their windows
 * kept, and who received them. The two name lists are written once per decision and at most {@link
 * #NAMED} names long, so that a thousand moving queues cost a thousand short clauses, not a
 * thousand lists of a thousand names.
 */
final class MoveReasons {

    static final int NAMED = 3;

    private final WorkConservingBudget.Result shared;
    private final String givers;
    private final String receivers;

    private MoveReasons(WorkConservingBudget.Result shared) {
        this.shared = shared;
        this.givers = names(shared, -1);
        this.receivers = names(shared, 1);
    }

    static MoveReasons of(WorkConservingBudget.Result shared) {
        return new MoveReasons(shared);
    }

    /** Appends queue {@code i}'s clause, if its share moved. */
    void explain(StringBuilder reason, int i) {
        int delta = shared.shares()[i] - shared.plain()[i];
        if (delta < 0) {
            reason.append("; gives ")
                    .append(-delta)
                    .append(" worker(s) its windows kept to ")
                    .append(receivers);
        } else if (delta > 0) {
            reason.append("; receives ")
                    .append(delta)
                    .append(" worker(s) kept by the windows of ")
                    .append(givers);
        }
    }

    /** The queues whose share moved in the direction {@code sign}, the first few by name. */
    private static String names(WorkConservingBudget.Result shared, int sign) {
        StringBuilder s = new StringBuilder();
        int count = 0;
        for (int j = 0; j < shared.names().length; j++) {
            int moved = shared.shares()[j] - shared.plain()[j];
            if (Integer.signum(moved) == sign) {
                if (count < NAMED) {
                    s.append(count == 0 ? "" : ", ").append(shared.names()[j]);
                }
                count++;
            }
        }
        if (count > NAMED) {
            s.append(" and ").append(count - NAMED).append(" more");
        }
        return s.toString();
    }
}
