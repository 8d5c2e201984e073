package io.vazao.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vazao.functions.http.HttpFunctionsAccess.Decision;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpFunctionsAccessTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef-fn";

    record Row(String name, boolean enabled, String path, String authorization, Decision expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row(
                        "off: function is not found",
                        false,
                        "/processOrder",
                        null,
                        Decision.NOT_FOUND),
                new Row(
                        "off: even with a token",
                        false,
                        "/processPayment",
                        "Bearer " + TOKEN,
                        Decision.NOT_FOUND),
                new Row("off: metrics served", false, "/q/metrics", null, Decision.PASS),
                new Row("off: health served", false, "/q/health/ready", null, Decision.PASS),
                new Row("on: no credentials", true, "/processOrder", null, Decision.UNAUTHORIZED),
                new Row(
                        "on: wrong token",
                        true,
                        "/processOrder",
                        "Bearer x" + TOKEN,
                        Decision.UNAUTHORIZED),
                new Row(
                        "on: basic instead of bearer",
                        true,
                        "/processOrder",
                        "Basic " + TOKEN,
                        Decision.UNAUTHORIZED),
                new Row("on: right token", true, "/processOrder", "Bearer " + TOKEN, Decision.PASS),
                new Row(
                        "on: scheme in lower case",
                        true,
                        "/processPayment",
                        "bearer " + TOKEN,
                        Decision.PASS),
                new Row(
                        "on: /q-lookalike is a function path",
                        true,
                        "/qx",
                        null,
                        Decision.UNAUTHORIZED),
                new Row("on: health needs nothing", true, "/q/health", null, Decision.PASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        HttpFunctionsAccess access = HttpFunctionsAccess.of(row.enabled(), Optional.of(TOKEN));
        assertThat(access.decide(row.path(), row.authorization())).isEqualTo(row.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "REPLACE_ME", "dev-only-token", "short-token-31-characters-long!"})
    void turningThemOnWithAWeakTokenIsRefused(String token) {
        assertThatThrownBy(() -> HttpFunctionsAccess.of(true, Optional.of(token)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl rand -hex 32");
    }
}
