package io.vazao.policy.keda;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.maps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quicktheories.core.Gen;

class TargetsTest {

    static Stream<Arguments> hashes() {
        return Stream.of(
                Arguments.of(Map.of(), Map.of(), List.of()),
                Arguments.of(Map.of("q1", "3", "q2", "0"), Map.of("q1", 3, "q2", 0), List.of()),
                Arguments.of(Map.of("q1", " 7 "), Map.of("q1", 7), List.of()),
                Arguments.of(Map.of("q1", "-1"), Map.of(), List.of("q1")),
                Arguments.of(Map.of("q1", "2.5"), Map.of(), List.of("q1")),
                Arguments.of(Map.of("q1", "many", "q2", "4"), Map.of("q2", 4), List.of("q1")),
                Arguments.of(Map.of("q1", "99999999999"), Map.of(), List.of("q1")),
                Arguments.of(Map.of(" ", "1"), Map.of(), List.of(" ")));
    }

    @ParameterizedTest
    @MethodSource("hashes")
    void parseKeepsOnlyCounts(
            Map<String, String> raw, Map<String, Integer> valid, List<String> invalid) {
        Targets.Parsed parsed = Targets.parse(raw);
        assertEquals(valid, parsed.targets());
        assertEquals(invalid, parsed.invalidFields());
    }

    static Stream<Arguments> readings() {
        return Stream.of(
                Arguments.of(
                        Map.of("q", 0),
                        Map.of("q", 1),
                        List.of(new Targets.ActivityChange("q", true))),
                Arguments.of(
                        Map.of(), Map.of("q", 4), List.of(new Targets.ActivityChange("q", true))),
                Arguments.of(Map.of("q", 2), Map.of("q", 5), List.of()),
                Arguments.of(
                        Map.of("q", 2),
                        Map.of("q", 0),
                        List.of(new Targets.ActivityChange("q", false))),
                Arguments.of(
                        Map.of("q", 2), Map.of(), List.of(new Targets.ActivityChange("q", false))),
                Arguments.of(Map.of("q", 0), Map.of(), List.of()),
                Arguments.of(
                        Map.of("a", 0, "b", 1),
                        Map.of("a", 1, "b", 0),
                        List.of(
                                new Targets.ActivityChange("a", true),
                                new Targets.ActivityChange("b", false))));
    }

    @ParameterizedTest
    @MethodSource("readings")
    void transitionsAreActivityChangesOnly(
            Map<String, Integer> before,
            Map<String, Integer> after,
            List<Targets.ActivityChange> expected) {
        assertEquals(expected, Targets.transitions(before, after));
    }

    /** Replaying the reported changes on the old activity gives exactly the new activity. */
    @Test
    void changesCarryOldActivityToNew() {
        Gen<Map<Integer, Integer>> readings =
                maps().of(integers().between(0, 8), integers().between(0, 3)).ofSizeBetween(0, 6);
        qtAtLeast(1000)
                .forAll(readings, readings)
                .checkAssert(
                        (a, b) -> {
                            Map<String, Integer> before = named(a);
                            Map<String, Integer> after = named(b);
                            Map<String, Boolean> activity = new HashMap<>();
                            before.forEach((q, t) -> activity.put(q, t > 0));
                            for (Targets.ActivityChange change :
                                    Targets.transitions(before, after)) {
                                assertEquals(
                                        !change.active(),
                                        activity.getOrDefault(change.queue(), false),
                                        "a change must change something");
                                activity.put(change.queue(), change.active());
                            }
                            for (String q : union(before, after)) {
                                assertEquals(
                                        after.getOrDefault(q, 0) > 0,
                                        activity.getOrDefault(q, false),
                                        q);
                            }
                        });
    }

    private static Map<String, Integer> named(Map<Integer, Integer> m) {
        Map<String, Integer> out = new HashMap<>();
        m.forEach((k, v) -> out.put("q" + k, v));
        return out;
    }

    private static java.util.Set<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }
}
