package io.vazao.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each overlay renders, and every object in it passes every check. */
class OverlaysTest {

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(
                Kustomize.available(),
                "kubectl is not installed: the manifest checks need `kubectl kustomize` "
                        + "(CI installs it from .ci/setup.d/packages)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayPassesEveryCheck(String overlay) {
        passesEveryCheckIn(
                overlay, ManifestChecks.render(Repo.resolve("k8s/overlays/" + overlay)), "vazao");
    }

    /** The overlays as a user deploys them elsewhere: the same files with another `namespace:`. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayInAnotherNamespacePassesEveryCheck(String overlay, @TempDir Path copy)
            throws IOException {
        String namespace = "team-b";
        for (String tree : List.of("k8s", "keda")) {
            copyTree(Repo.resolve(tree), copy.resolve(tree));
        }
        Path kustomization = copy.resolve("k8s/overlays/" + overlay + "/kustomization.yaml");
        String original = Files.readString(kustomization);
        String moved = original.replaceFirst("(?m)^namespace: vazao$", "namespace: " + namespace);
        assertTrue(
                !moved.equals(original),
                "the overlay sets `namespace: vazao` on a line of its own");
        Files.writeString(kustomization, moved);

        Manifest manifest = ManifestChecks.render(kustomization.getParent());
        passesEveryCheckIn(overlay + " in " + namespace, manifest, namespace);
        assertTrue(
                manifest.find("Namespace", "", namespace).isPresent(),
                "the Namespace object follows");
    }

    private static void passesEveryCheckIn(String overlay, Manifest manifest, String namespace) {
        List<Violation> violations = ManifestChecks.check(manifest);
        assertEquals(
                List.of(),
                violations,
                () ->
                        overlay
                                + ":\n"
                                + violations.stream()
                                        .map(Violation::toString)
                                        .collect(Collectors.joining("\n")));

        // What must be there, whatever the overlay.
        Set<String> kinds =
                manifest.objects().stream()
                        .map(Manifest::kind)
                        .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(
                kinds.containsAll(
                        Set.of(
                                "Namespace",
                                "Deployment",
                                "Service",
                                "ServiceAccount",
                                "ConfigMap",
                                "Secret",
                                "PodDisruptionBudget",
                                "NetworkPolicy",
                                "ScaledObject",
                                "TriggerAuthentication")),
                kinds::toString);
        Set<String> scaled =
                manifest.ofKind("ScaledObject")
                        .map(so -> so.at("/spec/triggers/0/metadata/queue").asText())
                        .collect(Collectors.toSet());
        assertEquals(
                Topology.SEED_QUEUES.stream()
                        .map(Topology.QueueSpec::queue)
                        .collect(Collectors.toSet()),
                scaled);
        assertTrue(
                manifest.objects().stream()
                        .allMatch(
                                o ->
                                        Manifest.kind(o).equals("Namespace")
                                                || namespace.equals(Manifest.namespace(o))),
                "every namespaced object is in namespace " + namespace);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void devRunsTheBrokersInTheClusterWithTheirPlugins() {
        Manifest dev = ManifestChecks.render(Repo.resolve("k8s/overlays/dev"));
        assertTrue(dev.find("Deployment", "vazao", "rabbitmq").isPresent());
        assertTrue(dev.find("Deployment", "vazao", "redis").isPresent());
        String plugins =
                dev.ofKind("ConfigMap")
                        .map(c -> c.path("data").path("enabled_plugins").asText(""))
                        .filter(s -> !s.isEmpty())
                        .findFirst()
                        .orElse("");
        assertTrue(
                plugins.contains("rabbitmq_management") && plugins.contains("rabbitmq_prometheus"),
                plugins);
    }

    @Test
    void prodRunsNoBrokerAndPointsAtExternalEndpoints() {
        Manifest prod = ManifestChecks.render(Repo.resolve("k8s/overlays/prod"));
        List<String> images =
                prod.ofKind("Deployment")
                        .flatMap(d -> Manifest.items(d.at("/spec/template/spec/containers")))
                        .map(c -> c.path("image").asText())
                        .toList();
        assertTrue(
                images.stream().allMatch(i -> i.contains("vazao/")),
                "only vazao images in prod: " + images);
        JsonNode config =
                prod.ofKind("ConfigMap")
                        .filter(c -> Manifest.name(c).startsWith("vazao-config"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                config.at("/data/RABBITMQ_HOST").asText().contains("."), "external RabbitMQ host");
        assertTrue(
                config.at("/data/QUARKUS_REDIS_HOSTS").asText().contains("."),
                "external Redis host");
        assertTrue(
                prod.ofKind("PodMonitor").count() >= 2, "PodMonitors for the Prometheus Operator");
        JsonNode policyService =
                prod.find("Deployment", "vazao", CrossChecks.POLICY_SERVICE).orElseThrow();
        assertEquals(
                2,
                policyService.at("/spec/replicas").asInt(),
                "prod runs two policy-service replicas (one leads)");
        assertTrue(
                prod.ofKind("PodDisruptionBudget")
                        .anyMatch(p -> Manifest.name(p).equals(CrossChecks.POLICY_SERVICE)),
                "a PodDisruptionBudget for the policy service");
    }
}
