package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

/**
 * An OpenAPI 3.1 document of the published contracts, for the tools consumers already have
 * (openapi-typescript and openapi-fetch, orval, msw-auto-mock, Prism, Swagger UI, any client
 * generator). For each path and method, from its stubs:
 * <ul>
 * <li>the request: the path (a template whose parameters carry the stubs' path patterns,
 *     {@link PathTemplate}), the query parameters, headers and cookies the stubs match on (each
 *     required where every stub of the operation requires it, its schema from the stubs' matcher),
 *     and the body (its schema from the contracts' request rules, required where every stub
 *     matches a body);</li>
 * <li>a response per status whose schema accepts what every contract with that status accepts
 *     ({@link SchemaUnion}), each contract's example under its producer state's name (the default
 *     state's first, which is what Prism answers without a preference);</li>
 * <li>how a stub user reaches each state ({@code x-stub-states}) and the selectors only the stubs
 *     know ({@code x-stub-selectors}): beside the API's parameters, never among them, so that no
 *     generated client, mock or validating proxy treats them as the API's.</li>
 * </ul>
 * Pinned values carry {@code enum} beside {@code const}, which generators of types and mocks read
 * where some ignore {@code const}; every string is quoted, so that no YAML reader takes an example
 * for a date or a number; the stub server is the document's server, so that tools which match
 * requests by the document's URLs (MSW) match it. Derived from the published stubs and rules, so
 * it cannot say anything they do not.
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

    /** Where src/stub-server/serve serves the stubs by default. */
    static final String STUB_SERVER = "http://localhost:8090";

    /** The extension beside an operation's parameters that names the stub-only selectors. */
    static final String SELECTORS = "x-stub-selectors";

    static final String STATES = "x-stub-states";

    /**
     * Request headers OpenAPI describes elsewhere ({@code Accept} by the responses, {@code Content-Type}
     * by the request body, {@code Authorization} by security schemes): as parameters, it says they are ignored.
     */
    private static final Set<String> HEADERS_DESCRIBED_ELSEWHERE = Set.of("accept", "content-type", "authorization");

    /**
     * Every single-line string quoted: unquoted, a date-like example ({@code 2024-05-01}) is a date
     * to YAML 1.1 readers (PyYAML, js-yaml's default schema in older tools), and {@code 1e3} or
     * {@code no} are worse. Multi-line descriptions stay literal blocks, which are always strings.
     */
    private static final StringQuotingChecker QUOTE_EVERY_STRING = new StringQuotingChecker.Default() {
        @Override
        public boolean needToQuoteValue(String value) {
            return true;
        }
    };

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(QUOTE_EVERY_STRING)
                    .build())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    /** Keywords whose value is instance data, not a schema. */
    private static final Set<String> DATA = Set.of("const", "enum", "default", "examples", "example");
    /** Keywords whose value names subschemas by property, pattern or definition. */
    private static final Set<String> SCHEMA_MAPS =
            Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]+");

    /**
     * One published stub, as the document needs it.
     *
     * @param request  the request the contract's test sends, which the stub answers
     * @param matcher  the stub's request matcher
     * @param selector the stub-only query parameters that select it in any state (empty: the contract's own stub)
     */
    private record Stub(
            String contract,
            String state,
            String scenario,
            String scenarioState,
            ExampleRequest request,
            JsonNode matcher,
            PathTemplate path,
            JsonNode requestRules,
            int status,
            String mediaType,
            JsonNode example,
            JsonNode rules,
            String description,
            Map<String, String> selector,
            Map<String, String> selectorPatterns) {

        String method() {
            return request.method();
        }

        boolean matchesBody() {
            return !matcher.path("bodyPatterns").isEmpty();
        }
    }

    /** A request parameter as one stub matches it: its schema, and the value its example request sends (null: none). */
    private record Matched(String name, ObjectNode schema, String example, String note) {}

    private OpenApiDocument() {}

    /** The YAML document, as JSON (the same tree, for the stubs jar). */
    static String asJson(String yaml) {
        return PublishedJson.pretty(YAML.readTree(yaml));
    }

    /**
     * @param contracts the contracts the document describes, in their published form
     * @param version the API's version as the document states it
     */
    static String write(List<PublishedContract> contracts, String title, String version) {
        ObjectNode document = PublishedJson.MAPPER.createObjectNode();
        document.put("openapi", "3.1.0");
        document.set("info", info(title, version));
        ObjectNode server = document.putArray("servers").addObject();
        server.put("url", STUB_SERVER);
        server.put(
                "description",
                "The stub server (src/stub-server/serve, its default port). A producer answers the same"
                        + " paths at its own base URL.");
        ObjectNode paths = document.putObject("paths");
        Set<String> operationIds = new LinkedHashSet<>();
        byPathAndMethod(stubs(contracts)).forEach((path, byMethod) -> {
            ObjectNode item = paths.putObject(path);
            byMethod.forEach((method, ofOperation) ->
                    item.set(method.toLowerCase(Locale.ROOT), operation(method, path, ofOperation, operationIds)));
        });
        return YAML.writeValueAsString(document);
    }

    private static ObjectNode info(String title, String version) {
        ObjectNode info = PublishedJson.MAPPER.createObjectNode();
        info.put("title", title);
        info.put("version", version);
        info.put("description", """
                %s, with the stubs and their rules:
                edit the contracts, not this file. Each response's examples are named after the producer
                state that answers them; the stubs reach each state through the WireMock scenario named
                in x-stub-states, and x-stub-selectors names the query parameters only the stubs know.""".formatted(GENERATED));
        return info;
    }

    /** The stubs by the path template and the method they take, each list in the order of the stubs' files. */
    private static Map<String, Map<String, List<Stub>>> byPathAndMethod(List<Stub> stubs) {
        Map<String, Map<String, List<Stub>>> byPath = new TreeMap<>();
        stubs.forEach(stub -> byPath.computeIfAbsent(stub.path().path(), unused -> new TreeMap<>())
                .computeIfAbsent(stub.method(), unused -> new ArrayList<>())
                .add(stub));
        return byPath;
    }

    private static ObjectNode operation(String method, String path, List<Stub> stubs, Set<String> operationIds) {
        ObjectNode operation = PublishedJson.MAPPER.createObjectNode();
        operation.put("operationId", uniqueOperationId(method, path, operationIds));
        List<Stub> contracts = stubs.stream()
                .filter(stub -> stub.selector().isEmpty())
                .sorted(statesFirstDefault())
                .toList();
        Map<Stub, String> examples = exampleNames(contracts);
        operation.put("description", description(contracts));
        ArrayNode parameters = parameters(contracts);
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        ObjectNode body = requestBody(contracts, examples);
        if (body != null) {
            operation.set("requestBody", body);
        }
        operation.set("responses", responses(contracts, examples));
        stubsOnly(operation, stubs, contracts, examples);
        return operation;
    }

    /** The operation's id, told apart from those of the operations before it by a number. */
    private static String uniqueOperationId(String method, String path, Set<String> operationIds) {
        String id = operationId(method, path);
        for (int n = 2; !operationIds.add(id); n++) {
            id = operationId(method, path) + n;
        }
        return id;
    }

    /** The request's parameters: its path's, then the query's, the headers and the cookies the stubs match on. */
    private static ArrayNode parameters(List<Stub> contracts) {
        ArrayNode parameters = PublishedJson.MAPPER.createArrayNode();
        pathParameters(contracts, parameters);
        parameters(contracts, "query", OpenApiDocument::queryParameters, parameters);
        parameters(contracts, "header", OpenApiDocument::headers, parameters);
        parameters(contracts, "cookie", OpenApiDocument::cookies, parameters);
        return parameters;
    }

    /** A response per status. */
    private static ObjectNode responses(List<Stub> contracts, Map<Stub, String> examples) {
        ObjectNode responses = PublishedJson.MAPPER.createObjectNode();
        Map<Integer, List<Stub>> byStatus = new TreeMap<>();
        contracts.forEach(stub -> byStatus.computeIfAbsent(stub.status(), unused -> new ArrayList<>())
                .add(stub));
        byStatus.forEach(
                (status, ofStatus) -> responses.set(String.valueOf(status), response(status, ofStatus, examples)));
        return responses;
    }

    /** What the stubs know beside the API: the selectors, the states, and the paths they take beyond the template. */
    private static void stubsOnly(
            ObjectNode operation, List<Stub> stubs, List<Stub> contracts, Map<Stub, String> examples) {
        List<Stub> selecting =
                stubs.stream().filter(stub -> !stub.selector().isEmpty()).toList();
        if (!selecting.isEmpty()) {
            operation.set(SELECTORS, selectors(selecting, contracts, examples));
        }
        operation.set(STATES, states(contracts, examples));
        List<String> unexpressed = stubs.stream()
                .map(stub -> stub.path().unexpressed())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (!unexpressed.isEmpty()) {
            // The stubs take more paths than the document names: say by which pattern.
            unexpressed.forEach(operation.putArray("x-stub-path-patterns")::add);
        }
    }

    private static String description(List<Stub> contracts) {
        StringBuilder description = new StringBuilder();
        Map<String, List<Stub>> byScenario = new LinkedHashMap<>();
        contracts.forEach(stub -> byScenario
                .computeIfAbsent(String.valueOf(stub.scenario()), unused -> new ArrayList<>())
                .add(stub));
        byScenario.forEach((scenario, ofScenario) -> {
            if (!description.isEmpty()) {
                description.append('\n');
            }
            description
                    .append("Stub states (WireMock scenario ")
                    .append(scenario)
                    .append("):\n");
            ofScenario.forEach(stub -> description
                    .append("- ")
                    .append(stub.state())
                    .append(": ")
                    .append(stub.status())
                    .append(" (")
                    .append(stub.contract())
                    .append(
                            PublishedStubs.STARTED.equals(stub.scenarioState())
                                    ? ", the state the stubs start in)"
                                    : ")")
                    .append('\n'));
            description
                    .append("Switch with PUT /__admin/scenarios/")
                    .append(scenario)
                    .append("/state {\"state\": \"<state>\"}; POST /__admin/scenarios/reset goes back to the first.");
        });
        return description.toString();
    }

    /** Each contract's example name: its state, or its state and name where two contracts of the operation share a state. */
    private static Map<Stub, String> exampleNames(List<Stub> contracts) {
        Map<String, Long> perState =
                contracts.stream().collect(Collectors.groupingBy(Stub::state, Collectors.counting()));
        Map<Stub, String> names = new LinkedHashMap<>();
        contracts.forEach(stub -> names.put(
                stub,
                perState.get(stub.state()) == 1
                        ? stub.state()
                        : stub.state() + "." + ContractPublication.fileName(stub.contract())));
        return names;
    }

    private static void pathParameters(List<Stub> contracts, ArrayNode parameters) {
        int count = contracts.get(0).path().parameters().size();
        for (int i = 0; i < count; i++) {
            int index = i;
            String name = contracts.get(0).path().parameters().get(i).name();
            List<Matched> matched = contracts.stream()
                    .map(stub -> {
                        PathTemplate.Parameter parameter =
                                stub.path().parameters().get(index);
                        ObjectNode schema = string();
                        if (parameter.pattern() != null) {
                            pattern(schema, parameter.pattern());
                        }
                        return new Matched(
                                name,
                                schema,
                                segment(stub.request().path(), stub.path().path(), name),
                                parameter.pattern() != null && !schema.has("pattern")
                                        ? unportableNote(parameter.pattern())
                                        : null);
                    })
                    .toList();
            parameters.add(parameter(name, "path", true, matched));
        }
    }

    /** The example request's value for a template's parameter: the segment standing where it stands. */
    private static String segment(String examplePath, String template, String name) {
        String[] sent = examplePath.split("/", -1);
        String[] named = template.split("/", -1);
        for (int i = 0; i < named.length && i < sent.length; i++) {
            if (named[i].equals("{" + name + "}")) {
                return sent[i];
            }
        }
        return null;
    }

    /**
     * The parameters of one location, across the operation's contracts: each required where every
     * contract's stub requires it, its schema what any of them accepts.
     */
    private static void parameters(
            List<Stub> contracts, String in, Function<Stub, List<Matched>> matchedBy, ArrayNode parameters) {
        Map<String, List<Matched>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Integer> stubsNaming = new HashMap<>();
        for (Stub stub : contracts) {
            Set<String> named = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (Matched matched : matchedBy.apply(stub)) {
                byName.computeIfAbsent(matched.name(), unused -> new ArrayList<>())
                        .add(matched);
                if (named.add(matched.name())) {
                    stubsNaming.merge(matched.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            }
        }
        byName.forEach((name, matched) -> parameters.add(parameter(
                matched.get(0).name(),
                in,
                stubsNaming.get(name.toLowerCase(Locale.ROOT)) == contracts.size(),
                matched)));
    }

    private static ObjectNode parameter(String name, String in, boolean required, List<Matched> matched) {
        ObjectNode parameter = PublishedJson.MAPPER.createObjectNode();
        parameter.put("name", name);
        parameter.put("in", in);
        parameter.put("required", required);
        List<String> notes = matched.stream()
                .map(Matched::note)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (!notes.isEmpty()) {
            parameter.put("description", String.join(" ", notes));
        }
        ObjectNode schema = SchemaUnion.of(
                matched.stream().map(one -> (JsonNode) one.schema()).toList());
        List<String> examples = matched.stream()
                .map(Matched::example)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (!examples.isEmpty()) {
            examples.forEach(schema.putArray("examples")::add);
        }
        parameter.set("schema", schema);
        return parameter;
    }

    private static List<Matched> queryParameters(Stub stub) {
        List<Matched> matched = new ArrayList<>();
        if (stub.matcher().has("url")) {
            // An exact URL: exactly its query string's parameters, each with its value.
            stub.request().query().forEach((name, value) -> {
                ObjectNode schema = string();
                schema.putArray("enum").add(value);
                matched.add(new Matched(name, schema, value, null));
            });
        } else if (stub.path().queryInPattern()) {
            stub.request()
                    .query()
                    .forEach((name, value) -> matched.add(new Matched(
                            name,
                            string(),
                            value,
                            "The stubs match the whole URL, this parameter included, by the pattern "
                                    + stub.matcher().path("urlPattern").asString() + ".")));
        } else {
            stub.matcher().path("queryParameters").properties().forEach(entry -> {
                if (stub.selector().containsKey(entry.getKey())) {
                    return;
                }
                Matched one = matched(
                        entry.getKey(), entry.getValue(), stub.request().query().get(entry.getKey()));
                if (one != null) {
                    matched.add(one);
                }
            });
        }
        return matched;
    }

    private static List<Matched> headers(Stub stub) {
        List<Matched> matched = new ArrayList<>();
        stub.matcher().path("headers").properties().forEach(entry -> {
            if (HEADERS_DESCRIBED_ELSEWHERE.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                return;
            }
            String sent = stub.request().headers().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase(entry.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            Matched one = matched(entry.getKey(), entry.getValue(), sent);
            if (one != null) {
                matched.add(one);
            }
        });
        return matched;
    }

    private static List<Matched> cookies(Stub stub) {
        Map<String, String> sent = new LinkedHashMap<>();
        stub.request().headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Cookie"))
                .flatMap(header -> Arrays.stream(header.getValue().split(";\\s*")))
                .map(pair -> pair.split("=", 2))
                .forEach(pair -> sent.put(pair[0].strip(), pair.length > 1 ? pair[1] : ""));
        List<Matched> matched = new ArrayList<>();
        stub.matcher().path("cookies").properties().forEach(entry -> {
            Matched one = matched(entry.getKey(), entry.getValue(), sent.get(entry.getKey()));
            if (one != null) {
                matched.add(one);
            }
        });
        return matched;
    }

    /**
     * A value as WireMock's matcher accepts it, as a schema: {@code equalTo} its value, {@code matches} its
     * pattern, {@code contains} its text, and their negations; null for {@code absent}, which a request
     * satisfies by not sending it, so the document does not list it.
     */
    private static Matched matched(String name, JsonNode matcher, String example) {
        if (matcher.path("absent").asBoolean(false)) {
            return null;
        }
        ObjectNode schema = string();
        String note = null;
        if (matcher.has("equalTo") && !matcher.path("caseInsensitive").asBoolean(false)) {
            schema.putArray("enum").add(matcher.get("equalTo").asString());
        } else if (matcher.has("equalTo")) {
            schema.put("pattern", "^" + caseInsensitive(matcher.get("equalTo").asString()) + "$");
        } else if (matcher.has("matches")) {
            note = pattern(schema, matcher.get("matches").asString())
                    ? null
                    : unportableNote(matcher.get("matches").asString());
        } else if (matcher.has("doesNotMatch")) {
            ObjectNode not = string();
            if (pattern(not, matcher.get("doesNotMatch").asString())) {
                not.remove("type");
                schema.set("not", not);
            } else {
                note = "The stubs refuse values matching the Java pattern "
                        + matcher.get("doesNotMatch").asString() + ".";
            }
        } else if (matcher.has("contains")) {
            schema.put("pattern", literal(matcher.get("contains").asString()));
        } else if (matcher.has("doesNotContain")) {
            schema.putObject("not")
                    .put("pattern", literal(matcher.get("doesNotContain").asString()));
        } else {
            note = "The stubs match it by " + matcher + ".";
        }
        return new Matched(name, schema, example, note);
    }

    /** Sets the anchored pattern on the schema when JSON Schema's patterns (ECMA-262) can say it; whether they can. */
    private static boolean pattern(ObjectNode schema, String regex) {
        if (ContractRules.unportable(regex) != null) {
            return false;
        }
        // WireMock matches the whole value; a JSON Schema pattern matches anywhere unless anchored.
        schema.put("pattern", "^(?:" + regex + ")$");
        return true;
    }

    private static String unportableNote(String regex) {
        return "The stubs match it by the Java pattern " + regex + ", which a JSON Schema pattern cannot say.";
    }

    /** A text as an ECMA-262 pattern matching it literally. */
    private static String literal(String text) {
        StringBuilder pattern = new StringBuilder();
        text.codePoints().forEach(c -> {
            if ("\\^$.|?*+()[]{}/".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }

    /** A text matched whatever its letters' case, without the inline flag ECMA-262 patterns lack. */
    private static String caseInsensitive(String text) {
        StringBuilder pattern = new StringBuilder();
        text.codePoints().forEach(c -> {
            int upper = Character.toUpperCase(c);
            int lower = Character.toLowerCase(c);
            if (upper != lower) {
                pattern.append('[')
                        .appendCodePoint(upper)
                        .appendCodePoint(lower)
                        .append(']');
            } else {
                pattern.append(literal(new String(Character.toChars(c))));
            }
        });
        return pattern.toString();
    }

    private static ObjectNode requestBody(List<Stub> contracts, Map<Stub, String> examples) {
        List<Stub> withBody = contracts.stream()
                .filter(stub -> stub.request().body() != null || stub.matchesBody())
                .toList();
        if (withBody.isEmpty()) {
            return null;
        }
        ObjectNode body = PublishedJson.MAPPER.createObjectNode();
        body.put(
                "description",
                "The body each state's contract sends: "
                        + withBody.stream()
                                .map(stub -> examples.get(stub) + " (" + stub.contract()
                                        + (stub.matchesBody() ? "" : "; its stub does not look at the body") + ")")
                                .collect(Collectors.joining(", "))
                        + ".");
        body.put("required", contracts.stream().allMatch(Stub::matchesBody));
        Map<String, List<Stub>> byMediaType = new TreeMap<>();
        withBody.forEach(stub -> byMediaType
                .computeIfAbsent(requestMediaType(stub), unused -> new ArrayList<>())
                .add(stub));
        ObjectNode content = body.putObject("content");
        byMediaType.forEach((mediaType, ofType) -> {
            ObjectNode media = content.putObject(mediaType);
            media.set(
                    "schema",
                    withEnums(SchemaUnion.of(ofType.stream()
                            .map(stub -> stub.requestRules() != null
                                    ? stub.requestRules()
                                    : stub.request().jsonBody() ? PublishedJson.MAPPER.createObjectNode() : string())
                            .toList())));
            List<Stub> exemplified = ofType.stream()
                    .filter(stub -> stub.request().body() != null)
                    .toList();
            if (!exemplified.isEmpty()) {
                ObjectNode named = media.putObject("examples");
                exemplified.forEach(stub -> {
                    ObjectNode example = named.putObject(examples.get(stub));
                    example.put("summary", stub.contract());
                    example.set(
                            "value",
                            stub.request().jsonBody()
                                    ? PublishedJson.MAPPER.readTree(
                                            stub.request().body())
                                    : PublishedJson.MAPPER
                                            .getNodeFactory()
                                            .stringNode(stub.request().body()));
                });
            }
        });
        return body;
    }

    /** The media type the contract's test sends its body as; without a Content-Type, JSON or text by the body. */
    private static String requestMediaType(Stub stub) {
        String declared = stub.request().contentType();
        if (declared != null && !declared.isBlank()) {
            return declared.split(";")[0].strip().toLowerCase(Locale.ROOT);
        }
        return stub.request().jsonBody() ? "application/json" : "text/plain";
    }

    private static ObjectNode response(int status, List<Stub> stubs, Map<Stub, String> examples) {
        ObjectNode response = PublishedJson.MAPPER.createObjectNode();
        HttpStatus known = HttpStatus.resolve(status);
        StringBuilder description = new StringBuilder(known == null ? String.valueOf(status) : known.getReasonPhrase());
        // A contract without a body has no rules, where its description is published: its name says what it is.
        stubs.forEach(stub -> description
                .append("\n\nIn state ")
                .append(examples.get(stub))
                .append(": ")
                .append(stub.description().isBlank() ? stub.contract() : stub.description()));
        response.put("description", description.toString());
        Map<String, List<Stub>> byMediaType = new LinkedHashMap<>();
        // A contract without a body (a HEAD, a 204) has no content to describe.
        stubs.stream()
                .filter(stub -> stub.rules() != null)
                .forEach(stub -> byMediaType
                        .computeIfAbsent(stub.mediaType(), unused -> new ArrayList<>())
                        .add(stub));
        if (byMediaType.isEmpty()) {
            return response;
        }
        ObjectNode content = response.putObject("content");
        byMediaType.forEach((mediaType, ofType) -> {
            ObjectNode media = content.putObject(mediaType);
            media.set(
                    "schema",
                    withEnums(SchemaUnion.of(ofType.stream().map(Stub::rules).toList())));
            ObjectNode named = media.putObject("examples");
            for (Stub stub : ofType) {
                ObjectNode example = named.putObject(examples.get(stub));
                example.put("summary", stub.contract());
                example.set("value", stub.example());
            }
        });
        return response;
    }

    /**
     * The query parameters only the stubs know, each with what it selects in any state: not among the
     * operation's parameters, since producers ignore them and a client of the API never sends them.
     */
    private static ArrayNode selectors(List<Stub> selecting, List<Stub> contracts, Map<Stub, String> examples) {
        ArrayNode list = PublishedJson.MAPPER.createArrayNode();
        Map<String, TreeSet<String>> selectors = new TreeMap<>();
        selecting.forEach(stub -> stub.selector()
                .forEach((name, value) -> selectors
                        .computeIfAbsent(name, unused -> new TreeSet<>())
                        .add(value)));
        selectors.forEach((name, values) -> {
            ObjectNode selector = list.addObject();
            selector.put("name", name);
            selector.put("in", "query");
            List<Stub> by = selecting.stream()
                    .filter(stub -> stub.selector().containsKey(name))
                    .toList();
            StringBuilder reached = new StringBuilder("Stubs only; producers ignore it. In any stub state,");
            by.forEach(stub -> reached.append(" ")
                    .append(stub.selector().get(name))
                    .append(" answers ")
                    .append(stub.status())
                    .append(" (")
                    .append(stub.contract())
                    .append(")"));
            selector.put("description", reached.append('.').toString());
            selector.set("schema", selectorSchema(name, values, by));
            // Published as "answers": what each value selects.
            selector.set("answers", selectedResponses(name, by, contracts, examples));
        });
        return list;
    }

    /** The values of a selector: those its stubs name, or a pattern where a stub takes any value matching one. */
    private static ObjectNode selectorSchema(String name, Set<String> values, List<Stub> by) {
        ObjectNode schema = string();
        List<String> patterns = by.stream()
                .map(stub -> stub.selectorPatterns().get(name))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        List<String> exact = by.stream()
                .filter(stub -> !stub.selectorPatterns().containsKey(name))
                .map(stub -> stub.selector().get(name))
                .distinct()
                .sorted()
                .toList();
        if (patterns.isEmpty()) {
            exact.forEach(schema.putArray("enum")::add);
            return schema;
        }
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
        return schema;
    }

    /** For each value of a selector, the response it selects: its status, its contract and that contract's example. */
    private static ArrayNode selectedResponses(
            String name, List<Stub> by, List<Stub> contracts, Map<Stub, String> examples) {
        ArrayNode responses = PublishedJson.MAPPER.createArrayNode();
        by.forEach(stub -> {
            ObjectNode response = responses.addObject();
            response.put("value", stub.selector().get(name));
            response.put("status", stub.status());
            response.put("contract", stub.contract());
            contracts.stream()
                    .filter(contract -> contract.contract().equals(stub.contract())
                            && contract.state().equals(stub.state()))
                    .findFirst()
                    .ifPresent(contract -> response.put("example", examples.get(contract)));
        });
        return responses;
    }

    private static ObjectNode states(List<Stub> contracts, Map<Stub, String> examples) {
        ObjectNode states = PublishedJson.MAPPER.createObjectNode();
        Set<String> scenarios = contracts.stream()
                .map(Stub::scenario)
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new));
        if (scenarios.size() <= 1) {
            states.put(
                    "scenario",
                    scenarios.isEmpty() ? "(none)" : scenarios.iterator().next());
        }
        ArrayNode list = states.putArray("states");
        contracts.forEach(stub -> {
            ObjectNode state = list.addObject();
            if (scenarios.size() > 1) {
                // Two endpoint folders answer this operation, each switched by its own scenario.
                state.put("scenario", stub.scenario());
            }
            state.put("state", stub.state());
            state.put("scenarioState", stub.scenarioState());
            state.put("status", stub.status());
            state.put("example", examples.get(stub));
            state.put("contract", stub.contract());
        });
        return states;
    }

    /**
     * A copy of a schema in which every pinned value ({@code const}) is also its one {@code enum} value:
     * the same meaning, which generators that ignore {@code const} (msw-auto-mock makes it null,
     * orval an empty object) read, so the mocks they make keep the pinned value.
     */
    static ObjectNode withEnums(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        addEnums(copy);
        return copy;
    }

    private static void addEnums(JsonNode schema) {
        if (schema instanceof ArrayNode array) {
            array.forEach(OpenApiDocument::addEnums);
            return;
        }
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("const") && !object.has("enum")) {
            object.putArray("enum").add(object.get("const"));
        }
        object.properties().forEach(field -> {
            if (SCHEMA_MAPS.contains(field.getKey())) {
                field.getValue().forEach(OpenApiDocument::addEnums);
            } else if (!DATA.contains(field.getKey())) {
                addEnums(field.getValue());
            }
        });
    }

    private static ObjectNode string() {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.put("type", "string");
        return schema;
    }

    /** Each contract's stubs (its own, and its selector stub if it has one), in the order of their files. */
    private static List<Stub> stubs(List<PublishedContract> contracts) {
        Map<Path, Stub> byFile = new TreeMap<>();
        for (PublishedContract contract : contracts) {
            byFile.put(contract.mappingFile(), stub(contract, contract.mapping()));
            if (contract.selectorMapping() != null) {
                byFile.put(contract.selectorFile(), stub(contract, contract.selectorMapping()));
            }
        }
        return List.copyOf(byFile.values());
    }

    private static Stub stub(PublishedContract published, JsonNode mapping) {
        JsonNode contract = PublishedContract.described(mapping);
        ExampleRequest request = ExampleRequest.fromJson(contract.path("request"));
        JsonNode matcher = mapping.path("request");
        Map<String, String> selector = new TreeMap<>();
        contract.path("selector")
                .properties()
                .forEach(entry -> selector.put(entry.getKey(), entry.getValue().asString()));
        Map<String, String> selectorPatterns = new TreeMap<>();
        selector.keySet().forEach(name -> {
            JsonNode pattern = matcher.path("queryParameters").path(name).get("matches");
            if (pattern != null) {
                selectorPatterns.put(name, pattern.asString());
            }
        });
        String contentType =
                mapping.path("response").path("headers").path("Content-Type").asString("application/json");
        JsonNode rules = published.rules();
        return new Stub(
                published.name(),
                published.placement().state(),
                mapping.path("scenarioName").asString(null),
                mapping.path("requiredScenarioState").asString(null),
                request,
                matcher,
                PathTemplate.of(matcher, request.path()),
                published.requestRules(),
                published.status(),
                contentType.replaceFirst(";.*$", "").strip(),
                mapping.path("response").get("jsonBody"),
                rules,
                rules == null ? "" : rules.path("description").asString(""),
                selector,
                selectorPatterns);
    }

    /** The default state's stub first (the example a tool shows without a preference), then by state and contract. */
    private static Comparator<Stub> statesFirstDefault() {
        return Comparator.comparing((Stub stub) -> !PublishedStubs.STARTED.equals(stub.scenarioState()))
                .thenComparing(Stub::state)
                .thenComparing(Stub::contract);
    }

    /**
     * {@code GET /credits/packs} becomes {@code getCreditsPacks}, the reference client's name for it;
     * a template's parameters end it: {@code GET /accounts/{id}} is {@code getAccountsById}.
     */
    static String operationId(String method, String path) {
        StringBuilder id = new StringBuilder(method.toLowerCase(Locale.ROOT));
        List<String> parameters = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                parameters.add(segment.substring(1, segment.length() - 1));
                continue;
            }
            for (String word : NOT_ALPHANUMERIC.split(segment)) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            String word = NOT_ALPHANUMERIC.matcher(parameters.get(i)).replaceAll("");
            id.append(i == 0 ? "By" : "And")
                    .append(word.isEmpty() ? "" : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return id.toString();
    }
}
