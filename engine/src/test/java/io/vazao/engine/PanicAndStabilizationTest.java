package io.vazao.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PanicAndStabilizationTest {

    @ParameterizedTest(name = "desired {0}, current {1} -> panic until {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                // desired | current | old end | new end | clause
                "4 | 2 | 0    | 7000 | burst: 4 >= 2x current 2, panic for 6 s",
                "2 | 0 | 0    | 7000 | burst: 2 >= 2x current 0, panic for 6 s",
                "3 | 2 | 0    | 0    | null",
                "1 | 0 | 0    | 0    | null",
                "2 | 2 | 5000 | 5000 | null",
                "9 | 3 | 5000 | 7000 | burst: 9 >= 2x current 3, panic for 6 s"
            })
    void aBurstOfTwiceTheCurrentTargetStartsTheWindow(
            int desired, int current, long oldEnd, long newEnd, String clause) {
        Panic.Start s = Panic.start(desired, current, oldEnd, 1_000, 6_000);
        assertEquals(newEnd, s.until());
        assertEquals(clause, s.clause());
    }

    @ParameterizedTest(name = "want {0}, last {1}, until {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "2 | 6 | 7000 | 6 | panic until +6 s: holding 6",
                "2 | 6 | 1000 | 2 | null",
                "8 | 6 | 7000 | 8 | null",
                "2 | 6 | 1001 | 6 | panic until +1 s: holding 6"
            })
    void insideTheWindowNothingFalls(int want, int last, long until, int expected, String clause) {
        Step s = Panic.hold(want, last, until, 1_000);
        assertEquals(expected, s.value());
        assertEquals(clause, s.clause());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // history as at:target pairs (oldest first), desired now (t = 40 s), window 30 s ->
                // want, kept history
                "empty history                      | ''             | 3 | 3 | 40000:3",
                "a higher one inside the window     | 20000:8        | 3 | 8 | 20000:8 40000:3",
                "a higher one past the window       | 5000:8         | 3 | 3 | 40000:3",
                "lower ones are dropped             | 20000:2        | 3 | 3 | 40000:3",
                "the highest of several, decreasing | 15000:9 30000:5 | 3 | 9 | 15000:9 30000:5 40000:3",
                "rising again clears the window     | 30000:5        | 7 | 7 | 40000:7"
            })
    void theHighestRecommendationOfTheWindowIsWanted(
            String name, String history, int desired, int want, String kept) {
        Stabilization.Result r = Stabilization.apply(recs(history), desired, 40_000, 30_000);
        assertEquals(want, r.want(), name);
        assertEquals(recs(kept), r.recommendations(), name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "3 | 8 | recommendation 3 < 8: keeping the highest of the last 30 s before scaling down -> 8",
                "3 | 3 | null"
            })
    void theClauseNamesTheWindowOnlyWhenItKeepsMore(int desired, int want, String clause) {
        assertEquals(clause, Stabilization.explain(desired, want, 30_000).clause());
    }

    private static List<QueueHistory.Recommendation> recs(String pairs) {
        List<QueueHistory.Recommendation> out = new ArrayList<>();
        for (String pair : pairs.trim().split("\\s+")) {
            if (!pair.isEmpty()) {
                String[] p = pair.split(":");
                out.add(
                        new QueueHistory.Recommendation(
                                Long.parseLong(p[0]), Integer.parseInt(p[1])));
            }
        }
        return out;
    }
}
