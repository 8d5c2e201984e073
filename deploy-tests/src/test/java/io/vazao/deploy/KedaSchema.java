package io.vazao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates KEDA objects against KEDA's own CRD schemas (copies kept in this module's test
 * resources, so the check needs nothing outside the repository). The API server prunes fields a
 * structural schema does not know; here every object schema is closed instead, so an unknown or
 * misspelled field is an error rather than silently dropped.
 */
final class KedaSchema {

    static final List<String> CRD_FILES =
            List.of("keda.sh_scaledobjects.yaml", "keda.sh_triggerauthentications.yaml");

    private static final Map<String, JsonSchema> SCHEMAS = load();

    private KedaSchema() {}

    static boolean covers(JsonNode object) {
        return SCHEMAS.containsKey(key(object));
    }

    static List<Violation> validate(JsonNode object) {
        String id = Manifest.id(object);
        JsonSchema schema = SCHEMAS.get(key(object));
        if (schema == null) {
            return List.of(new Violation("schema-keda", id, "no KEDA schema for " + key(object)));
        }
        Set<ValidationMessage> errors = schema.validate(object);
        return errors.stream()
                .map(e -> new Violation("schema-keda", id, e.getMessage()))
                .sorted(java.util.Comparator.comparing(Violation::message))
                .toList();
    }

    static JsonNode crd(String file) {
        try (InputStream in = KedaSchema.class.getResourceAsStream("/keda-crds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource keda-crds/" + file);
            }
            return Manifest.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + Manifest.kind(object);
    }

    private static Map<String, JsonSchema> load() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        Map<String, JsonSchema> out = new HashMap<>();
        for (String file : CRD_FILES) {
            JsonNode crd = crd(file);
            String group = crd.at("/spec/group").asText();
            String kind = crd.at("/spec/names/kind").asText();
            for (JsonNode version : crd.at("/spec/versions")) {
                if (!version.path("served").asBoolean()) {
                    continue;
                }
                ObjectNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                close(schema);
                // The API server itself checks these; the CRD schema leaves them open.
                ((ObjectNode) schema.with("properties").with("metadata")).put("type", "object");
                out.put(
                        group + "/" + version.path("name").asText() + "/" + kind,
                        factory.getSchema(schema));
            }
        }
        return out;
    }

    /** Closes every object schema that lists its properties and does not keep unknown fields. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode o) {
            boolean keepsUnknown = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if (o.has("properties") && !o.has("additionalProperties") && !keepsUnknown) {
                o.set("additionalProperties", BooleanNode.FALSE);
            }
            o.elements().forEachRemaining(KedaSchema::close);
        } else if (node != null && node.isArray()) {
            node.elements().forEachRemaining(KedaSchema::close);
        }
    }
}
