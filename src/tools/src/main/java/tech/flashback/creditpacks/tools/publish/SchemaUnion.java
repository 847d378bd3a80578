package tech.flashback.creditpacks.tools.publish;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One schema that accepts every value several contracts' rules accept: what an endpoint may answer
 * with one status across all its producer states, or take as a request body or parameter, for an
 * OpenAPI document (and the types a consumer generates from it). Each contract's rules stay the
 * precise ones; this union is only as precise as the contracts agree: a field is required where
 * every contract requires it, values pinned by every contract ({@code const} or {@code enum}) stay
 * pinned, to any of them, a value one contract pins and another constrains is described by the
 * constraint when it accepts the pinned value, and other constraints of one type keep the type.
 */
final class SchemaUnion {

    private SchemaUnion() {}

    static ObjectNode of(List<JsonNode> schemas) {
        ObjectNode union = null;
        for (JsonNode schema : schemas) {
            union = union == null ? stripped(schema) : union(union, stripped(schema));
        }
        return union;
    }

    private static ObjectNode union(ObjectNode first, ObjectNode second) {
        if (first.equals(second)) {
            return first;
        }
        List<JsonNode> firstPinned = pinned(first);
        List<JsonNode> secondPinned = pinned(second);
        if (secondPinned != null && secondPinned.stream().allMatch(value -> accepts(first, value))) {
            return first;
        }
        if (firstPinned != null && firstPinned.stream().allMatch(value -> accepts(second, value))) {
            return second;
        }
        String type = typeOf(first);
        if (type == null || !type.equals(typeOf(second))) {
            return anyOf(first, second);
        }
        return switch (type) {
            case "object" -> objects(first, second);
            case "array" -> arrays(first, second);
            // Pinned values of one type (an error code per state): any of them, which generated types and mocks keep.
            default ->
                firstPinned != null && secondPinned != null
                        ? pinnedValues(type, firstPinned, secondPinned)
                        // Two different constraints of one type: the type is what they share.
                        : typed(type);
        };
    }

    private static ObjectNode objects(ObjectNode first, ObjectNode second) {
        ObjectNode union = typed("object");
        Set<String> required = new LinkedHashSet<>(strings(first.path("required")));
        required.retainAll(strings(second.path("required")));
        ArrayNode requiredNode = union.putArray("required");
        required.forEach(requiredNode::add);
        ObjectNode properties = union.putObject("properties");
        Set<String> names = new LinkedHashSet<>(first.path("properties").propertyNames());
        names.addAll(second.path("properties").propertyNames());
        for (String name : names) {
            JsonNode a = first.path("properties").get(name);
            JsonNode b = second.path("properties").get(name);
            properties.set(name, a == null ? b : b == null ? a : union((ObjectNode) a, (ObjectNode) b));
        }
        return union;
    }

    private static ObjectNode arrays(ObjectNode first, ObjectNode second) {
        ObjectNode union = typed("array");
        List<ObjectNode> elements = new ArrayList<>();
        elements.addAll(elements(first));
        elements.addAll(elements(second));
        if (!elements.isEmpty()) {
            ObjectNode items = elements.get(0);
            for (ObjectNode element : elements.subList(1, elements.size())) {
                items = union(items, element);
            }
            union.set("items", items);
        }
        int minItems = Math.min(
                first.path("minItems").asInt(0), second.path("minItems").asInt(0));
        if (minItems > 0) {
            union.put("minItems", minItems);
        }
        if (first.has("maxItems") && second.has("maxItems")) {
            union.put(
                    "maxItems",
                    Math.max(
                            first.get("maxItems").asInt(),
                            second.get("maxItems").asInt()));
        }
        return union;
    }

    /** Every schema an element of this array may have to satisfy: its items and its pinned positions. */
    private static List<ObjectNode> elements(ObjectNode array) {
        List<ObjectNode> elements = new ArrayList<>();
        array.path("prefixItems").forEach(element -> elements.add((ObjectNode) element));
        if (array.get("items") instanceof ObjectNode items) {
            elements.add(items);
        }
        return elements;
    }

    private static ObjectNode anyOf(ObjectNode first, ObjectNode second) {
        ObjectNode union = PublishedJson.MAPPER.createObjectNode();
        ArrayNode alternatives = union.putArray("anyOf");
        for (ObjectNode schema : List.of(first, second)) {
            if (schema.has("anyOf")) {
                schema.get("anyOf").forEach(alternatives::add);
            } else {
                alternatives.add(schema);
            }
        }
        return union;
    }

    /** The values a schema pins ({@code const}, or an {@code enum} with at most a type beside it); null when it pins none. */
    private static List<JsonNode> pinned(ObjectNode schema) {
        if (schema.has("const")) {
            return List.of(schema.get("const"));
        }
        Set<String> keywords = new LinkedHashSet<>(schema.propertyNames());
        keywords.remove("type");
        if (keywords.equals(Set.of("enum")) && schema.get("enum").isArray()) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            return values;
        }
        return null;
    }

    private static ObjectNode pinnedValues(String type, List<JsonNode> first, List<JsonNode> second) {
        ObjectNode union = typed(type);
        Set<JsonNode> values = new LinkedHashSet<>(first);
        values.addAll(second);
        ArrayNode enumeration = union.putArray("enum");
        values.forEach(enumeration::add);
        return union;
    }

    private static boolean accepts(ObjectNode schema, JsonNode value) {
        return new BodyRules(schema).accepts(value);
    }

    /** The JSON type a schema requires, from "type" or from its pinned value; null when it names none. */
    private static String typeOf(ObjectNode schema) {
        if (schema.has("type")) {
            return schema.get("type").asString();
        }
        JsonNode pinned = schema.has("const")
                ? schema.get("const")
                : schema.path("enum").path(0).isMissingNode()
                        ? null
                        : schema.get("enum").get(0);
        if (pinned == null) {
            return null;
        }
        return pinned.isIntegralNumber()
                ? "integer"
                : pinned.isNumber() ? "number" : pinned.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode typed(String type) {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.put("type", type);
        return schema;
    }

    /** A contract's rules without what describes the document rather than the body. */
    private static ObjectNode stripped(JsonNode schema) {
        ObjectNode copy = (ObjectNode) schema.deepCopy();
        copy.remove(List.of("$schema", "$comment", "title", "description"));
        return copy;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(Objects.requireNonNull(value.asString())));
        return values;
    }
}
