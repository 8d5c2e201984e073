package io.vazao.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Validates core objects against the Kubernetes API model (fabric8's generated classes). Those
 * classes keep unknown fields in an "additional properties" map instead of failing, so after
 * binding we walk the object tree and reject every unknown field with its path: a typo such as
 * {@code readinesProbe} is an error here, as it is for {@code kubectl apply --validate=strict}.
 */
final class CoreSchema {

    private static final Map<String, Class<?>> MODEL =
            Map.ofEntries(
                    Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
                    Map.entry(
                            "v1/ServiceAccount",
                            io.fabric8.kubernetes.api.model.ServiceAccount.class),
                    Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
                    Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
                    Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
                    Map.entry(
                            "apps/v1/Deployment",
                            io.fabric8.kubernetes.api.model.apps.Deployment.class),
                    Map.entry(
                            "apps/v1/StatefulSet",
                            io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
                    Map.entry(
                            "policy/v1/PodDisruptionBudget",
                            io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
                    Map.entry(
                            "networking.k8s.io/v1/NetworkPolicy",
                            io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
                    Map.entry(
                            "monitoring.coreos.com/v1/PodMonitor",
                            io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class));

    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .build();

    static {
        // "replicas: '2'" is not an integer to the API server either.
        STRICT.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        STRICT.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }

    private CoreSchema() {}

    static boolean covers(JsonNode object) {
        return MODEL.containsKey(key(object));
    }

    static List<Violation> validate(JsonNode object) {
        String id = Manifest.id(object);
        Class<?> type = MODEL.get(key(object));
        if (type == null) {
            return List.of(new Violation("schema-core", id, "no schema known for " + key(object)));
        }
        Object bound;
        try {
            bound = STRICT.treeToValue(object, type);
        } catch (Exception e) {
            return List.of(
                    new Violation(
                            "schema-core",
                            id,
                            "does not bind to "
                                    + type.getSimpleName()
                                    + ": "
                                    + e.getMessage().lines().findFirst().orElse("")));
        }
        List<Violation> out = new ArrayList<>();
        unknownFields(bound, "", id, out);
        return out;
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + Manifest.kind(object);
    }

    private static void unknownFields(Object value, String path, String id, List<Violation> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", id, out);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "[" + k + "]", id, out));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            try {
                if (name.equals("getAdditionalProperties")) {
                    Object extra = getter.invoke(value);
                    if (extra instanceof Map<?, ?> m && !m.isEmpty()) {
                        m.keySet()
                                .forEach(
                                        k ->
                                                out.add(
                                                        new Violation(
                                                                "schema-core",
                                                                id,
                                                                "unknown field "
                                                                        + (path.isEmpty()
                                                                                ? ""
                                                                                : path + ".")
                                                                        + k)));
                    }
                } else if (name.startsWith("get") && name.length() > 3) {
                    String field = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                    unknownFields(
                            getter.invoke(value),
                            (path.isEmpty() ? "" : path + ".") + field,
                            id,
                            out);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                // not a bean property of the model
            }
        }
    }
}
