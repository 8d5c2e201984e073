package io.vazao.functions.celery;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import io.vazao.contract.CeleryProtocol;
import io.vazao.functions.celery.Delivery.Format;
import io.vazao.functions.payload.MessageKind;
import io.vazao.functions.payload.PayloadDecoder;
import io.vazao.functions.payload.PayloadDecoder.Decoded;
import io.vazao.functions.payload.Rejection;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns an AMQP delivery into what the worker does with it. A delivery without a {@code task}
 * header is plain JSON for the queue's function, decoded exactly as before (one header lookup
 * more); one with it is a Celery protocol-2 task message: the task name picks the function ({@link
 * TaskMapping}), {@code args[0]} (or the {@code payload} keyword) is the payload, other keywords
 * set the payload's fields of the same name, {@code expires} and {@code eta} are checked against
 * {@code now}. Pickle, YAML, msgpack and compressed bodies are refused before anything reads them.
 * Pure: no I/O, the time is passed in; safe to share between threads.
 */
public final class DeliveryDecoder {

    /** Celery's other serializers (and kombu's raw binary): never deserialized. */
    static final Set<String> FOREIGN_CONTENT_TYPES =
            Set.of(
                    "application/x-python-serialize",
                    "application/x-yaml",
                    "application/x-msgpack",
                    "application/data");

    /** The name of the replaced system's task parameter, accepted as a keyword. */
    static final String PAYLOAD_KEYWORD = "payload";

    private final PayloadDecoder plain;
    private final Map<MessageKind, PayloadDecoder> byKind = new EnumMap<>(MessageKind.class);
    private final TaskMapping tasks;
    private final int maxBytes;

    public DeliveryDecoder(MessageKind queueKind, int maxBytes, TaskMapping tasks) {
        for (MessageKind k : MessageKind.values()) {
            byKind.put(k, new PayloadDecoder(k, maxBytes));
        }
        this.plain = byKind.get(queueKind);
        this.tasks = tasks;
        this.maxBytes = maxBytes;
    }

    public Delivery decode(byte[] body, AMQP.BasicProperties properties, Instant now) {
        Map<String, Object> headers = properties == null ? null : properties.getHeaders();
        Object task = headers == null ? null : headers.get(CeleryProtocol.H_TASK);
        String contentType = properties == null ? null : properties.getContentType();
        if (task == null) {
            return plain(body, contentType);
        }
        return celery(body, headers, contentType, now);
    }

    private Delivery plain(byte[] body, String contentType) {
        if (contentType != null && FOREIGN_CONTENT_TYPES.contains(contentType)) {
            return refuse(Rejection.UNSUPPORTED_CONTENT_TYPE, foreign(contentType), null);
        }
        Decoded d = plain.decode(body);
        if (d instanceof Decoded.Accepted a) {
            return new Delivery.Run(a.message(), null);
        }
        Decoded.Rejected r = (Decoded.Rejected) d;
        if (r.reason() == Rejection.WRONG_SHAPE && protocolOne(body)) {
            return refuse(
                    Rejection.CELERY_PROTOCOL_1,
                    "a Celery task message of protocol 1 (task name in the body);"
                            + " only protocol 2 is read: set task_protocol = 2 in the producer",
                    null);
        }
        return new Delivery.Refuse(r.reason(), r.detail(), null, Format.JSON);
    }

    private Delivery celery(
            byte[] body, Map<String, Object> headers, String contentType, Instant now) {
        CeleryTask task;
        try {
            task = CeleryHeaders.read(headers);
        } catch (IllegalArgumentException e) {
            return refuse(Rejection.WRONG_SHAPE, "Celery task message: " + e.getMessage(), null);
        }
        if (!CeleryProtocol.CONTENT_TYPE_JSON.equals(contentType)) {
            return refuse(Rejection.UNSUPPORTED_CONTENT_TYPE, foreign(contentType), task);
        }
        Object compression = headers.get(CeleryProtocol.H_COMPRESSION);
        if (compression != null) {
            return refuse(
                    Rejection.UNSUPPORTED_CONTENT_TYPE,
                    "compressed body ("
                            + compression
                            + "): never decompressed; send without compression",
                    task);
        }
        MessageKind kind = tasks.kindOf(task.name()).orElse(null);
        if (kind == null) {
            return refuse(
                    Rejection.UNKNOWN_TASK,
                    "no function for task '"
                            + PayloadDecoder.clip(task.name())
                            + "' (vazao.celery.tasks: "
                            + String.join(", ", tasks.tasks().keySet())
                            + ")",
                    task);
        }
        if (body == null || body.length > maxBytes) {
            return refuse(
                    body == null ? Rejection.INVALID_JSON : Rejection.OVERSIZED,
                    body == null ? "empty body" : body.length + " bytes > " + maxBytes,
                    task);
        }
        Delivery payload = payload(body, kind, task);
        if (!(payload instanceof Delivery.Run)) {
            return payload;
        }
        if (task.expires() != null && !now.isBefore(task.expires())) {
            return refuse(
                    Rejection.EXPIRED, "expired at " + task.expires() + ", taken at " + now, task);
        }
        if (task.eta() != null && now.isBefore(task.eta())) {
            return new Delivery.Defer(
                    task, Math.max(1, Duration.between(now, task.eta()).toMillis()));
        }
        return payload;
    }

    /**
     * Reads {@code [args, kwargs, embed]} into the function's record, as Python would bind the
     * call.
     */
    private Delivery payload(byte[] body, MessageKind kind, CeleryTask task) {
        JsonNode tree;
        try {
            tree = plain.tree(body);
        } catch (StreamReadException e) {
            return refuse(Rejection.INVALID_JSON, PayloadDecoder.brief(e), task);
        } catch (IOException e) {
            return refuse(Rejection.WRONG_SHAPE, PayloadDecoder.brief(e), task);
        }
        if (tree == null
                || !tree.isArray()
                || tree.size() != 3
                || !tree.get(0).isArray()
                || !tree.get(1).isObject()) {
            return refuse(
                    Rejection.WRONG_SHAPE,
                    "a Celery protocol-2 body is [args, kwargs, embed]",
                    task);
        }
        JsonNode args = tree.get(0);
        ObjectNode kwargs = (ObjectNode) tree.get(1);
        if (args.size() > 1) {
            return refuse(
                    Rejection.WRONG_SHAPE,
                    "the task takes 1 positional argument (the payload) but "
                            + args.size()
                            + " were given",
                    task);
        }
        if (args.size() == 1 && kwargs.has(PAYLOAD_KEYWORD)) {
            return refuse(
                    Rejection.WRONG_SHAPE, "got multiple values for argument 'payload'", task);
        }
        JsonNode payload = args.size() == 1 ? args.get(0) : kwargs.remove(PAYLOAD_KEYWORD);
        if (payload == null || !payload.isObject()) {
            return refuse(
                    Rejection.WRONG_SHAPE,
                    payload == null
                            ? "missing the payload argument"
                            : "the payload is not a JSON object",
                    task);
        }
        String unexpected = applyKeywords((ObjectNode) payload, kwargs, kind);
        if (unexpected != null) {
            return refuse(
                    Rejection.WRONG_SHAPE,
                    "unexpected keyword argument '"
                            + PayloadDecoder.clip(unexpected)
                            + "' (the payload has no such field)",
                    task);
        }
        Decoded d = byKind.get(kind).decode(payload);
        if (d instanceof Decoded.Rejected r) {
            return refuse(r.reason(), r.detail(), task);
        }
        return new Delivery.Run(((Decoded.Accepted) d).message(), task);
    }

    /** Sets every keyword that names a field of the payload; returns the first that names none. */
    private static String applyKeywords(ObjectNode payload, ObjectNode kwargs, MessageKind kind) {
        for (Iterator<Map.Entry<String, JsonNode>> it = kwargs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!kind.hasField(e.getKey())) {
                return e.getKey();
            }
            payload.set(e.getKey(), e.getValue());
        }
        return null;
    }

    private boolean protocolOne(byte[] body) {
        try {
            JsonNode n = plain.tree(body);
            return n != null
                    && n.isObject()
                    && n.path(CeleryProtocol.H_TASK).isTextual()
                    && n.path(CeleryProtocol.H_ID).isTextual()
                    && n.has("args");
        } catch (IOException e) {
            return false;
        }
    }

    private static String foreign(String contentType) {
        return "content type "
                + (contentType == null ? "(none)" : PayloadDecoder.clip(contentType))
                + " is not JSON: never deserialized; send with serializer='json'";
    }

    private static Delivery refuse(Rejection reason, String detail, CeleryTask task) {
        return new Delivery.Refuse(reason, detail, task, Format.CELERY);
    }
}
