package tech.flashback.creditpacks.tools.published;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request exactly as a consumer sends it (concrete values, no patterns): the request a
 * contract's generated test sends to the producer, published with each stub so that the backcompat
 * gate and the contract diff can replay it without running the contract's code. Its body (null:
 * none) is the text sent; a JSON body is published as JSON, any other as text.
 */
public record ExampleRequest(
        String method, String path, Map<String, String> query, Map<String, String> headers, String body) {

    public ExampleRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public ExampleRequest(String method, String path, Map<String, String> query, Map<String, String> headers) {
        this(method, path, query, headers, null);
    }

    /** The request's Content-Type header, whatever the case of its name; null when it has none. */
    public String contentType() {
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** Whether the body is JSON: it says so, or, saying nothing, it reads as a JSON object or array. */
    public boolean jsonBody() {
        if (body == null) {
            return false;
        }
        String type = contentType();
        if (type != null) {
            String media = type.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
            return media.equals("application/json") || media.endsWith("+json");
        }
        String text = body.strip();
        return text.startsWith("{") || text.startsWith("[");
    }

    /** The path with its query string, encoded, in a stable order: what goes after the host. */
    public String target() {
        if (query.isEmpty()) {
            return path;
        }
        return path + "?"
                + query.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                        .collect(Collectors.joining("&"));
    }

    public ExampleRequest withQuery(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(more);
        return new ExampleRequest(method, path, all, headers, body);
    }

    /** {@code GET /credits/packs?simulate=internal-error [X-Api-Key: key]}: headers only when the request has any. */
    @Override
    public String toString() {
        return method + " " + target()
                + (headers.isEmpty()
                        ? ""
                        : headers.entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(header -> header.getKey() + ": " + header.getValue())
                                .collect(Collectors.joining(", ", " [", "]")))
                + (body == null ? "" : " " + Problem.shorten(body));
    }

    public ObjectNode toJson() {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("method", method);
        json.put("path", path);
        if (!query.isEmpty()) {
            ObjectNode parameters = json.putObject("query");
            query.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(p -> parameters.put(p.getKey(), p.getValue()));
        }
        if (!headers.isEmpty()) {
            ObjectNode names = json.putObject("headers");
            headers.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(h -> names.put(h.getKey(), h.getValue()));
        }
        if (body != null) {
            if (jsonBody()) {
                json.set("body", PublishedJson.MAPPER.readTree(body));
            } else {
                json.put("bodyText", body);
            }
        }
        return json;
    }

    public static ExampleRequest fromJson(JsonNode json) {
        String body = json.has("body")
                ? PublishedJson.MAPPER.writeValueAsString(json.get("body"))
                : json.path("bodyText").asString(null);
        return new ExampleRequest(
                json.path("method").asString(),
                json.path("path").asString(),
                strings(json.path("query")),
                strings(json.path("headers")),
                body);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.properties()
                .forEach(field -> values.put(field.getKey(), field.getValue().asString()));
        return values;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
