package io.vazao.functions.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.vazao.contract.Json;
import java.io.IOException;
import java.util.List;

/**
 * Turns a message body into the record its queue's function takes, or says why it cannot: the
 * checks run cheapest first (size, JSON, type field, shape) so an oversized body is never parsed.
 * Pure: no I/O, safe to share between threads.
 */
public final class PayloadDecoder {

    private static final int DETAIL_MAX = 300;

    private final MessageKind kind;
    private final int maxBytes;
    private final ObjectMapper mapper;

    public PayloadDecoder(MessageKind kind, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("max message bytes must be >= 1");
        }
        this.kind = kind;
        this.maxBytes = maxBytes;
        // Strict on types ("2" is not a quantity), tolerant of extra fields like the contract's
        // readers.
        this.mapper =
                Json.configure(
                        JsonMapper.builder()
                                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                                .withCoercionConfig(
                                        LogicalType.Textual,
                                        c ->
                                                c.setCoercion(
                                                                CoercionInputShape.Integer,
                                                                CoercionAction.Fail)
                                                        .setCoercion(
                                                                CoercionInputShape.Float,
                                                                CoercionAction.Fail)
                                                        .setCoercion(
                                                                CoercionInputShape.Boolean,
                                                                CoercionAction.Fail))
                                .build());
    }

    public MessageKind kind() {
        return kind;
    }

    public Decoded decode(byte[] body) {
        if (body == null || body.length == 0) {
            return new Decoded.Rejected(Rejection.INVALID_JSON, "empty body");
        }
        if (body.length > maxBytes) {
            return new Decoded.Rejected(Rejection.OVERSIZED, body.length + " bytes > " + maxBytes);
        }
        BusinessMessage message;
        try {
            // Straight into the record: no intermediate tree on the hot path.
            message = mapper.readValue(body, kind.recordType());
        } catch (StreamReadException e) {
            return new Decoded.Rejected(Rejection.INVALID_JSON, brief(e));
        } catch (IOException | IllegalArgumentException e) {
            return new Decoded.Rejected(Rejection.WRONG_SHAPE, brief(e));
        }
        return check(message);
    }

    /**
     * The same checks for a payload that arrived inside an envelope (a Celery task's first
     * argument), already parsed; the envelope's size was checked by the caller.
     */
    public Decoded decode(JsonNode payload) {
        BusinessMessage message;
        try {
            message = mapper.treeToValue(payload, kind.recordType());
        } catch (IOException | IllegalArgumentException e) {
            return new Decoded.Rejected(Rejection.WRONG_SHAPE, brief(e));
        }
        return check(message);
    }

    /** Parses JSON with this decoder's strict settings (for envelopes around a payload). */
    public JsonNode tree(byte[] body) throws IOException {
        return mapper.readTree(body);
    }

    private Decoded check(BusinessMessage message) {
        if (message == null) {
            return new Decoded.Rejected(Rejection.WRONG_SHAPE, "body is not a JSON object");
        }
        if (message.type() == null) {
            return new Decoded.Rejected(Rejection.WRONG_SHAPE, "type is required");
        }
        if (!kind.type().equals(message.type())) {
            return new Decoded.Rejected(
                    Rejection.WRONG_TYPE,
                    "type '" + clip(message.type()) + "' is not '" + kind.type() + "'");
        }
        List<String> violations = message.violations();
        if (!violations.isEmpty()) {
            return new Decoded.Rejected(Rejection.WRONG_SHAPE, clip(String.join("; ", violations)));
        }
        return new Decoded.Accepted(message);
    }

    public static String brief(Exception e) {
        String m =
                e instanceof JsonProcessingException jpe
                        ? jpe.getOriginalMessage()
                        : e.getMessage();
        return clip(m == null ? e.getClass().getSimpleName() : m.replace('\n', ' '));
    }

    public static String clip(String s) {
        return s.length() <= DETAIL_MAX ? s : s.substring(0, DETAIL_MAX) + "...";
    }

    /** Outcome of decoding one body. */
    public sealed interface Decoded {
        record Accepted(BusinessMessage message) implements Decoded {}

        record Rejected(Rejection reason, String detail) implements Decoded {}
    }
}
