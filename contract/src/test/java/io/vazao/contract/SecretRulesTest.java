package io.vazao.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretRulesTest {

    record Row(String secret, boolean refused) {}

    static Stream<Row> rows() {
        return Stream.of(
                new Row(null, true),
                new Row("", true),
                new Row("   ", true),
                new Row("REPLACE_ME", true),
                new Row("replace_me", true),
                new Row(" dev-only-token ", true),
                new Row("dev-only-password", true),
                new Row("a".repeat(31), true),
                new Row("a".repeat(32), false),
                new Row("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void refusesShippedAndShortSecrets(Row row) {
        Optional<String> why = SecretRules.weakness(row.secret());
        assertEquals(row.refused(), why.isPresent(), String.valueOf(why));
    }
}
