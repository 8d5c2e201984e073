package io.vazao.deploy;

import static io.vazao.deploy.Manifest.at;
import static io.vazao.deploy.Manifest.id;
import static io.vazao.deploy.Manifest.items;
import static io.vazao.deploy.Manifest.name;
import static io.vazao.deploy.Manifest.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.vazao.contract.Policy;
import io.vazao.contract.Settings;
import io.vazao.contract.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules that span objects, and the house rules every container follows. Each rule has a check
 * id; the broken fixtures each trip one of them.
 */
final class CrossChecks {

    static final String POLICY_SERVICE = "vazao-policy-service";
    static final String GRPC_PORT_NAME = "grpc";
    static final String PLACEHOLDER = "REPLACE_ME";
    static final String DEV_ONLY = "dev-only-";

    /**
     * {@code min((backlog ?? 800) / 200, 4)}: the backlog rule, its value when unknown, and its
     * cap.
     */
    private static final Pattern BACKLOG_RULE =
            Pattern.compile(
                    "min\\(\\s*\\(\\s*backlog\\s*\\?\\?\\s*(\\d+)\\s*\\)\\s*/\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");

    private final Manifest m;
    private final List<Violation> out = new ArrayList<>();

    private CrossChecks(Manifest manifest) {
        this.m = manifest;
    }

    static List<Violation> check(Manifest manifest) {
        CrossChecks c = new CrossChecks(manifest);
        c.scaledObjects();
        c.workloads();
        c.references();
        c.secretsArePlaceholders();
        c.networkPolicies();
        return c.out;
    }

    private void fail(String check, JsonNode object, String message) {
        out.add(new Violation(check, id(object), message));
    }

    // --- KEDA ---------------------------------------------------------------------------------

    private void scaledObjects() {
        Set<String> scaledQueues = new TreeSet<>();
        int capSum = 0;
        for (JsonNode so : m.ofKind("ScaledObject").toList()) {
            String ns = namespace(so);
            JsonNode target = at(so, "spec", "scaleTargetRef");
            String targetKind = target.path("kind").asText("Deployment");
            Optional<JsonNode> deployment = m.find(targetKind, ns, target.path("name").asText());
            if (deployment.isEmpty()) {
                fail(
                        "scaledobject-target",
                        so,
                        "scaleTargetRef "
                                + targetKind
                                + "/"
                                + target.path("name").asText()
                                + " does not exist in namespace "
                                + ns);
            }

            Map<String, JsonNode> triggers = new HashMap<>();
            items(at(so, "spec", "triggers"))
                    .forEach(t -> triggers.put(t.path("name").asText(), t));
            JsonNode policy = triggers.get("policy");
            JsonNode backlog = triggers.get("backlog");
            if (triggers.size() != 2
                    || policy == null
                    || backlog == null
                    || !"external-push".equals(policy.path("type").asText())
                    || !"rabbitmq".equals(backlog.path("type").asText())) {
                fail(
                        "triggers",
                        so,
                        "needs exactly two triggers: 'policy' (external-push) and 'backlog' (rabbitmq); has "
                                + triggers.keySet());
                continue;
            }
            JsonNode bm = backlog.path("metadata");
            if (!"http".equals(bm.path("protocol").asText())
                    || !"QueueLength".equals(bm.path("mode").asText())
                    || "true".equalsIgnoreCase(bm.path("excludeUnacknowledged").asText())) {
                fail(
                        "triggers",
                        so,
                        "backlog must use protocol http and mode QueueLength, counting unacked messages");
            }

            // Queues: the policy trigger, the backlog trigger and the Deployment agree, and it is a
            // seed queue.
            String queue = policy.at("/metadata/queue").asText();
            String backlogQueue = bm.path("queueName").asText();
            String deploymentQueue =
                    deployment.map(d -> env(firstContainer(d), "VAZAO_QUEUE")).orElse(queue);
            if (Topology.seedQueue(queue).isEmpty()
                    || !queue.equals(backlogQueue)
                    || !queue.equals(deploymentQueue)) {
                fail(
                        "trigger-queue",
                        so,
                        "queues disagree or are not the policy defaults "
                                + seedQueueNames()
                                + ": policy="
                                + queue
                                + " backlog="
                                + backlogQueue
                                + " deployment VAZAO_QUEUE="
                                + deploymentQueue);
            }
            scaledQueues.add(queue);

            scalerAddress(so, policy.at("/metadata/scalerAddress").asText());

            // The policy bounds the workers: 0 (a pause reaches zero, any target activates) up to
            // the
            // budget, which no target exceeds; the backlog rule follows the policy defaults.
            JsonNode spec = so.path("spec");
            if (spec.path("minReplicaCount").asInt(-1) != 0
                    || spec.path("maxReplicaCount").asInt(-1) != Settings.DEFAULT_MAX_TOTAL_WORKERS
                    || !"0"
                            .equals(
                                    at(
                                                    so,
                                                    "spec",
                                                    "advanced",
                                                    "scalingModifiers",
                                                    "activationTarget")
                                            .asText())) {
                fail(
                        "replica-bounds",
                        so,
                        "min/max must be 0/"
                                + Settings.DEFAULT_MAX_TOTAL_WORKERS
                                + " (the budget) with "
                                + "scalingModifiers.activationTarget 0, are "
                                + spec.path("minReplicaCount")
                                + "/"
                                + spec.path("maxReplicaCount"));
            }
            if (!String.valueOf(Policy.DEFAULT_MESSAGES_PER_WORKER)
                    .equals(bm.path("value").asText())) {
                fail(
                        "replica-bounds",
                        so,
                        "backlog value must be messagesPerWorker "
                                + Policy.DEFAULT_MESSAGES_PER_WORKER);
            }

            // The policy decides; the backlog rule takes over, capped at the queue's share of the
            // budget.
            JsonNode modifiers = at(so, "spec", "advanced", "scalingModifiers");
            String formula = modifiers.path("formula").asText();
            if (!"scalingModifiers".equals(at(so, "spec", "fallback", "behavior").asText())
                    || !formula.replace(" ", "").startsWith("policy??")
                    || !"AverageValue".equals(modifiers.path("metricType").asText())
                    || !"1".equals(modifiers.path("target").asText())) {
                fail(
                        "fallback",
                        so,
                        "formula must start 'policy ?? ...' with fallback.behavior scalingModifiers, "
                                + "metricType AverageValue and target 1; formula is '"
                                + formula
                                + "'");
            }
            Matcher rule = BACKLOG_RULE.matcher(formula);
            Optional<Topology.QueueSpec> seed = Topology.seedQueue(queue);
            if (!rule.find() || seed.isEmpty()) {
                fail(
                        "budget-cap",
                        so,
                        "formula needs the capped backlog rule min((backlog ?? UNKNOWN) / N, CAP): '"
                                + formula
                                + "'");
            } else {
                int unknown = Integer.parseInt(rule.group(1));
                int perWorker = Integer.parseInt(rule.group(2));
                int cap = Integer.parseInt(rule.group(3));
                int share =
                        (int)
                                Math.floor(
                                        Settings.DEFAULT_MAX_TOTAL_WORKERS
                                                * seed.get().defaultWeight());
                capSum += cap;
                if (perWorker != Policy.DEFAULT_MESSAGES_PER_WORKER
                        || cap != share
                        || unknown < cap * perWorker
                        || at(so, "spec", "fallback", "replicas").asInt(-1) != cap) {
                    fail(
                            "budget-cap",
                            so,
                            "backlog rule must be min((backlog ?? "
                                    + share * perWorker
                                    + ") / "
                                    + Policy.DEFAULT_MESSAGES_PER_WORKER
                                    + ", "
                                    + share
                                    + ") with fallback.replicas "
                                    + share
                                    + " (budget "
                                    + Settings.DEFAULT_MAX_TOTAL_WORKERS
                                    + " x weight "
                                    + seed.get().defaultWeight()
                                    + "); is '"
                                    + formula
                                    + "', replicas "
                                    + at(so, "spec", "fallback", "replicas"));
                }
            }

            // Scale up at once; no second scale-down window on top of the policy's.
            JsonNode behavior =
                    at(so, "spec", "advanced", "horizontalPodAutoscalerConfig", "behavior");
            if (behavior.at("/scaleUp/stabilizationWindowSeconds").asInt(-1) != 0
                    || behavior.at("/scaleDown/stabilizationWindowSeconds").asInt(-1) != 0) {
                fail(
                        "hpa-behavior",
                        so,
                        "HPA stabilization windows must be 0 (the policy already stabilizes)");
            }

            String auth = backlog.at("/authenticationRef/name").asText();
            if (m.find("TriggerAuthentication", ns, auth).isEmpty()) {
                fail("auth-ref", so, "backlog authenticationRef " + auth + " does not exist");
            }
        }
        if (scaledQueues.size() > 0 && !scaledQueues.equals(new TreeSet<>(seedQueueNames()))) {
            out.add(
                    new Violation(
                            "trigger-queue",
                            "ScaledObject/*",
                            "scaled queues "
                                    + scaledQueues
                                    + " are not the policy defaults "
                                    + seedQueueNames()));
        }
        if (capSum > Settings.DEFAULT_MAX_TOTAL_WORKERS) {
            out.add(
                    new Violation(
                            "budget-cap",
                            "ScaledObject/*",
                            "fallback caps add up to "
                                    + capSum
                                    + ", above the budget "
                                    + Settings.DEFAULT_MAX_TOTAL_WORKERS));
        }
    }

    private void scalerAddress(JsonNode so, String address) {
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        String port = colon < 0 ? "" : address.substring(colon + 1);
        String[] parts = host.split("\\.");
        // KEDA runs in its own namespace: the address must name the Service's namespace.
        boolean qualified =
                parts.length == 2
                        || (parts.length == 3 && parts[2].equals("svc"))
                        || host.endsWith(".svc.cluster.local") && parts.length == 5;
        String ns = parts.length >= 2 ? parts[1] : "";
        Optional<JsonNode> service = qualified ? m.find("Service", ns, parts[0]) : Optional.empty();
        Optional<JsonNode> grpc =
                service.flatMap(
                        s ->
                                items(at(s, "spec", "ports"))
                                        .filter(p -> GRPC_PORT_NAME.equals(p.path("name").asText()))
                                        .findFirst());
        if (!qualified
                || service.isEmpty()
                || grpc.isEmpty()
                || !port.equals(grpc.get().path("port").asText())
                || !namespace(so).equals(ns)) {
            fail(
                    "scaler-address",
                    so,
                    "scalerAddress '"
                            + address
                            + "' must be <service>.<namespace>[.svc.cluster.local]:<port> of the "
                            + "Service's '"
                            + GRPC_PORT_NAME
                            + "' port"
                            + service.map(
                                            s ->
                                                    "; Service "
                                                            + name(s)
                                                            + " has "
                                                            + at(s, "spec", "ports"))
                                    .orElse("; no such Service"));
            return;
        }
        // The scaler holds targets through outages that make the pod unready: it must stay
        // reachable.
        if (!at(service.get(), "spec", "publishNotReadyAddresses").asBoolean(false)) {
            fail(
                    "scaler-ready",
                    so,
                    "Service "
                            + name(service.get())
                            + " must set publishNotReadyAddresses: true, or KEDA "
                            + "loses the scaler whenever a broker or Redis outage makes the policy service unready");
        }
        // The Service must reach the policy service's gRPC container port.
        Optional<JsonNode> backend =
                m.ofKind("Deployment")
                        .filter(
                                d ->
                                        namespace(d).equals(ns)
                                                && selects(
                                                        at(service.get(), "spec", "selector"),
                                                        at(
                                                                d,
                                                                "spec",
                                                                "template",
                                                                "metadata",
                                                                "labels")))
                        .findFirst();
        boolean served =
                backend.map(
                                d ->
                                        containers(d).stream()
                                                .flatMap(c -> items(c.path("ports")))
                                                .anyMatch(
                                                        p ->
                                                                p.path("name")
                                                                                .asText()
                                                                                .equals(
                                                                                        grpc.get()
                                                                                                .path(
                                                                                                        "targetPort")
                                                                                                .asText())
                                                                        || p.path("containerPort")
                                                                                .asText()
                                                                                .equals(
                                                                                        grpc.get()
                                                                                                .path(
                                                                                                        "targetPort")
                                                                                                .asText())))
                        .orElse(false);
        if (!served) {
            fail(
                    "scaler-address",
                    so,
                    "Service "
                            + name(service.get())
                            + " port "
                            + GRPC_PORT_NAME
                            + " reaches no container port of a Deployment it selects");
        }
    }

    // --- workloads ----------------------------------------------------------------------------

    private void workloads() {
        for (JsonNode d : m.ofKind("Deployment").toList()) {
            JsonNode pod = at(d, "spec", "template", "spec");
            boolean podNonRoot = pod.at("/securityContext/runAsNonRoot").asBoolean(false);
            int podUser = pod.at("/securityContext/runAsUser").asInt(-1);
            List<JsonNode> all = new ArrayList<>(containers(d));
            items(pod.path("initContainers")).forEach(all::add);
            for (JsonNode c : all) {
                String cname = c.path("name").asText();
                JsonNode limits = at(c, "resources", "limits");
                JsonNode requests = at(c, "resources", "requests");
                if (!limits.has("cpu")
                        || !limits.has("memory")
                        || !requests.has("cpu")
                        || !requests.has("memory")) {
                    fail(
                            "limits",
                            d,
                            "container " + cname + " needs cpu and memory requests and limits");
                }
                if (!c.has("readinessProbe") || !c.has("livenessProbe")) {
                    fail(
                            "probes",
                            d,
                            "container " + cname + " needs readiness and liveness probes");
                }
                boolean nonRoot = c.at("/securityContext/runAsNonRoot").asBoolean(podNonRoot);
                int user = c.at("/securityContext/runAsUser").asInt(podUser);
                if (!nonRoot
                        || user == 0
                        || c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)
                        || c.at("/securityContext/privileged").asBoolean(false)) {
                    fail(
                            "non-root",
                            d,
                            "container "
                                    + cname
                                    + " must run as non-root (runAsNonRoot true, no uid 0,"
                                    + " allowPrivilegeEscalation false)");
                }
                if (isVazao(c)) {
                    vazaoContainer(d, c);
                }
            }
            if (!at(d, "spec", "template", "metadata", "labels")
                            .path("app.kubernetes.io/name")
                            .asText()
                            .isEmpty()
                    && isVazao(firstContainer(d))
                    && m.ofKind("PodDisruptionBudget")
                            .noneMatch(
                                    p ->
                                            namespace(p).equals(namespace(d))
                                                    && selects(
                                                            at(
                                                                    p,
                                                                    "spec",
                                                                    "selector",
                                                                    "matchLabels"),
                                                            at(
                                                                    d,
                                                                    "spec",
                                                                    "template",
                                                                    "metadata",
                                                                    "labels")))) {
                fail("pdb", d, "no PodDisruptionBudget selects its pods");
            }
        }
    }

    private void vazaoContainer(JsonNode d, JsonNode c) {
        if (!"/q/health/ready".equals(c.at("/readinessProbe/httpGet/path").asText())
                || !"/q/health/live".equals(c.at("/livenessProbe/httpGet/path").asText())) {
            fail("probes", d, "vazao containers probe /q/health/ready and /q/health/live");
        }
        JsonNode annotations = at(d, "spec", "template", "metadata", "annotations");
        if (!"true".equals(annotations.path("prometheus.io/scrape").asText())
                || !"/q/metrics".equals(annotations.path("prometheus.io/path").asText())) {
            fail(
                    "scrape",
                    d,
                    "pods must carry prometheus.io/scrape and prometheus.io/path=/q/metrics");
        }
        String queue = env(c, "VAZAO_QUEUE");
        if (queue != null) {
            // A worker: the seed's size, and time to drain on SIGTERM.
            JsonNode limits = at(c, "resources", "limits");
            if (!"500m".equals(limits.path("cpu").asText())
                    || !"512Mi".equals(limits.path("memory").asText())) {
                fail("limits", d, "workers are limited to 500m CPU / 512Mi, are " + limits);
            }
            String timeout = Optional.ofNullable(env(c, "VAZAO_SHUTDOWN_TIMEOUT")).orElse("30s");
            long drain = parseSeconds(timeout);
            int grace =
                    at(d, "spec", "template", "spec", "terminationGracePeriodSeconds").asInt(30);
            if (grace <= drain) {
                fail(
                        "grace-period",
                        d,
                        "terminationGracePeriodSeconds "
                                + grace
                                + " must exceed the shutdown timeout "
                                + timeout);
            }
        }
    }

    // --- references ---------------------------------------------------------------------------

    private void references() {
        for (JsonNode d : m.ofKind("Deployment").toList()) {
            String ns = namespace(d);
            JsonNode pod = at(d, "spec", "template", "spec");
            for (JsonNode c : containers(d)) {
                items(c.path("env"))
                        .forEach(
                                e -> {
                                    JsonNode secret = e.at("/valueFrom/secretKeyRef");
                                    if (!secret.isMissingNode()) {
                                        secretKey(
                                                d,
                                                ns,
                                                secret.path("name").asText(),
                                                secret.path("key").asText(),
                                                secret.path("optional").asBoolean(false));
                                    }
                                    JsonNode cm = e.at("/valueFrom/configMapKeyRef");
                                    if (!cm.isMissingNode()) {
                                        configMap(
                                                d,
                                                ns,
                                                cm.path("name").asText(),
                                                cm.path("key").asText(),
                                                cm.path("optional").asBoolean(false));
                                    }
                                });
                items(c.path("envFrom"))
                        .forEach(
                                e -> {
                                    if (e.has("secretRef")) {
                                        secretKey(
                                                d,
                                                ns,
                                                e.at("/secretRef/name").asText(),
                                                null,
                                                e.at("/secretRef/optional").asBoolean(false));
                                    }
                                    if (e.has("configMapRef")) {
                                        configMap(
                                                d,
                                                ns,
                                                e.at("/configMapRef/name").asText(),
                                                null,
                                                e.at("/configMapRef/optional").asBoolean(false));
                                    }
                                });
            }
            items(pod.path("volumes"))
                    .forEach(
                            v -> {
                                if (v.has("secret")) {
                                    secretKey(
                                            d,
                                            ns,
                                            v.at("/secret/secretName").asText(),
                                            null,
                                            v.at("/secret/optional").asBoolean(false));
                                }
                                if (v.has("configMap")) {
                                    configMap(
                                            d,
                                            ns,
                                            v.at("/configMap/name").asText(),
                                            null,
                                            v.at("/configMap/optional").asBoolean(false));
                                }
                            });
            if (!pod.path("serviceAccountName").asText().isEmpty()
                    && m.find("ServiceAccount", ns, pod.path("serviceAccountName").asText())
                            .isEmpty()) {
                fail(
                        "serviceaccount-ref",
                        d,
                        "ServiceAccount "
                                + pod.path("serviceAccountName").asText()
                                + " does not exist");
            }
        }
        for (JsonNode ta : m.ofKind("TriggerAuthentication").toList()) {
            items(at(ta, "spec", "secretTargetRef"))
                    .forEach(
                            r ->
                                    secretKey(
                                            ta,
                                            namespace(ta),
                                            r.path("name").asText(),
                                            r.path("key").asText(),
                                            false));
        }
    }

    private void secretKey(JsonNode from, String ns, String name, String key, boolean optional) {
        Optional<JsonNode> secret = m.find("Secret", ns, name);
        if (secret.isEmpty()) {
            if (!optional) {
                fail("secret-ref", from, "Secret " + name + " does not exist in namespace " + ns);
            }
        } else if (key != null
                && !secret.get().path("data").has(key)
                && !secret.get().path("stringData").has(key)) {
            fail("secret-ref", from, "Secret " + name + " has no key " + key);
        }
    }

    private void configMap(JsonNode from, String ns, String name, String key, boolean optional) {
        Optional<JsonNode> cm = m.find("ConfigMap", ns, name);
        if (cm.isEmpty()) {
            if (!optional) {
                fail(
                        "configmap-ref",
                        from,
                        "ConfigMap " + name + " does not exist in namespace " + ns);
            }
        } else if (key != null && !cm.get().path("data").has(key)) {
            fail("configmap-ref", from, "ConfigMap " + name + " has no key " + key);
        }
    }

    // --- secrets and network ------------------------------------------------------------------

    /** No real credential is committed: secret values are placeholders or marked dev-only. */
    private void secretsArePlaceholders() {
        for (JsonNode s : m.ofKind("Secret").toList()) {
            secretValues(s)
                    .forEach(
                            (key, value) -> {
                                boolean secretish =
                                        key.contains("password") || key.contains("token");
                                if (secretish
                                        && !value.equals(PLACEHOLDER)
                                        && !value.startsWith(DEV_ONLY)) {
                                    fail(
                                            "placeholder-secrets",
                                            s,
                                            "key "
                                                    + key
                                                    + " holds a value that is neither "
                                                    + PLACEHOLDER
                                                    + " nor "
                                                    + DEV_ONLY
                                                    + "...: real credentials are never committed");
                                }
                                if (value.matches("(?s).*://[^/@\\s]+:[^/@\\s]+@.*")) {
                                    fail(
                                            "placeholder-secrets",
                                            s,
                                            "key " + key + " embeds credentials in a URL");
                                }
                            });
        }
    }

    /**
     * A Secret's values, decoded: {@code data} (base64) and {@code stringData} (plain, wins on
     * apply).
     */
    static Map<String, String> secretValues(JsonNode secret) {
        Map<String, String> values = new HashMap<>();
        secret.path("data")
                .fields()
                .forEachRemaining(
                        e ->
                                values.put(
                                        e.getKey(),
                                        new String(
                                                Base64.getDecoder()
                                                        .decode(e.getValue().asText()))));
        secret.path("stringData")
                .fields()
                .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    private void networkPolicies() {
        Set<String> namespaces =
                m.objects().stream()
                        .map(Manifest::namespace)
                        .filter(n -> !n.isEmpty())
                        .collect(Collectors.toCollection(TreeSet::new));
        for (String ns : namespaces) {
            boolean denyAll =
                    m.ofKind("NetworkPolicy")
                            .anyMatch(
                                    p ->
                                            namespace(p).equals(ns)
                                                    && at(p, "spec", "podSelector").isEmpty()
                                                    && !at(p, "spec").has("ingress")
                                                    && !at(p, "spec").has("egress")
                                                    && policyTypes(p)
                                                            .containsAll(
                                                                    Set.of("Ingress", "Egress")));
            if (!denyAll) {
                out.add(
                        new Violation(
                                "default-deny",
                                "Namespace/" + ns,
                                "needs a NetworkPolicy denying all ingress and egress by default"));
            }
        }
        // KEDA must be let in to the scaler's port.
        m.find("Deployment", namespaces.stream().findFirst().orElse(""), POLICY_SERVICE)
                .ifPresent(
                        d -> {
                            boolean kedaAllowed =
                                    m.ofKind("NetworkPolicy")
                                            .filter(
                                                    p ->
                                                            namespace(p).equals(namespace(d))
                                                                    && selects(
                                                                            at(
                                                                                    p,
                                                                                    "spec",
                                                                                    "podSelector",
                                                                                    "matchLabels"),
                                                                            at(
                                                                                    d,
                                                                                    "spec",
                                                                                    "template",
                                                                                    "metadata",
                                                                                    "labels")))
                                            .flatMap(p -> items(at(p, "spec", "ingress")))
                                            .anyMatch(
                                                    rule ->
                                                            items(rule.path("ports"))
                                                                            .anyMatch(
                                                                                    port ->
                                                                                            port.path(
                                                                                                                    "port")
                                                                                                            .asInt()
                                                                                                    == 9090)
                                                                    && items(rule.path("from"))
                                                                            .anyMatch(
                                                                                    f ->
                                                                                            "keda"
                                                                                                    .equals(
                                                                                                            f.at(
                                                                                                                            "/namespaceSelector/matchLabels/kubernetes.io~1metadata.name")
                                                                                                                    .asText())));
                            if (!kedaAllowed) {
                                fail(
                                        "network-keda",
                                        d,
                                        "no NetworkPolicy lets the keda namespace reach port 9090");
                            }
                        });
    }

    // --- helpers ------------------------------------------------------------------------------

    private static Set<String> policyTypes(JsonNode p) {
        Set<String> types = new HashSet<>();
        items(at(p, "spec", "policyTypes")).forEach(t -> types.add(t.asText()));
        return types;
    }

    static List<JsonNode> containers(JsonNode deployment) {
        return items(at(deployment, "spec", "template", "spec", "containers")).toList();
    }

    private static JsonNode firstContainer(JsonNode deployment) {
        return at(deployment, "spec", "template", "spec", "containers").path(0);
    }

    static boolean isVazao(JsonNode container) {
        String image = container.path("image").asText();
        return image.contains("vazao/");
    }

    static String env(JsonNode container, String name) {
        return items(container.path("env"))
                .filter(e -> name.equals(e.path("name").asText()))
                .map(e -> e.path("value").asText(null))
                .findFirst()
                .orElse(null);
    }

    /** Whether every selector label is on the pod. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Map<String, String> sel = new HashMap<>();
        selector.fields().forEachRemaining(e -> sel.put(e.getKey(), e.getValue().asText()));
        return sel.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
    }

    private static List<String> seedQueueNames() {
        return Topology.SEED_QUEUES.stream().map(Topology.QueueSpec::queue).toList();
    }

    private static long parseSeconds(String value) {
        String v = value.trim().toLowerCase();
        if (v.startsWith("p")) {
            return Duration.parse(value.toUpperCase()).toSeconds();
        }
        if (v.endsWith("ms")) {
            return Long.parseLong(v.substring(0, v.length() - 2)) / 1000;
        }
        if (v.endsWith("s")) {
            return Long.parseLong(v.substring(0, v.length() - 1));
        }
        if (v.endsWith("m")) {
            return Long.parseLong(v.substring(0, v.length() - 1)) * 60;
        }
        return Long.parseLong(v);
    }
}
