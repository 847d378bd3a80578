package tech.flashback.creditpacks.tools.publish;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import tech.flashback.creditpacks.tools.contracts.BodyRules;
import tech.flashback.creditpacks.tools.contracts.Problem;

/**
 * The build's check of the generated OpenAPI document, before anyone is handed it: swagger-parser
 * (the reference parser) must read it without a message, and every example must satisfy the
 * schema it is the example of.
 */
final class OpenApiCheck {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private OpenApiCheck() {
    }

    static void assertValid(String document) {
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
        JsonNode tree = YAML.readTree(document);
        tree.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("responses").properties().forEach(response ->
                        response.getValue().path("content").properties().forEach(media -> {
                            BodyRules schema = new BodyRules(media.getValue().path("schema"));
                            media.getValue().path("examples").properties().forEach(example -> schema.problems(example.getValue().path("value"))
                                    .forEach(problem -> problems.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " "
                                            + path.getKey() + " " + response.getKey() + " example " + example.getKey() + ": " + problem)));
                        }))));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The generated OpenAPI document is not valid:\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(problems.size(), Problem.SHOWN)))
                    + (problems.size() > Problem.SHOWN ? "\n  ... and " + (problems.size() - Problem.SHOWN) + " more" : ""));
        }
    }
}
