package io.vazao.policy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CrossSiteCheckTest {

    static final String JSON = "application/json";
    static final String HOST = "127.0.0.1:8080";

    /** expected: 0 = allowed, else the status of the refusal. */
    record Row(
            String name,
            String method,
            String contentType,
            String fetchSite,
            String origin,
            String host,
            int expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("GET needs nothing", "GET", null, null, null, HOST, 0),
                new Row(
                        "HEAD needs nothing",
                        "HEAD",
                        null,
                        "cross-site",
                        "http://evil.example",
                        HOST,
                        0),
                new Row("same-origin fetch, JSON", "POST", JSON, "same-origin", null, HOST, 0),
                new Row(
                        "same-origin fetch, JSON with charset",
                        "PUT",
                        JSON + "; charset=utf-8",
                        "same-origin",
                        null,
                        HOST,
                        0),
                new Row(
                        "matching Origin, JSON",
                        "POST",
                        JSON,
                        null,
                        "http://127.0.0.1:8080",
                        HOST,
                        0),
                new Row(
                        "matching Origin, default port",
                        "DELETE",
                        JSON,
                        null,
                        "http://vazao.example",
                        "vazao.example:80",
                        0),
                new Row(
                        "matching Origin, host case",
                        "PATCH",
                        JSON,
                        null,
                        "http://VAZAO.example:8080",
                        "vazao.example:8080",
                        0),
                new Row(
                        "cross-site fetch",
                        "POST",
                        JSON,
                        "cross-site",
                        "http://evil.example",
                        HOST,
                        403),
                new Row(
                        "same-site (sibling port or subdomain)",
                        "POST",
                        JSON,
                        "same-site",
                        "http://127.0.0.1:9999",
                        HOST,
                        403),
                new Row("user-initiated (none)", "POST", JSON, "none", null, HOST, 403),
                new Row("foreign Origin", "POST", JSON, null, "http://evil.example", HOST, 403),
                new Row(
                        "other port on the same host",
                        "POST",
                        JSON,
                        null,
                        "http://127.0.0.1:9999",
                        HOST,
                        403),
                new Row("other scheme", "POST", JSON, null, "https://127.0.0.1:8080", HOST, 403),
                new Row("opaque Origin null", "POST", JSON, null, "null", HOST, 403),
                new Row(
                        "Origin with a path",
                        "POST",
                        JSON,
                        null,
                        "http://127.0.0.1:8080/x",
                        HOST,
                        403),
                new Row(
                        "Origin with user info",
                        "POST",
                        JSON,
                        null,
                        "http://a@127.0.0.1:8080",
                        HOST,
                        403),
                new Row("no Origin, no Sec-Fetch-Site", "POST", JSON, null, null, HOST, 403),
                new Row("no Host", "POST", JSON, null, "http://127.0.0.1:8080", null, 403),
                new Row(
                        "same-origin but form encoded",
                        "POST",
                        "application/x-www-form-urlencoded",
                        "same-origin",
                        null,
                        HOST,
                        415),
                new Row(
                        "same-origin but text/plain",
                        "POST",
                        "text/plain",
                        null,
                        "http://127.0.0.1:8080",
                        HOST,
                        415),
                new Row(
                        "same-origin but no content type",
                        "POST",
                        null,
                        "same-origin",
                        null,
                        HOST,
                        415),
                new Row(
                        "Sec-Fetch-Site wins over a matching Origin",
                        "POST",
                        JSON,
                        "cross-site",
                        "http://127.0.0.1:8080",
                        HOST,
                        403));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        int status =
                CrossSiteCheck.cookieRequest(
                                row.method(),
                                row.contentType(),
                                row.fetchSite(),
                                row.origin(),
                                "http",
                                row.host())
                        .map(CrossSiteCheck.Refusal::status)
                        .orElse(0);
        assertEquals(row.expected(), status);
    }
}
