package io.vazao.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A rendered overlay: its objects, with look-ups by kind and name. */
final class Manifest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> objects;

    Manifest(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifest parse(String yaml) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
            return new Manifest(docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> objects() {
        return objects;
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(kind(o)));
    }

    Optional<JsonNode> find(String kind, String namespace, String name) {
        return ofKind(kind)
                .filter(o -> name.equals(name(o)) && namespace.equals(namespace(o)))
                .findFirst();
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText("");
    }

    static String id(JsonNode o) {
        return kind(o) + "/" + name(o);
    }

    /** Follows a path of field names; missing steps give a MissingNode. */
    static JsonNode at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String step : path) {
            n = n == null ? MissingNode.getInstance() : n.path(step);
        }
        return n;
    }

    static Stream<JsonNode> items(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(list::add);
        }
        return list.stream();
    }
}
