package io.vazao.deploy;

import static io.vazao.deploy.Manifest.at;
import static io.vazao.deploy.Manifest.id;
import static io.vazao.deploy.Manifest.items;
import static io.vazao.deploy.Manifest.name;
import static io.vazao.deploy.Manifest.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rules that keep the policy authoritative on a real cluster: formulas that still give a number
 * when triggers fail, scaled Deployments that `kubectl apply` cannot reset, in-cluster addresses
 * that follow the namespace, and Redis credentials kept in a Secret.
 */
final class AuthorityChecks {

    static final String REDIS_PASSWORD_ENV = "QUARKUS_REDIS_PASSWORD";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** {@code <service>.<namespace>.svc[.cluster.local]} inside a URL or address. */
    private static final Pattern CLUSTER_ADDRESS =
            Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\b");

    private static final Pattern URL_CREDENTIALS = Pattern.compile("rediss?://[^/\\s]*@");

    private final Manifest m;
    private final List<Violation> out = new ArrayList<>();

    private AuthorityChecks(Manifest manifest) {
        this.m = manifest;
    }

    static List<Violation> check(Manifest manifest) {
        AuthorityChecks c = new AuthorityChecks(manifest);
        for (JsonNode so : manifest.ofKind("ScaledObject").toList()) {
            c.formulaGuard(so);
            c.noReplicas(so);
            items(at(so, "spec", "triggers"))
                    .forEach(
                            t ->
                                    t.path("metadata")
                                            .fields()
                                            .forEachRemaining(
                                                    e ->
                                                            c.addressNamespace(
                                                                    so, e.getValue().asText())));
        }
        manifest.ofKind("Secret")
                .forEach(
                        s ->
                                CrossChecks.secretValues(s)
                                        .values()
                                        .forEach(v -> c.addressNamespace(s, v)));
        manifest.ofKind("ConfigMap")
                .forEach(
                        cm ->
                                cm.path("data")
                                        .fields()
                                        .forEachRemaining(
                                                e ->
                                                        c.addressNamespace(
                                                                cm, e.getValue().asText())));
        c.redisCredentials();
        return c.out;
    }

    /** The trigger names a formula uses that are not immediately followed by {@code ??}. */
    static Set<String> unguarded(String formula, Set<String> triggers) {
        Set<String> out = new TreeSet<>();
        Matcher word = IDENTIFIER.matcher(formula);
        while (word.find()) {
            if (triggers.contains(word.group())
                    && !formula.substring(word.end()).stripLeading().startsWith("??")) {
                out.add(word.group());
            }
        }
        return out;
    }

    private void formulaGuard(JsonNode so) {
        String formula = at(so, "spec", "advanced", "scalingModifiers", "formula").asText("");
        Set<String> triggers =
                items(at(so, "spec", "triggers"))
                        .map(t -> t.path("name").asText())
                        .collect(Collectors.toSet());
        Set<String> bare = unguarded(formula, triggers);
        if (!bare.isEmpty()) {
            out.add(
                    new Violation(
                            "formula-guard",
                            id(so),
                            "triggers "
                                    + bare
                                    + " are used without `??`: a failed "
                                    + "trigger is nil, arithmetic on nil fails the whole formula and KEDA gets no metric; formula '"
                                    + formula
                                    + "'"));
        }
    }

    private void noReplicas(JsonNode so) {
        JsonNode ref = at(so, "spec", "scaleTargetRef");
        Optional<JsonNode> target =
                m.find(
                        ref.path("kind").asText("Deployment"),
                        namespace(so),
                        ref.path("name").asText());
        if (target.isPresent() && at(target.get(), "spec").has("replicas")) {
            out.add(
                    new Violation(
                            "no-replicas",
                            id(target.get()),
                            "scaled by "
                                    + name(so)
                                    + ": spec.replicas would reset "
                                    + "the workers on every kubectl apply; leave it to KEDA"));
        }
    }

    /** An in-cluster address of one of our Services must name the namespace the objects are in. */
    private void addressNamespace(JsonNode object, String value) {
        Matcher address = CLUSTER_ADDRESS.matcher(value);
        while (address.find()) {
            String service = address.group(1);
            String ns = address.group(2);
            boolean ours = m.ofKind("Service").anyMatch(s -> name(s).equals(service));
            if (ours && !ns.equals(namespace(object))) {
                out.add(
                        new Violation(
                                "namespace",
                                id(object),
                                "'"
                                        + value
                                        + "' names namespace "
                                        + ns
                                        + ", but the "
                                        + "objects are in "
                                        + namespace(object)
                                        + ": set the overlay's namespace (its replacements "
                                        + "move the addresses with it)"));
            }
        }
    }

    private void redisCredentials() {
        m.ofKind("ConfigMap")
                .forEach(
                        cm ->
                                cm.path("data")
                                        .fields()
                                        .forEachRemaining(
                                                e -> {
                                                    if (URL_CREDENTIALS
                                                            .matcher(e.getValue().asText())
                                                            .find()) {
                                                        out.add(
                                                                new Violation(
                                                                        "redis-secret",
                                                                        id(cm),
                                                                        "key "
                                                                                + e.getKey()
                                                                                + " carries Redis credentials in a "
                                                                                + "URL: put the password in the Secret and read it into "
                                                                                + REDIS_PASSWORD_ENV));
                                                    }
                                                }));
        for (JsonNode d : m.ofKind("Deployment").toList()) {
            for (JsonNode c : CrossChecks.containers(d)) {
                if (!CrossChecks.isVazao(c)) {
                    continue;
                }
                boolean fromSecret =
                        items(c.path("env"))
                                .anyMatch(
                                        e ->
                                                REDIS_PASSWORD_ENV.equals(e.path("name").asText())
                                                        && !e.at("/valueFrom/secretKeyRef/name")
                                                                .asText()
                                                                .isEmpty());
                if (!fromSecret) {
                    out.add(
                            new Violation(
                                    "redis-secret",
                                    id(d),
                                    "container "
                                            + c.path("name").asText()
                                            + " must read "
                                            + REDIS_PASSWORD_ENV
                                            + " from a Secret (secretKeyRef)"));
                }
            }
        }
    }
}
