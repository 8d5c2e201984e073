package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which trigger names a scaling-modifiers formula uses without a {@code ??} guard. */
class FormulaGuardTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "policy ?? min((backlog ?? 800) / 200, 4)  | ''",
                "policy ?? min(backlog / 200, 4)           | backlog",
                "policy / 2                                | policy",
                "min(policy, backlog)                      | backlog policy",
                "policy??min((backlog??800)/200,4)         | ''",
                "policyX ?? backlogs / 2                   | ''",
                "backlog > 0 ? policy ?? 1 : 0             | backlog"
            })
    void unguardedTriggers(String formula, String expected) {
        Set<String> want =
                new TreeSet<>(
                        Arrays.stream(expected.split(" ")).filter(s -> !s.isBlank()).toList());
        assertEquals(want, AuthorityChecks.unguarded(formula, Set.of("policy", "backlog")));
    }
}
