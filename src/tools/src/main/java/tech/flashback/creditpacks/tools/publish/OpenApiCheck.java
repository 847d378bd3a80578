package tech.flashback.creditpacks.tools.publish;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.Problem;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The build's check of the generated OpenAPI document, before anyone is handed it: swagger-parser
 * (the reference parser) must read it without a message; every example (of a response, of a
 * request body, of a parameter, of a stub selector) must satisfy the schema it is the example of;
 * every operation needs an id of its own; and each stub state must name an example its response has.
 */
final class OpenApiCheck {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private OpenApiCheck() {}

    static void assertValid(String document) {
        List<String> problems = new ArrayList<>(parserProblems(document));
        Map<String, String> operationIds = new HashMap<>();
        YAML.readTree(document)
                .path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(entry -> {
                    String operation = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    JsonNode definition = entry.getValue();
                    String id = definition.path("operationId").asString(null);
                    String other = id == null ? null : operationIds.putIfAbsent(id, operation);
                    if (other != null) {
                        problems.add(operation + ": the operationId " + id + " is also the one of " + other);
                    }
                    checkExamples(operation, definition, problems);
                    checkStates(operation, definition, problems);
                }));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The generated OpenAPI document is not valid:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), Problem.SHOWN)))
                    + (problems.size() > Problem.SHOWN
                            ? "\n  ... and " + (problems.size() - Problem.SHOWN) + " more"
                            : ""));
        }
    }

    /** What the reference parser says of the document. */
    private static List<String> parserProblems(String document) {
        List<String> problems = new ArrayList<>();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        if (parsed.getOpenAPI() == null) {
            problems.add("swagger-parser cannot read it");
        }
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(message -> problems.add("swagger-parser: " + message));
        }
        return problems;
    }

    /** Every example of the operation (its parameters', its request body's, its responses', its selectors') held to its schema. */
    private static void checkExamples(String operation, JsonNode definition, List<String> problems) {
        definition
                .path("parameters")
                .forEach(parameter -> examples(
                        parameter.path("schema"),
                        problems,
                        operation + " parameter " + parameter.path("name").asString() + " ("
                                + parameter.path("in").asString() + ")"));
        media(definition.path("requestBody"), problems, operation + " request body");
        definition
                .path("responses")
                .properties()
                .forEach(response -> media(response.getValue(), problems, operation + " " + response.getKey()));
        definition.path(OpenApiDocument.SELECTORS).forEach(selector -> {
            BodyRules schema = new BodyRules(selector.path("schema"));
            String where = operation + " stub selector " + selector.path("name").asString();
            examples(selector.path("schema"), problems, where);
            selector.path("answers")
                    .forEach(response -> schema.problems(response.path("value"))
                            .forEach(problem ->
                                    problems.add(where + " value " + response.path("value") + ": " + problem)));
        });
    }

    /** Each stub state names an example its response has. */
    private static void checkStates(String operation, JsonNode definition, List<String> problems) {
        definition.path(OpenApiDocument.STATES).path("states").forEach(state -> {
            String status = state.path("status").asString();
            String example = state.path("example").asString();
            JsonNode response = definition.path("responses").path(status);
            boolean named = response.path("content").isEmpty()
                    || response.path("content")
                            .valueStream()
                            .anyMatch(media -> media.path("examples").has(example));
            if (!named) {
                problems.add(operation + " stub state " + state.path("state").asString() + ": its response " + status
                        + " has no example named " + example);
            }
        });
    }

    /** Each named example of each media type held to the media type's schema. */
    private static void media(JsonNode described, List<String> problems, String where) {
        described.path("content").properties().forEach(media -> {
            BodyRules schema = new BodyRules(media.getValue().path("schema"));
            media.getValue()
                    .path("examples")
                    .properties()
                    .forEach(example -> schema.problems(example.getValue().path("value"))
                            .forEach(problem -> problems.add(where + " example " + example.getKey() + ": " + problem)));
        });
    }

    /** The values a schema gives as its own {@code examples}, held to it. */
    private static void examples(JsonNode schema, List<String> problems, String where) {
        if (!schema.has("examples")) {
            return;
        }
        BodyRules rules = new BodyRules(schema);
        schema.path("examples")
                .forEach(example -> rules.problems(example)
                        .forEach(problem -> problems.add(where + " example " + example + ": " + problem)));
    }
}
