package io.vazao.dashboard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Without credentials the dashboard page, its assets and the API answer 401; with them, 200. */
@ExtendWith(RunningSystemExtension.class)
class UnauthenticatedAccessTest {

    private static final String[] GUARDED = {
        "/",
        "/index.html",
        "/app/dashboard.js",
        "/app/dashboard.css",
        "/app/vendor/uplot/uPlot.iife.min.js",
        "/api/v1/status",
        "/api/v1/status/stream",
        "/api/v1/events",
        "/api/v1/events/stream",
        "/api/v1/workers",
        "/api/v1/policies",
        "/api/v1/settings"
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/",
                "/index.html",
                "/app/dashboard.js",
                "/app/dashboard.css",
                "/app/vendor/uplot/uPlot.iife.min.js",
                "/api/v1/status",
                "/api/v1/status/stream",
                "/api/v1/events",
                "/api/v1/events/stream",
                "/api/v1/workers",
                "/api/v1/policies",
                "/api/v1/settings"
            })
    void noCredentialsIs401(String path, RunningSystem system) {
        assertEquals(401, Http.statusOf(system.baseUrl + path));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/app/dashboard.js", "/api/v1/status"})
    void wrongCredentialsAre401(String path, RunningSystem system) {
        String url = system.baseUrl + path;
        assertEquals(401, Http.statusOf(url, "Authorization", "Bearer not-the-token"));
        assertEquals(401, Http.statusOf(url, "Authorization", basic("vazao", "not-the-token")));
        assertEquals(401, Http.statusOf(url, "Cookie", "vazao_session=forged"));
    }

    @Test
    void aBrowserWithoutASessionIsPointedAtTheLoginPage(RunningSystem system) {
        Http.Reply page = Http.get(system.baseUrl + "/", "Accept", "text/html");
        assertEquals(401, page.status());
        assertTrue(page.body().contains("/login.html?next=%2F"), page.body());
        assertTrue(
                page.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/login.html", "/assets/login.js", "/assets/base.css"})
    void theLoginPageIsPublic(String path, RunningSystem system) {
        assertEquals(200, Http.get(system.baseUrl + path).status());
    }

    @Test
    void aMutationWithoutCredentialsWritesNothing(RunningSystem system) {
        double before = system.policyOf(system.queueB).path("weight").asDouble();
        Http.Reply r =
                Http.send(
                        "PATCH",
                        system.baseUrl + "/api/v1/policies/" + system.queueB,
                        "{\"weight\": 9}",
                        "Content-Type",
                        "application/json");
        assertEquals(401, r.status());
        assertEquals(before, system.policyOf(system.queueB).path("weight").asDouble());
    }

    @Test
    void tokenBasicAndSessionCookieOpenThePageAndTheApi(RunningSystem system) {
        for (String path : GUARDED) {
            if (path.endsWith("/stream")) {
                assertEquals(
                        200,
                        Http.statusOf(system.baseUrl + path, "Authorization", system.bearer()),
                        path);
            } else {
                assertEquals(
                        200,
                        Http.get(system.baseUrl + path, "Authorization", system.bearer()).status(),
                        path);
            }
        }
        assertEquals(
                200,
                Http.get(system.baseUrl + "/", "Authorization", basic("vazao", system.token))
                        .status());

        Http.Reply login =
                Http.send(
                        "POST",
                        system.baseUrl + "/api/v1/session",
                        "{\"token\": \"" + system.token + "\"}",
                        "Content-Type",
                        "application/json");
        assertTrue(login.status() / 100 == 2, login.status() + " " + login.body());
        String cookie = sessionCookie(login.raw());
        Http.Reply page = Http.get(system.baseUrl + "/", "Cookie", cookie);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>vazao</title>"));
        assertEquals(
                200, Http.get(system.baseUrl + "/app/dashboard.js", "Cookie", cookie).status());
        assertEquals(200, Http.get(system.baseUrl + "/api/v1/status", "Cookie", cookie).status());
        assertEquals(
                200, Http.statusOf(system.baseUrl + "/api/v1/events/stream", "Cookie", cookie));

        Http.Reply wrongLogin =
                Http.send(
                        "POST",
                        system.baseUrl + "/api/v1/session",
                        "{\"token\": \"not-the-token\"}",
                        "Content-Type",
                        "application/json");
        assertEquals(401, wrongLogin.status());
    }

    static String sessionCookie(HttpResponse<String> login) {
        return login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("vazao_session="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(
                        () ->
                                new AssertionError(
                                        "no vazao_session cookie in " + login.headers().map()));
    }

    private static String basic(String user, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
