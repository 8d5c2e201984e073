package io.vazao.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafeRedirectTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("/", "/"),
                Arguments.of("/index.html", "/index.html"),
                Arguments.of("/app/x?y=1#z", "/app/x?y=1#z"),
                Arguments.of("/a%20b", "/a%20b"),
                Arguments.of(null, "/"),
                Arguments.of("", "/"),
                Arguments.of("index.html", "/"),
                Arguments.of("//evil.example", "/"),
                Arguments.of("///evil.example", "/"),
                Arguments.of("/\\evil.example", "/"),
                Arguments.of("\\\\evil.example", "/"),
                Arguments.of("/%5Cevil.example", "/"),
                Arguments.of("/%5cevil.example", "/"),
                Arguments.of("/%2F/evil.example", "/"),
                Arguments.of("/%2f%2fevil.example", "/"),
                Arguments.of("https://evil.example/", "/"),
                Arguments.of("javascript:alert(1)", "/"),
                Arguments.of("/\tevil.example", "/"),
                Arguments.of("/\n/evil.example", "/"),
                Arguments.of("/ /evil.example", "/"),
                Arguments.of("/%", "/"),
                Arguments.of("/" + "a".repeat(2_001), "/"));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void onlySameOriginPaths(String next, String expected) {
        assertEquals(expected, SafeRedirect.target(next));
    }
}
