package tech.flashback.creditpacks.tools.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import tools.jackson.databind.JsonNode;

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
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            registry -> registry.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(JoniRegularExpressionFactory.getInstance()).build()));

    private final JsonNode document;
    private final Schema schema;

    public BodyRules(JsonNode document) {
        this.document = document;
        this.schema = SCHEMAS.getSchema(document);
    }

    /** The JSON Schema document, as published. */
    public JsonNode document() {
        return document;
    }

    public boolean accepts(JsonNode body) {
        return schema.validate(body).isEmpty();
    }

    public List<Problem> problems(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        for (Error error : schema.validate(body)) {
            problems.add(problem(error));
        }
        return problems;
    }

    private static Problem problem(Error error) {
        String where = jsonPath(error.getInstanceLocation());
        JsonNode rule = error.getSchemaNode();
        JsonNode actual = error.getInstanceNode();
        return switch (error.getKeyword()) {
            case "required" -> new Problem(child(where, error.getProperty()), "a value (the field is required)",
                    "no such field (fields: " + fieldNames(actual) + ")");
            case "type" -> new Problem(where, typeName(rule), Problem.describe(actual));
            case "const" -> new Problem(where, "exactly " + rule, Problem.describe(actual));
            case "enum" -> new Problem(where, "one of " + rule, Problem.describe(actual));
            case "minimum" -> new Problem(where, "at least " + rule, Problem.describe(actual));
            case "exclusiveMinimum" -> new Problem(where, "more than " + rule, Problem.describe(actual));
            case "maximum" -> new Problem(where, "at most " + rule, Problem.describe(actual));
            case "pattern" -> new Problem(where, rule.asString().equals("\\S") ? "a string with a non-blank character"
                    : "a string matching " + rule.asString(), Problem.describe(actual));
            case "minLength" -> new Problem(where, "at least " + rule + " character(s)", Problem.describe(actual));
            case "minItems" -> new Problem(where, "at least " + rule + " element(s)", Problem.describe(actual));
            case "maxItems" -> new Problem(where, rule.asInt() == 0 ? "an empty array" : "at most " + rule + " element(s)",
                    Problem.describe(actual));
            case "items" -> new Problem(where + "[" + error.getIndex() + "]",
                    "no element (the contract lists exactly " + error.getIndex() + ")",
                    Problem.describe(actual.path(error.getIndex())));
            default -> new Problem(where, "what the rule " + error.getKeyword() + " " + Problem.shorten(String.valueOf(rule))
                    + " allows (" + error.getMessage() + ")", Problem.describe(actual));
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
            return StreamSupport.stream(type.spliterator(), false).map(BodyRules::typeName).collect(Collectors.joining(" or "));
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
