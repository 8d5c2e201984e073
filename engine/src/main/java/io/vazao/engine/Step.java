package io.vazao.engine;

/**
 * What one rule made of a queue's worker count: the new value and the clause that explains it, for
 * the reason. A rule that changes nothing returns {@link #none(int)} (no clause).
 */
record Step(int value, String clause) {

    static Step none(int value) {
        return new Step(value, null);
    }

    boolean changed() {
        return clause != null;
    }
}
