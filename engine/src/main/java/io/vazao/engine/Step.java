package io.vazao.engine;

/**
 * What one rule made of a queue's worker count: the new value and the clause that explains it, for
 * the reason. A rule that changes nothing returns {@link #none(int)} (no clause).
 *
 * @param text writes the clause straight into the reason, so a thousand queues' clauses are not
 *     first built as strings of their own and then copied; null when the rule changed nothing
 */
record Step(int value, Clause text) {

    /** A clause, written into the reason only when it is used. */
    @FunctionalInterface
    interface Clause {
        void appendTo(StringBuilder reason);

        /** The clause on its own (for tests and logs); null for no clause. */
        static String render(Clause c) {
            if (c == null) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            c.appendTo(sb);
            return sb.toString();
        }
    }

    static Step none(int value) {
        return new Step(value, null);
    }

    boolean changed() {
        return text != null;
    }

    /** The clause as a string, or null when the rule changed nothing. */
    String clause() {
        return Clause.render(text);
    }
}
