package io.vazao.policy.it;

import static io.vazao.policy.it.SecurityTableIT.QA;
import static io.vazao.policy.it.SecurityTableIT.QB;
import static io.vazao.policy.it.SecurityTableIT.TOKEN;
import static io.vazao.policy.it.SecurityTableIT.basic;
import static io.vazao.policy.it.SecurityTableIT.bearer;
import static io.vazao.policy.it.SecurityTableIT.enc;
import static io.vazao.policy.it.SecurityTableIT.h;
import static io.vazao.policy.it.SecurityTableIT.origin;
import static io.vazao.policy.it.SecurityTableIT.policy;
import static io.vazao.policy.it.SecurityTableIT.withCookie;

import io.vazao.policy.it.SecurityTableIT.Req;
import io.vazao.policy.it.SecurityTableIT.Row;
import java.util.List;

/** The rows of {@link SecurityTableIT}, by kind of attack. */
final class SecurityRows {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String POLICY_A = "/api/v1/policies/" + QA;
    static final String PAUSE_A = "/api/v1/queues/" + QA + "/pause";

    private SecurityRows() {}

    static List<String> operator(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("Authorization", bearer(TOKEN)));
        all.addAll(List.of(more));
        return all;
    }

    static List<Row> placeholders() {
        return List.of(
                new Row(
                        "anyone",
                        "Bearer REPLACE_ME replaces a policy",
                        new Req(
                                "PUT",
                                POLICY_A,
                                h("Authorization", bearer("REPLACE_ME"), "Content-Type", JSON),
                                policy()),
                        401,
                        null),
                new Row(
                        "anyone",
                        "Bearer dev-only-token pauses",
                        new Req(
                                "POST",
                                PAUSE_A,
                                h("Authorization", bearer("dev-only-token")),
                                null),
                        401,
                        null),
                new Row(
                        "anyone",
                        "Basic vazao:REPLACE_ME deletes a policy",
                        new Req(
                                "DELETE",
                                POLICY_A,
                                h("Authorization", basic("vazao", "REPLACE_ME")),
                                null),
                        401,
                        null),
                new Row(
                        "anyone",
                        "Basic vazao:dev-only-token changes the budget",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                h(
                                        "Authorization",
                                        basic("vazao", "dev-only-token"),
                                        "Content-Type",
                                        JSON),
                                "{\"maxTotalWorkers\":1}"),
                        401,
                        null),
                new Row(
                        "operator",
                        "control: the real token reads the status",
                        new Req("GET", "/api/v1/status", operator(), null),
                        200,
                        null),
                new Row(
                        "anyone",
                        "the real token cut to 31 characters purges",
                        new Req(
                                "POST",
                                "/api/v1/queues/" + QA + "/purge",
                                h("Authorization", bearer(TOKEN.substring(0, 31))),
                                null),
                        401,
                        null),
                new Row(
                        "anyone",
                        "no credentials purges",
                        new Req("POST", "/api/v1/queues/" + QA + "/purge", h(), null),
                        401,
                        null),
                new Row(
                        "anyone",
                        "an invented session cookie pauses",
                        new Req(
                                "POST",
                                PAUSE_A,
                                h(
                                        "Cookie",
                                        "vazao_session=invented",
                                        "Origin",
                                        origin(),
                                        "Content-Type",
                                        JSON),
                                null),
                        401,
                        null));
    }

    static List<Row> crossSite() {
        return List.of(
                new Row(
                        "cross-site page",
                        "form POST pause, foreign Origin",
                        new Req(
                                "POST",
                                PAUSE_A,
                                withCookie("Origin", "http://evil.example", "Content-Type", FORM),
                                "x=1"),
                        403,
                        null),
                new Row(
                        "old browser form",
                        "form POST purge, no Origin, no Sec-Fetch-Site",
                        new Req(
                                "POST",
                                "/api/v1/queues/" + QA + "/purge",
                                withCookie("Content-Type", FORM),
                                "x=1"),
                        403,
                        null),
                new Row(
                        "cross-site page",
                        "JSON PUT policy, foreign Origin",
                        new Req(
                                "PUT",
                                POLICY_A,
                                withCookie("Origin", "http://evil.example", "Content-Type", JSON),
                                policy()),
                        403,
                        null),
                new Row(
                        "cross-site page",
                        "JSON pause, Sec-Fetch-Site cross-site",
                        new Req(
                                "POST",
                                PAUSE_A,
                                withCookie("Sec-Fetch-Site", "cross-site", "Content-Type", JSON),
                                null),
                        403,
                        null),
                new Row(
                        "page on another port",
                        "JSON PATCH, Sec-Fetch-Site same-site",
                        new Req(
                                "PATCH",
                                POLICY_A,
                                withCookie(
                                        "Sec-Fetch-Site",
                                        "same-site",
                                        "Origin",
                                        "http://127.0.0.1:1",
                                        "Content-Type",
                                        JSON),
                                "{\"paused\":true}"),
                        403,
                        null),
                new Row(
                        "page on another port",
                        "JSON DELETE policy, Origin of another port",
                        new Req(
                                "DELETE",
                                POLICY_A,
                                withCookie("Origin", "http://127.0.0.1:1", "Content-Type", JSON),
                                null),
                        403,
                        null),
                new Row(
                        "sibling host name",
                        "JSON DELETE policy, Origin localhost",
                        new Req(
                                "DELETE",
                                POLICY_A,
                                withCookie(
                                        "Origin",
                                        origin().replace("127.0.0.1", "localhost"),
                                        "Content-Type",
                                        JSON),
                                null),
                        403,
                        null),
                new Row(
                        "sandboxed frame",
                        "JSON settings, Origin null",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                withCookie("Origin", "null", "Content-Type", JSON),
                                "{\"maxTotalWorkers\":1}"),
                        403,
                        null),
                new Row(
                        "https page of the same host",
                        "JSON weights, other scheme",
                        new Req(
                                "POST",
                                "/api/queue-weights",
                                withCookie(
                                        "Origin",
                                        origin().replace("http:", "https:"),
                                        "Content-Type",
                                        JSON),
                                "{\"" + QA + "\":0.9,\"" + QB + "\":0.1}"),
                        403,
                        null),
                new Row(
                        "same-origin script",
                        "text/plain resume (simple request)",
                        new Req(
                                "POST",
                                "/api/v1/queues/" + QA + "/resume",
                                withCookie(
                                        "Sec-Fetch-Site",
                                        "same-origin",
                                        "Content-Type",
                                        "text/plain"),
                                "{}"),
                        415,
                        null),
                new Row(
                        "same-origin form",
                        "multipart settings",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                withCookie(
                                        "Origin",
                                        origin(),
                                        "Content-Type",
                                        "multipart/form-data; boundary=x"),
                                "--x--"),
                        415,
                        null),
                new Row(
                        "same-origin",
                        "purge without a content type",
                        new Req(
                                "POST",
                                "/api/v1/queues/" + QA + "/purge",
                                withCookie("Sec-Fetch-Site", "same-origin"),
                                null),
                        415,
                        null),
                new Row(
                        "cross-site page",
                        "signs the operator out",
                        new Req(
                                "DELETE",
                                "/api/v1/session",
                                withCookie("Sec-Fetch-Site", "cross-site", "Content-Type", JSON),
                                null),
                        403,
                        null),
                new Row(
                        "cross-site page",
                        "logs the browser in (login CSRF), foreign Origin",
                        new Req(
                                "POST",
                                "/api/v1/session",
                                h("Origin", "http://evil.example", "Content-Type", JSON),
                                "{\"token\":\"" + TOKEN + "\"}"),
                        403,
                        null),
                new Row(
                        "cross-site page",
                        "logs the browser in, Sec-Fetch-Site cross-site",
                        new Req(
                                "POST",
                                "/api/v1/session",
                                h("Sec-Fetch-Site", "cross-site", "Content-Type", JSON),
                                "{\"token\":\"" + TOKEN + "\"}"),
                        403,
                        null));
    }

    static List<Row> staleWrites() {
        String stale = "\"0000000000000000000000000000000000000000\"";
        return List.of(
                new Row(
                        "operator, stale tab",
                        "PUT policy, stale If-Match",
                        new Req(
                                "PUT",
                                POLICY_A,
                                operator("Content-Type", JSON, "If-Match", stale),
                                policy()),
                        412,
                        null),
                new Row(
                        "operator, stale tab",
                        "PATCH policy, weak If-Match",
                        new Req(
                                "PATCH",
                                POLICY_A,
                                operator("Content-Type", JSON, "If-Match", "W/" + stale),
                                "{\"maxWorkers\":2}"),
                        412,
                        null),
                new Row(
                        "operator, stale tab",
                        "DELETE policy, stale If-Match",
                        new Req("DELETE", POLICY_A, operator("If-Match", stale), null),
                        412,
                        null),
                new Row(
                        "operator, stale tab",
                        "pause, stale If-Match",
                        new Req("POST", PAUSE_A, operator("If-Match", stale), null),
                        412,
                        null),
                new Row(
                        "operator, stale tab",
                        "resume, stale If-Match",
                        new Req(
                                "POST",
                                "/api/v1/queues/" + QA + "/resume",
                                operator("If-Match", stale),
                                null),
                        412,
                        null),
                new Row(
                        "operator, stale tab",
                        "settings, stale If-Match",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                operator("Content-Type", JSON, "If-Match", stale),
                                "{\"maxTotalWorkers\":3}"),
                        412,
                        null),
                new Row(
                        "operator",
                        "If-Match * on a policy that does not exist",
                        new Req(
                                "PUT",
                                "/api/v1/policies/t-sec-none",
                                operator("Content-Type", JSON, "If-Match", "*"),
                                policy()),
                        412,
                        null));
    }

    static List<Row> redirects() {
        String body = "{\"token\":\"" + TOKEN + "\"}";
        return List.of(
                        "//evil.example",
                        "/\\evil.example",
                        "/%5Cevil.example",
                        "https://evil.example/",
                        "/%2F%2Fevil.example",
                        "javascript:alert(1)",
                        "/\t/evil.example")
                .stream()
                .map(
                        next ->
                                new Row(
                                        "phishing link",
                                        "login?next=" + next.replace("\t", "\\t"),
                                        new Req(
                                                "POST",
                                                "/api/v1/session?next=" + enc(next),
                                                h("Content-Type", JSON),
                                                body),
                                        200,
                                        "/"))
                .toList();
    }

    static List<Row> bodies() {
        return List.of(
                new Row(
                        "operator script",
                        "70 KB policy",
                        new Req(
                                "PUT",
                                POLICY_A,
                                operator("Content-Type", JSON),
                                "{\"weight\":0.5,\"minWorkers\":0,\"maxWorkers\":3,\"x\":\""
                                        + "a".repeat(70_000)
                                        + "\"}"),
                        413,
                        null),
                new Row(
                        "operator script",
                        "truncated JSON",
                        new Req("PUT", POLICY_A, operator("Content-Type", JSON), "{\"weight\":"),
                        400,
                        null),
                new Row(
                        "operator script",
                        "duplicate keys",
                        new Req(
                                "PUT",
                                POLICY_A,
                                operator("Content-Type", JSON),
                                "{\"weight\":0.5,\"weight\":0.9,\"minWorkers\":0,\"maxWorkers\":3}"),
                        400,
                        null),
                new Row(
                        "operator script",
                        "array instead of object",
                        new Req("PUT", POLICY_A, operator("Content-Type", JSON), "[1,2]"),
                        400,
                        null),
                new Row(
                        "operator script",
                        "trailing garbage",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                operator("Content-Type", JSON),
                                "{\"maxTotalWorkers\":3} x"),
                        400,
                        null),
                new Row(
                        "operator script",
                        "policy as text/plain",
                        new Req("PUT", POLICY_A, operator("Content-Type", "text/plain"), policy()),
                        415,
                        null),
                new Row(
                        "operator script",
                        "unknown field in PATCH",
                        new Req(
                                "PATCH",
                                POLICY_A,
                                operator("Content-Type", JSON),
                                "{\"turbo\":true}"),
                        400,
                        null),
                new Row(
                        "operator script",
                        "heartbeat timeout under 2 heartbeats",
                        new Req(
                                "PUT",
                                "/api/v1/settings",
                                operator("Content-Type", JSON),
                                "{\"heartbeatTimeoutMillis\":3000}"),
                        400,
                        null));
    }

    static List<Row> paths() {
        String long201 = "a".repeat(201);
        return List.of(
                new Row(
                        "operator script",
                        "queue ../../settings (encoded slashes)",
                        new Req(
                                "PUT",
                                "/api/v1/policies/..%2F..%2Fsettings",
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "queue * (a SCAN pattern)",
                        new Req(
                                "PUT",
                                "/api/v1/policies/%2A",
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "queue with NUL",
                        new Req(
                                "PUT",
                                "/api/v1/policies/a%00b",
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "queue with a key separator",
                        new Req(
                                "PUT",
                                "/api/v1/policies/x%3Asettings",
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "queue starting with a dash",
                        new Req(
                                "PUT",
                                "/api/v1/policies/-x",
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "queue of 201 characters",
                        new Req(
                                "PUT",
                                "/api/v1/policies/" + long201,
                                operator("Content-Type", JSON),
                                policy()),
                        400,
                        null),
                new Row(
                        "operator script",
                        "pause queue %2E%2E",
                        new Req("POST", "/api/v1/queues/%2E%2E/pause", operator(), null),
                        404,
                        null),
                new Row(
                        "operator script",
                        "delete queue *",
                        new Req("DELETE", "/api/v1/policies/%2A", operator(), null),
                        404,
                        null));
    }

    static List<Row> throttling() {
        String wrong = "wrong-" + TOKEN;
        return List.of(
                new Row(
                        "guesser",
                        "wrong bearer 1",
                        new Req("GET", "/api/v1/status", h("Authorization", bearer(wrong)), null),
                        401,
                        null),
                new Row(
                        "guesser",
                        "wrong basic 2",
                        new Req(
                                "GET",
                                "/api/v1/status",
                                h("Authorization", basic("vazao", wrong)),
                                null),
                        401,
                        null),
                new Row(
                        "guesser",
                        "wrong login 3",
                        new Req(
                                "POST",
                                "/api/v1/session",
                                h("Content-Type", JSON),
                                "{\"token\":\"" + wrong + "\"}"),
                        401,
                        null),
                new Row(
                        "guesser",
                        "wrong bearer 4",
                        new Req(
                                "GET",
                                "/api/v1/policies",
                                h("Authorization", bearer(wrong + "4")),
                                null),
                        401,
                        null),
                new Row(
                        "guesser",
                        "wrong bearer 5 (the limit)",
                        new Req(
                                "GET",
                                "/api/v1/policies",
                                h("Authorization", bearer(wrong + "5")),
                                null),
                        401,
                        null),
                new Row(
                        "guesser",
                        "then the right token: refused",
                        new Req("PUT", POLICY_A, operator("Content-Type", JSON), policy()),
                        429,
                        null),
                new Row(
                        "guesser",
                        "then a right login: refused",
                        new Req(
                                "POST",
                                "/api/v1/session",
                                h("Content-Type", JSON),
                                "{\"token\":\"" + TOKEN + "\"}"),
                        429,
                        null),
                new Row(
                        "same client's browser",
                        "cookie pause while throttled",
                        new Req(
                                "POST",
                                PAUSE_A,
                                withCookie("Sec-Fetch-Site", "same-origin", "Content-Type", JSON),
                                null),
                        429,
                        null));
    }
}
