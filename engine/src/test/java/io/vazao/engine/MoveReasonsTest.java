package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoveReasonsTest {

    /** Five queues give one worker each, one receives five, one keeps its share. */
    final WorkConservingBudget.Result moved =
            new WorkConservingBudget.Result(
                    new String[] {"a", "b", "c", "d", "e", "f", "g"},
                    new int[] {1, 1, 1, 1, 1, 7, 3},
                    new int[] {2, 2, 2, 2, 2, 2, 3},
                    true,
                    true);

    String clause(int i) {
        StringBuilder r = new StringBuilder();
        MoveReasons.of(moved).explain(r, i);
        return r.toString();
    }

    @Test
    void aReceiverNamesThreeGiversAndCountsTheRest() {
        assertEquals("; receives 5 worker(s) kept by the windows of a, b, c and 2 more", clause(5));
    }

    @Test
    void aGiverNamesItsReceiver() {
        assertEquals("; gives 1 worker(s) its windows kept to f", clause(0));
    }

    @Test
    void aQueueWhoseShareDidNotMoveSaysNothing() {
        assertEquals("", clause(6));
    }
}
