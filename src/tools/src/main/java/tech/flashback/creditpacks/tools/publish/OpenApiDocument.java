package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import tech.flashback.creditpacks.tools.contracts.PublishedJson;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;

/**
 * An OpenAPI 3.1 document of the published contracts, for the tools consumers already have
 * (openapi-typescript, Prism, Swagger UI, any client generator): each path and method, the stub
 * selectors as parameters, a response per status whose schema accepts what every contract with
 * that status accepts ({@link SchemaUnion}), each contract's example under its producer state's
 * name (the default state's first, which is what Prism answers without a preference), and how a
 * stub user reaches each state. Derived from the published stubs and rules, so it cannot say
 * anything they do not.
 */
final class OpenApiDocument {

    static final Path FILE = Path.of("openapi.yaml");
    /**
     * The same document as JSON, for the stubs jar: Stub Runner tries every {@code .yaml} file in a
     * stubs jar as a contract, and would log a warning with a stack trace in every consumer's build.
     */
    static final Path JAR_FILE = Path.of("openapi.json");

    /** How the document describes itself: also the record that the build wrote it. */
    static final String GENERATED = "Generated from the contracts in contracts/ by the build";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            // A string that reads as a number ("1") must stay a string for YAML readers.
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** One published contract stub, as the document needs it. */
    private record Stub(String contract, String state, String scenario, String scenarioState, String method, String path, int status,
            String mediaType, JsonNode example, JsonNode rules, String description, Map<String, String> selector,
            Map<String, String> selectorPatterns) {
    }

    private OpenApiDocument() {
    }

    /** The YAML document, as JSON (the same tree, for the stubs jar). */
    static String asJson(String yaml) {
        return PublishedJson.pretty(YAML.readTree(yaml));
    }

    /**
     * @param published the published files, by path relative to the published folder
     * @param version the API's version as the document states it
     */
    static String write(Map<Path, String> published, String title, String version) {
        List<Stub> stubs = stubs(published);
        ObjectNode document = PublishedJson.MAPPER.createObjectNode();
        document.put("openapi", "3.1.0");
        ObjectNode info = document.putObject("info");
        info.put("title", title);
        info.put("version", version);
        info.put("description", """
                %s, with the stubs and their rules:
                edit the contracts, not this file. Each response's examples are named after the producer
                state that answers them; the stubs reach each state through the WireMock scenario named
                in x-stub-states.""".formatted(GENERATED));
        ObjectNode paths = document.putObject("paths");
        Map<String, Map<String, List<Stub>>> byPath = new TreeMap<>();
        stubs.forEach(stub -> byPath.computeIfAbsent(stub.path(), unused -> new TreeMap<>())
                .computeIfAbsent(stub.method(), unused -> new ArrayList<>()).add(stub));
        byPath.forEach((path, byMethod) -> {
            ObjectNode item = paths.putObject(path);
            byMethod.forEach((method, ofOperation) -> item.set(method.toLowerCase(Locale.ROOT), operation(method, path, ofOperation)));
        });
        return YAML.writeValueAsString(document);
    }

    private static ObjectNode operation(String method, String path, List<Stub> stubs) {
        ObjectNode operation = PublishedJson.MAPPER.createObjectNode();
        operation.put("operationId", operationId(method, path));
        List<Stub> contracts = stubs.stream().filter(stub -> stub.selector().isEmpty()).sorted(statesFirstDefault()).toList();
        StringBuilder description = new StringBuilder("Stub states (WireMock scenario ").append(scenario(stubs)).append("):\n");
        contracts.forEach(stub -> description.append("- ").append(stub.state()).append(": ").append(stub.status())
                .append(" (").append(stub.contract()).append(PublishedStubs.STARTED.equals(stub.scenarioState())
                        ? ", the state the stubs start in)" : ")").append('\n'));
        description.append("Switch with PUT /__admin/scenarios/").append(scenario(stubs))
                .append("/state {\"state\": \"<state>\"}; POST /__admin/scenarios/reset goes back to the first.");
        operation.put("description", description.toString());

        Map<String, TreeSet<String>> selectors = new TreeMap<>();
        stubs.forEach(stub -> stub.selector().forEach((name, value) ->
                selectors.computeIfAbsent(name, unused -> new TreeSet<>()).add(value)));
        if (!selectors.isEmpty()) {
            ArrayNode parameters = operation.putArray("parameters");
            selectors.forEach((name, values) -> {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", name);
                parameter.put("in", "query");
                parameter.put("required", false);
                StringBuilder reached = new StringBuilder("Stubs only; producers ignore it. In any stub state,");
                stubs.stream().filter(stub -> stub.selector().containsKey(name)).forEach(stub -> reached.append(" ")
                        .append(stub.selector().get(name)).append(" answers ").append(stub.status()).append(" (")
                        .append(stub.contract()).append(")"));
                parameter.put("description", reached.append('.').toString());
                ObjectNode schema = parameter.putObject("schema");
                schema.put("type", "string");
                List<Stub> selecting = stubs.stream().filter(stub -> stub.selector().containsKey(name)).toList();
                List<String> patterns = selecting.stream().map(stub -> stub.selectorPatterns().get(name))
                        .filter(Objects::nonNull).distinct().toList();
                List<String> exact = selecting.stream().filter(stub -> !stub.selectorPatterns().containsKey(name))
                        .map(stub -> stub.selector().get(name)).distinct().sorted().toList();
                if (patterns.isEmpty()) {
                    exact.forEach(schema.putArray("enum")::add);
                } else {
                    // WireMock matches the whole value; an OpenAPI pattern matches anywhere unless anchored.
                    String pattern = patterns.stream().map(one -> "^(?:" + one + ")$").collect(Collectors.joining("|"));
                    if (exact.isEmpty()) {
                        schema.put("pattern", pattern);
                    } else {
                        ArrayNode anyOf = schema.putArray("anyOf");
                        anyOf.addObject().put("pattern", pattern);
                        ArrayNode exactValues = anyOf.addObject().putArray("enum");
                        exact.forEach(exactValues::add);
                    }
                    values.forEach(schema.putArray("examples")::add);
                }
            });
        }

        ObjectNode responses = operation.putObject("responses");
        Map<Integer, List<Stub>> byStatus = new TreeMap<>();
        contracts.forEach(stub -> byStatus.computeIfAbsent(stub.status(), unused -> new ArrayList<>()).add(stub));
        byStatus.forEach((status, ofStatus) -> responses.set(String.valueOf(status), response(status, ofStatus)));

        ObjectNode states = operation.putObject("x-stub-states");
        states.put("scenario", scenario(stubs));
        ArrayNode list = states.putArray("states");
        contracts.forEach(stub -> {
            ObjectNode state = list.addObject();
            state.put("state", stub.state());
            state.put("scenarioState", stub.scenarioState());
            state.put("status", stub.status());
            state.put("example", stub.state());
        });
        return operation;
    }

    private static ObjectNode response(int status, List<Stub> stubs) {
        ObjectNode response = PublishedJson.MAPPER.createObjectNode();
        HttpStatus known = HttpStatus.resolve(status);
        StringBuilder description = new StringBuilder(known == null ? String.valueOf(status) : known.getReasonPhrase());
        stubs.forEach(stub -> description.append("\n\nIn state ").append(stub.state()).append(": ").append(stub.description()));
        response.put("description", description.toString());
        Map<String, List<Stub>> byMediaType = new LinkedHashMap<>();
        // A contract without a body (a HEAD, a 204) has no content to describe.
        stubs.stream().filter(stub -> stub.rules() != null)
                .forEach(stub -> byMediaType.computeIfAbsent(stub.mediaType(), unused -> new ArrayList<>()).add(stub));
        if (byMediaType.isEmpty()) {
            return response;
        }
        ObjectNode content = response.putObject("content");
        byMediaType.forEach((mediaType, ofType) -> {
            ObjectNode media = content.putObject(mediaType);
            media.set("schema", SchemaUnion.of(ofType.stream().map(Stub::rules).toList()));
            ObjectNode examples = media.putObject("examples");
            for (Stub stub : ofType) {
                ObjectNode example = examples.putObject(stub.state());
                example.put("summary", stub.contract());
                example.set("value", stub.example());
            }
        });
        return response;
    }

    private static List<Stub> stubs(Map<Path, String> published) {
        List<Stub> stubs = new ArrayList<>();
        published.forEach((file, text) -> {
            if (!file.startsWith(PublishedStubs.MAPPINGS)) {
                return;
            }
            JsonNode mapping = PublishedJson.MAPPER.readTree(text);
            JsonNode contract = mapping.path("metadata").path("contract");
            JsonNode request = contract.path("request");
            String rulesFile = contract.path("response").path("rules").asString(null);
            JsonNode rules = rulesFile == null ? null : PublishedJson.MAPPER.readTree(published.get(Path.of(rulesFile)));
            Map<String, String> selector = new TreeMap<>();
            contract.path("selector").properties().forEach(entry -> selector.put(entry.getKey(), entry.getValue().asString()));
            Map<String, String> selectorPatterns = new TreeMap<>();
            selector.keySet().forEach(name -> {
                JsonNode pattern = mapping.path("request").path("queryParameters").path(name).get("matches");
                if (pattern != null) {
                    selectorPatterns.put(name, pattern.asString());
                }
            });
            String contentType = mapping.path("response").path("headers").path("Content-Type").asString("application/json");
            stubs.add(new Stub(contract.path("name").asString(), contract.path("state").asString(),
                    mapping.path("scenarioName").asString(null), mapping.path("requiredScenarioState").asString(null),
                    request.path("method").asString(),
                    request.path("path").asString(), contract.path("response").path("status").asInt(),
                    contentType.replaceFirst(";.*$", "").strip(), mapping.path("response").get("jsonBody"), rules,
                    rules == null ? "" : rules.path("description").asString(""), selector, selectorPatterns));
        });
        return stubs;
    }

    /** The default state's stub first (the example a tool shows without a preference), then by state. */
    private static Comparator<Stub> statesFirstDefault() {
        return Comparator.comparing((Stub stub) -> !PublishedStubs.STARTED.equals(stub.scenarioState())).thenComparing(Stub::state);
    }

    private static String scenario(List<Stub> stubs) {
        return stubs.stream().map(Stub::scenario).filter(Objects::nonNull).findAny().orElse("(none)");
    }

    /** {@code GET /credits/packs} becomes {@code getCreditsPacks}, the reference client's name for it. */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        for (String segment : path.split("[/_-]+")) {
            if (!segment.isEmpty() && !segment.startsWith("{")) {
                id.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
            }
        }
        return id.toString();
    }
}
