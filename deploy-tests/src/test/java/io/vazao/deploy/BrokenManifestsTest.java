package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks can fail: each fixture under {@code src/test/resources/broken/} is the dev overlay
 * with one fault put in on purpose, and names (in its {@code expect} file) the check that must
 * catch it. The clean overlay passes (OverlaysTest), so each violation is the fault's doing.
 */
class BrokenManifestsTest {

    static final Path FIXTURES = Repo.resolve("deploy-tests/src/test/resources/broken");

    /** Rendered fixtures: kubectl runs are the slow part, so they run a few at a time up front. */
    static final Map<String, Future<Manifest>> RENDERED = new ConcurrentHashMap<>();

    static ExecutorService renderers;

    @BeforeAll
    static void needsKubectlAndRendersEveryFixture() throws IOException {
        assumeTrue(
                Kustomize.available(),
                "kubectl is not installed: the manifest checks need `kubectl kustomize`");
        renderers = Executors.newFixedThreadPool(3);
        for (String fixture : fixtures().toList()) {
            RENDERED.put(
                    fixture,
                    renderers.submit(() -> ManifestChecks.render(FIXTURES.resolve(fixture))));
        }
    }

    @AfterAll
    static void stopRenderers() {
        if (renderers != null) {
            renderers.shutdownNow();
        }
    }

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            return dirs
                    .filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFaultIsCaughtByItsCheck(String fixture) throws IOException {
        String expected = Files.readString(FIXTURES.resolve(fixture).resolve("expect")).trim();
        List<Violation> violations = ManifestChecks.check(rendered(fixture));
        System.out.printf(
                "broken fixture=%s expected=%s fired=%s%n",
                fixture,
                expected,
                violations.stream()
                        .map(Violation::check)
                        .collect(Collectors.toCollection(TreeSet::new)));
        assertFalse(violations.isEmpty(), fixture + ": no check fired");
        assertTrue(
                violations.stream().anyMatch(v -> v.check().equals(expected)),
                () ->
                        fixture
                                + ": expected check '"
                                + expected
                                + "', got:\n"
                                + violations.stream()
                                        .map(Violation::toString)
                                        .collect(Collectors.joining("\n")));
    }

    private static Manifest rendered(String fixture) {
        try {
            return RENDERED.get(fixture).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(fixture + " did not render", e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(fixture + " did not render", e);
        }
    }

    /** Every check the code has is exercised by at least one fixture. */
    @Test
    void everyCheckHasAFixture() throws IOException {
        Set<String> covered =
                fixtures()
                        .map(
                                f -> {
                                    try {
                                        return Files.readString(
                                                        FIXTURES.resolve(f).resolve("expect"))
                                                .trim();
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                })
                        .collect(Collectors.toCollection(TreeSet::new));
        Set<String> checks =
                new TreeSet<>(
                        Set.of(
                                "scaledobject-target",
                                "trigger-queue",
                                "scaler-address",
                                "scaler-ready",
                                "secret-ref",
                                "configmap-ref",
                                "limits",
                                "probes",
                                "non-root",
                                "schema-core",
                                "schema-keda",
                                "grace-period",
                                "replica-bounds",
                                "budget-cap",
                                "triggers",
                                "fallback",
                                "auth-ref",
                                "hpa-behavior",
                                "serviceaccount-ref",
                                "scrape",
                                "network-keda",
                                "default-deny",
                                "pdb",
                                "placeholder-secrets",
                                "formula-guard",
                                "no-replicas",
                                "namespace",
                                "redis-secret"));
        assertEquals(checks, covered);
    }
}
