package tech.flashback.creditpacks.tools.published;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a contract allows in a response body, as a JSON Schema (2020-12) document: the form in
 * which the rules are published (any language can validate against it) and checked here, by
 * networknt's validator. Each violation becomes a {@link Problem} a producer team can act on: the
 * JSON path, what the contract expects there and what was there.
 */
public final class BodyRules {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /**
     * Patterns are ECMA-262 regular expressions, as JSON Schema specifies (Java's own {@code \S}
     * would count a no-break space as a character, where JavaScript and Python validators do not).
     */
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                    .build()));

    private static final Set<String> BOUNDS = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");
    /** Keywords whose value names subschemas by property, pattern or definition: each value a schema. */
    private static final Set<String> SCHEMA_MAPS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");
    /** Keywords whose value is instance data, not a schema: a "minimum" in there is a value, not a bound. */
    private static final Set<String> DATA = Set.of("const", "enum", "default", "examples");

    private final JsonNode document;
    private final Schema schema;

    public BodyRules(JsonNode document) {
        this.document = document;
        this.schema = SCHEMAS.getSchema(exactBounds(document.deepCopy()));
    }

    /** The JSON Schema document, as published. */
    public JsonNode document() {
        return document;
    }

    public boolean accepts(JsonNode body) {
        return problems(body).isEmpty();
    }

    public List<Problem> problems(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(body)) {
            problems.add(problem(error));
        }
        problems.addAll(infiniteNumbers(body, problems));
        return problems;
    }

    /**
     * A number beyond the range of a double (1e400) where the rules expect a number, and no other
     * problem was found there: compared exactly it may honour the rules ({@code 1e400} is an integer
     * at least 1), but RFC 8259 §6 gives interoperable JSON a double's range, and JavaScript's
     * {@code JSON.parse} (and Python's json, for a number with a fraction or an exponent) reads it as
     * Infinity, which no JSON Schema validator of theirs takes for an integer. Whether the rules expect a
     * number there is asked of the rules themselves: with a boolean in its place, do they object?
     */
    private List<Problem> infiniteNumbers(JsonNode body, List<Problem> found) {
        Map<String, JsonNode> infinite = new LinkedHashMap<>();
        collectInfinite(body, "$", infinite);
        Set<String> judged = found.stream().map(Problem::where).collect(Collectors.toSet());
        infinite.keySet().removeAll(judged);
        if (infinite.isEmpty()) {
            return List.of();
        }
        JsonNode probe = body.deepCopy();
        replaceInfinite(probe, "$", infinite.keySet());
        Map<String, Problem> objections = new LinkedHashMap<>();
        for (Error error : schema.validate(probe)) {
            Problem objection = problem(error);
            if (infinite.containsKey(objection.where())) {
                objections.putIfAbsent(
                        objection.where(),
                        new Problem(
                                objection.where(),
                                objection.expected(),
                                Problem.describe(infinite.get(objection.where()))
                                        + ", beyond the range of a double (RFC 8259 §6),"
                                        + " which JavaScript reads as Infinity"));
            }
        }
        return List.copyOf(objections.values());
    }

    private static void collectInfinite(JsonNode node, String path, Map<String, JsonNode> infinite) {
        if (node.isNumber() && Double.isInfinite(node.decimalValue().doubleValue())) {
            infinite.put(path, node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectInfinite(node.get(i), path + "[" + i + "]", infinite);
            }
        } else if (node.isObject()) {
            node.properties()
                    .forEach(field -> collectInfinite(field.getValue(), child(path, field.getKey()), infinite));
        }
    }

    private static void replaceInfinite(JsonNode node, String path, Set<String> infinite) {
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (infinite.contains(path + "[" + i + "]")) {
                    array.set(i, BooleanNode.TRUE);
                } else {
                    replaceInfinite(array.get(i), path + "[" + i + "]", infinite);
                }
            }
        } else if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                if (infinite.contains(child(path, name))) {
                    object.set(name, BooleanNode.TRUE);
                } else {
                    replaceInfinite(object.get(name), child(path, name), infinite);
                }
            }
        }
    }

    /**
     * The rules as validated: each integer bound ({@code "minimum": 1}) written as a decimal. They
     * mean the same number, but networknt compares an integer bound of an integer-typed value through
     * {@code long}, and a value beyond it ({@code 1e19}, {@code 1e400}) threw instead of comparing;
     * a decimal bound is compared as BigDecimal, exactly. The published document is left as it is.
     */
    private static JsonNode exactBounds(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            for (String keyword : List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(keyword);
                if (BOUNDS.contains(keyword) && value.isIntegralNumber()) {
                    object.set(keyword, DecimalNode.valueOf(value.decimalValue()));
                } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                    value.forEach(BodyRules::exactBounds);
                } else if (!DATA.contains(keyword)) {
                    exactBounds(value);
                }
            }
        } else if (schema instanceof ArrayNode array) {
            array.forEach(BodyRules::exactBounds);
        }
        return schema;
    }

    private static Problem problem(Error error) {
        String where = jsonPath(error.getInstanceLocation());
        JsonNode rule = error.getSchemaNode();
        JsonNode actual = error.getInstanceNode();
        return switch (error.getKeyword()) {
            case "required" ->
                new Problem(
                        child(where, error.getProperty()),
                        "a value (the field is required)",
                        "no such field (fields: " + fieldNames(actual) + ")");
            case "type" -> new Problem(where, typeName(rule), Problem.describe(actual));
            case "const" -> new Problem(where, "exactly " + rule, Problem.describe(actual));
            case "enum" -> new Problem(where, "one of " + rule, Problem.describe(actual));
            case "minimum" -> new Problem(where, "at least " + rule, Problem.describe(actual));
            case "exclusiveMinimum" -> new Problem(where, "more than " + rule, Problem.describe(actual));
            case "maximum" -> new Problem(where, "at most " + rule, Problem.describe(actual));
            case "pattern" ->
                new Problem(
                        where,
                        rule.asString().equals("\\S")
                                ? "a string with a non-blank character"
                                : "a string matching " + rule.asString(),
                        Problem.describe(actual));
            case "minLength" -> new Problem(where, "at least " + rule + " character(s)", Problem.describe(actual));
            case "minItems" -> new Problem(where, "at least " + rule + " element(s)", Problem.describe(actual));
            case "maxItems" ->
                new Problem(
                        where,
                        rule.asInt() == 0 ? "an empty array" : "at most " + rule + " element(s)",
                        Problem.describe(actual));
            case "items" ->
                new Problem(
                        where + "[" + error.getIndex() + "]",
                        "no element (the contract lists exactly " + error.getIndex() + ")",
                        Problem.describe(actual.path(error.getIndex())));
            default ->
                new Problem(
                        where,
                        "what the rule " + error.getKeyword() + " " + Problem.shorten(String.valueOf(rule))
                                + " allows (" + error.getMessage() + ")",
                        Problem.describe(actual));
        };
    }

    /** networknt's instance location as the JSON path a reader knows: {@code $.data[0].price}. */
    static String jsonPath(NodePath location) {
        StringBuilder path = new StringBuilder("$");
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.append(element instanceof Integer index ? "[" + index + "]" : childSegment(element.toString()));
        }
        return path.toString();
    }

    private static String child(String path, String name) {
        return path + childSegment(name);
    }

    private static String childSegment(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name.replace("'", "\\'") + "']";
    }

    private static String typeName(JsonNode type) {
        if (type.isArray()) {
            return StreamSupport.stream(type.spliterator(), false)
                    .map(BodyRules::typeName)
                    .collect(Collectors.joining(" or "));
        }
        return switch (type.asString()) {
            case "integer" -> "an integer";
            case "object" -> "an object";
            case "array" -> "an array";
            case "null" -> "null";
            default -> "a " + type.asString();
        };
    }

    private static String fieldNames(JsonNode object) {
        return object == null ? "" : Problem.shorten(String.join(", ", object.propertyNames()));
    }
}
