package org.callpost.web.internal.json;

import java.io.IOException;
import java.util.Optional;

import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads request bodies as JSON objects and their fields, answering 415 for another type and 400,
 * naming the field, for anything malformed, missing or of the wrong type.
 */
public final class JsonBodies {
    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as an object; {@code optional}: an empty body is an empty object. */
    public ObjectNode object(ApiRequest request, boolean optional) {
        if (optional && request.body().length == 0) {
            return mapper.createObjectNode();
        }
        if (!"application/json".equals(request.contentType())) {
            throw new ApiException(415, "Send the body as JSON (Content-Type: application/json), not "
                    + (request.contentType().isEmpty() ? "without a Content-Type" : request.contentType()));
        }
        if (request.body().length == 0) {
            throw ApiException.badRequest("The body is empty: send a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(request.body());
        } catch (JsonProcessingException e) {
            // the parser's location, not its message: it may quote the body, and the body may hold a PIN
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw ApiException.badRequest("The body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    public static String string(ObjectNode body, String field) {
        return optionalString(body, field).orElseThrow(() -> ApiException.badRequest("The field " + field + " is missing"));
    }

    public static Optional<String> optionalString(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("The field " + field + " must be a string");
        }
        return Optional.of(value.textValue());
    }

    public static Optional<Boolean> optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("The field " + field + " must be true or false");
        }
        return Optional.of(value.booleanValue());
    }

    /** A field that names a constant of {@code type}, among {@code allowed}. */
    public static <E extends Enum<E>> E choice(ObjectNode body, String field, Class<E> type, java.util.Set<E> allowed) {
        String value = string(body, field);
        return allowed.stream().filter(e -> e.name().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("The field " + field + " must be one of "
                        + allowed.stream().map(Enum::name).sorted().toList() + ", not '" + value + "'"));
    }
}
