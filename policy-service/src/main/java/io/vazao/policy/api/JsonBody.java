package io.vazao.policy.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns a raw request body into a JSON object, or refuses it: 413 above the size limit, 415 when it
 * is not declared as JSON, 400 when it is not one well-formed JSON object. Bodies are parsed into a
 * tree (not bound to records) so that every field's type can be checked strictly afterwards.
 */
public final class JsonBody {

    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(JsonParser.Feature.ALLOW_COMMENTS)
                    .build();

    private JsonBody() {}

    public static JsonNode object(String contentType, byte[] body, int maxBytes) {
        if (body != null && body.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (!isJson(contentType)) {
            throw new ApiException(
                    415,
                    "unsupported media type",
                    java.util.List.of(new Violation("Content-Type", "must be application/json")));
        }
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("malformed JSON", "body", "must be a JSON object");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(
                    "malformed JSON",
                    "body",
                    "must be well-formed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON", "body", "could not be read");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("malformed JSON", "body", "must be a JSON object");
        }
        return node;
    }

    public static ApiException tooLarge(int maxBytes) {
        return new ApiException(
                413,
                "body too large",
                java.util.List.of(new Violation("body", "must be at most " + maxBytes + " bytes")));
    }

    /** {@code application/json} or any {@code application/*+json}, parameters ignored. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json")
                || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
