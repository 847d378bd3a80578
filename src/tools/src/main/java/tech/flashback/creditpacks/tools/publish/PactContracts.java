package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.spec.internal.MatchingType;
import org.springframework.cloud.contract.spec.internal.RegexPatterns;
import tech.flashback.creditpacks.tools.publish.ContractPublication.Rules;
import tech.flashback.creditpacks.tools.publish.ContractTree.ContractFile;
import tech.flashback.creditpacks.tools.publish.ContractTree.Endpoint;
import tech.flashback.creditpacks.tools.publish.ContractTree.Placement;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.HeaderRule;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A consumer's Pact file (specification 2, 3 or 4, as Pact JS and pact-jvm write them) read as
 * that consumer's contracts: each HTTP interaction is published like a Groovy contract of the
 * consumer's, with its stub, its rules (from the example and the pact's matching rules) and its
 * producer state. Its provider state names a state of the producer; a pact that says it in its
 * own words maps them in the consumer's {@value ContractTree#PROVIDER_STATES_FILE}
 * ({@code credit packs exist = available}, a line each); an interaction without a state is the
 * endpoint's default state. An interaction's endpoint is the public contracts' that answer its
 * method and path.
 */
final class PactContracts {

    /** A pact is a test's record of a few interactions; one over this is not a contract to review. */
    static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final Set<String> SUPPORTED = Set.of(
            "type",
            "regex",
            "integer",
            "decimal",
            "number",
            "boolean",
            "equality",
            "include",
            "null",
            "date",
            "time",
            "timestamp",
            "datetime",
            "notEmpty",
            "semver");

    private final ContractFile file;
    private final ContractSource source;
    private final JsonNode pact;
    private final Map<String, String> stateTable;
    private final ContractTree tree;
    private final List<PublishedContract> publicContracts;

    private PactContracts(
            ContractFile file,
            ContractSource source,
            JsonNode pact,
            Map<String, String> stateTable,
            ContractTree tree,
            List<PublishedContract> publicContracts) {
        this.file = file;
        this.source = source;
        this.pact = pact;
        this.stateTable = stateTable;
        this.tree = tree;
        this.publicContracts = publicContracts;
    }

    /**
     * Every interaction of the pact, published; a problem for each that cannot be, naming the file,
     * the interaction and what to change.
     */
    static List<PublishedContract> publish(
            ContractFile file, ContractTree tree, List<PublishedContract> publicContracts, List<String> problems) {
        String text;
        JsonNode pact;
        Map<String, String> table;
        try {
            text = GroovyContracts.utf8Text(file.file(), MAX_FILE_BYTES, "a pact");
            pact = consumersPact(file, text);
            table = stateTable(tree.providerStateTables().get(file.placement().consumer()));
        } catch (ContractProblem problem) {
            problems.add(problem.getMessage());
            return List.of();
        }
        PactContracts reader =
                new PactContracts(file, new ContractSource(file.file(), text), pact, table, tree, publicContracts);
        List<PublishedContract> published = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode interaction : pact.path("interactions")) {
            String description = interaction.path("description").asString("");
            try {
                published.add(reader.publish(interaction, names));
            } catch (ContractProblem problem) {
                problems.add(file.file() + " (interaction \"" + description + "\"): "
                        + problem.getMessage()
                                .replaceFirst("^" + Pattern.quote(file.file().toString()) + "(:\\d+)?: ", ""));
            }
        }
        return published;
    }

    /** The text as a pact of the consumer whose folder it sits in. */
    private static JsonNode consumersPact(ContractFile file, String text) {
        JsonNode pact;
        try {
            pact = PublishedJson.MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            throw new ContractProblem(
                    file.file().toString(),
                    "a JSON file in a consumer's folder is read as a Pact file, and this one" + " is not JSON ("
                            + notJson.getOriginalMessage() + ")");
        }
        if (!pact.path("interactions").isArray()
                || !pact.path("consumer").path("name").isString()) {
            throw new ContractProblem(
                    file.file().toString(),
                    "a JSON file in a consumer's folder is read as a Pact file, and this one"
                            + " has no consumer and interactions: move it out of " + ContractTree.CONSUMERS + "/");
        }
        String consumer = file.placement().consumer();
        if (!pact.path("consumer").path("name").asString().equals(consumer)) {
            throw new ContractProblem(
                    file.file().toString(),
                    "the pact's consumer is "
                            + pact.path("consumer").path("name").asString() + ", but it sits in the folder of "
                            + consumer + ": a consumer's folder is named after it");
        }
        return pact;
    }

    /** The consumer's own words for the producer's states: {@code credit packs exist = available}, a line each. */
    private static Map<String, String> stateTable(Path table) {
        Map<String, String> states = new LinkedHashMap<>();
        if (table == null) {
            return states;
        }
        List<String> lines = PublishedFiles.readText(table).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.lastIndexOf('=');
            if (equals <= 0 || equals == line.length() - 1) {
                throw new ContractProblem(
                        table + ":" + (i + 1),
                        "each line maps a pact's provider state to a producer state:"
                                + " <the pact's words> = <producer state>, e.g. credit packs exist = available");
            }
            states.put(
                    line.substring(0, equals).strip(),
                    line.substring(equals + 1).strip());
        }
        return states;
    }

    private PublishedContract publish(JsonNode interaction, Set<String> names) {
        String description = checkedDescription(interaction);
        JsonNode request = interaction.path("request");
        JsonNode response = interaction.path("response");
        String method = request.path("method").asString("GET").toUpperCase(Locale.ROOT);
        String path = request.path("path").asString("/");
        Map<String, Map<String, List<JsonNode>>> requestRules = matchingRules(request);
        Map<String, Map<String, List<JsonNode>>> responseRules = matchingRules(response);

        Endpoint endpoint = endpoint(method, path);
        String state = producerState(interaction, endpoint);
        String name = names.add(description) ? description : description + " [given " + state + "]";
        names.add(name);
        Placement placement = new Placement(file.placement().consumer(), endpoint.path(), state);
        Path folder = Path.of(ContractTree.CONSUMERS, placement.consumer())
                .resolve(endpoint.path().isEmpty() ? "." : endpoint.path())
                .resolve(state)
                .normalize();
        String fileName = ContractPublication.fileName(name);
        Path relative = tree.root().relativize(source.file());

        ExampleRequest example =
                new ExampleRequest(method, path, query(request), headers(request.path("headers")), bodyText(request));
        JsonNode requestBody = example.jsonBody() ? PublishedJson.MAPPER.readTree(example.body()) : null;
        Map<String, List<JsonNode>> requestBodyMatchers = requestRules.getOrDefault("body", Map.of());
        Rules requestBodyRules = requestBody == null || requestBodyMatchers.isEmpty()
                ? Rules.NONE
                : checkedRules(
                        bodyMatchers(requestBodyMatchers),
                        requestBody,
                        relative,
                        name + ": the request body a consumer may send",
                        description,
                        Path.of(PublishedFiles.RULES).resolve(folder).resolve(fileName + ".request.schema.json"));
        String responseText = bodyText(response);
        JsonNode responseBody = responseText == null ? null : json(responseText);
        Rules responseBodyRules = responseBody == null
                ? Rules.NONE
                : checkedRules(
                        bodyMatchers(responseRules.getOrDefault("body", Map.of())),
                        responseBody,
                        relative,
                        name + ": the response body",
                        description,
                        Path.of(PublishedFiles.RULES).resolve(folder).resolve(fileName + ".schema.json"));
        List<HeaderRule> headerRules =
                headerRules(response.path("headers"), responseRules.getOrDefault("header", Map.of()));

        ObjectNode metadata = ContractPublication.metadata(
                name,
                response.path("status").asInt(200),
                placement,
                example,
                headerRules,
                responseBodyRules.file(),
                requestBodyRules.file(),
                responseBody == null ? responseText : null);
        metadata.withObject("contract").put("pact", ContractTree.slashed(relative));
        ObjectNode mapping = mapping(
                name,
                endpoint,
                state,
                requestPattern(example, requestRules, requestBodyRules.document()),
                stubResponse(response, responseText, responseBody),
                metadata);
        return new PublishedContract(
                source.file(),
                name,
                placement,
                Path.of(PublishedFiles.MAPPINGS).resolve(folder).resolve(fileName + ".json"),
                mapping,
                null,
                null,
                responseBodyRules.file(),
                responseBodyRules.document(),
                requestBodyRules.file(),
                requestBodyRules.document());
    }

    /** An HTTP interaction's description, which names its stub. */
    private String checkedDescription(JsonNode interaction) {
        if (interaction.has("type") && !interaction.path("type").asString().equals("Synchronous/HTTP")) {
            throw new ContractProblem(
                    source.file().toString(),
                    "a " + interaction.path("type").asString() + " interaction: only"
                            + " HTTP interactions (Synchronous/HTTP) are published");
        }
        String description = interaction.path("description").asString("");
        if (description.isBlank()) {
            throw new ContractProblem(
                    source.file().toString(), "an interaction without a description: the description names its stub");
        }
        return description;
    }

    /** The endpoint of the public contract whose stub takes this method and path. */
    private Endpoint endpoint(String method, String path) {
        PublishedContract publishing = publicContracts.stream()
                .filter(contract -> answers(contract, method, path))
                .findFirst()
                .orElseThrow(
                        () -> new ContractProblem(
                                source.file().toString(),
                                "no public contract answers " + method + " " + path
                                        + ": a consumer's pact describes what it relies on of an endpoint the producer publishes"));
        return tree.endpoints().get(publishing.placement().endpoint());
    }

    /** A body's rules as published, which its example honours. */
    private Rules checkedRules(
            List<BodyMatcher> matchers, JsonNode example, Path relative, String title, String description, Path file) {
        ObjectNode rules = ContractRules.derive(matchers, example, source);
        return new Rules(
                file,
                ContractPublication.checkedSchema(
                        ContractPublication.schemaDocument(relative, title, description, rules), example, source));
    }

    /** The response the stub gives: the interaction's status, headers and body. */
    private static ObjectNode stubResponse(JsonNode response, String responseText, JsonNode responseBody) {
        ObjectNode stubResponse = PublishedJson.MAPPER.createObjectNode();
        stubResponse.put("status", response.path("status").asInt(200));
        if (response.path("headers").isObject() && !response.path("headers").isEmpty()) {
            ObjectNode headers = stubResponse.putObject("headers");
            headers(response.path("headers")).forEach(headers::put);
        }
        if (responseBody != null) {
            stubResponse.set("jsonBody", responseBody);
        } else if (responseText != null) {
            stubResponse.put("body", responseText);
        }
        return stubResponse;
    }

    /** The interaction's stub: ranked as a consumer's, in its state of its endpoint's scenario. */
    private static ObjectNode mapping(
            String name,
            Endpoint endpoint,
            String state,
            ObjectNode request,
            ObjectNode response,
            ObjectNode metadata) {
        ObjectNode mapping = PublishedJson.MAPPER.createObjectNode();
        mapping.put("name", name);
        mapping.put(
                "priority", ContractPublication.CONSUMER_PRIORITY_BASE + ContractPublication.WIREMOCK_DEFAULT_PRIORITY);
        mapping.set("request", request);
        mapping.set("response", response);
        mapping.put("scenarioName", endpoint.scenario());
        mapping.put("requiredScenarioState", state.equals(endpoint.defaultState()) ? PublishedStubs.STARTED : state);
        mapping.set("metadata", metadata);
        return mapping;
    }

    /** Whether a public contract's stub takes this method and path: the same endpoint. */
    private static boolean answers(PublishedContract contract, String method, String path) {
        JsonNode request = contract.mapping().path("request");
        if (!request.path("method").asString("ANY").equals(method)
                && !request.path("method").asString().equals("ANY")) {
            return false;
        }
        for (String exact : List.of("urlPath", "url")) {
            if (request.has(exact)) {
                return request.get(exact).asString().replaceFirst("\\?.*$", "").equals(path);
            }
        }
        for (String pattern : List.of("urlPathPattern", "urlPattern")) {
            if (request.has(pattern)) {
                return Pattern.compile(request.get(pattern).asString())
                        .matcher(path)
                        .matches();
            }
        }
        return false;
    }

    /** The producer state the interaction needs: the default without a state, else the one its words name. */
    private String producerState(JsonNode interaction, Endpoint endpoint) {
        List<String> given = new ArrayList<>();
        if (interaction.path("providerState").isString()) {
            given.add(interaction.get("providerState").asString());
        }
        interaction
                .path("providerStates")
                .forEach(state -> given.add(state.path("name").asString()));
        given.removeIf(String::isBlank);
        if (given.isEmpty()) {
            return endpoint.defaultState();
        }
        List<String> states = given.stream()
                .map(words -> stateTable.getOrDefault(words, words))
                .distinct()
                .toList();
        if (states.size() > 1) {
            throw new ContractProblem(
                    source.file().toString(),
                    "its provider states " + given + " are several producer states " + states
                            + ", and a producer is in one state at a time: give the interaction one");
        }
        String state = states.get(0);
        if (!endpoint.states().contains(state)) {
            throw new ContractProblem(
                    source.file().toString(),
                    "its provider state \"" + given.get(0) + "\" names no state of the"
                            + " producer, whose states are "
                            + String.join(", ", new java.util.TreeSet<>(endpoint.states()))
                            + ": map it to one in "
                            + tree.root()
                                    .resolve(ContractTree.CONSUMERS)
                                    .resolve(file.placement().consumer())
                                    .resolve(ContractTree.PROVIDER_STATES_FILE)
                            + " (a line: " + given.get(0) + " = <producer state>)");
        }
        return state;
    }

    /** A request's or response's matching rules by category (body, header, query, path) and path, as specification 3 and 4 write them. */
    private Map<String, Map<String, List<JsonNode>>> matchingRules(JsonNode part) {
        Map<String, Map<String, List<JsonNode>>> rules = new TreeMap<>();
        JsonNode declared = part.path("matchingRules");
        if (!declared.isObject()) {
            return rules;
        }
        for (Map.Entry<String, JsonNode> entry : declared.properties()) {
            String key = entry.getKey();
            if (key.startsWith("$.")) {
                // Specification 2: "$.body.data[*].id": {"match": "type"}, "$.headers.Accept": {...}.
                String[] parts = key.substring(2).split("\\.", 2);
                String category = parts[0].equals("headers") ? "header" : parts[0];
                String path = category.equals("body")
                        ? (parts.length > 1 ? "$." + parts[1] : "$")
                        : parts.length > 1 ? parts[1] : "";
                if (path.startsWith("$.[") || path.startsWith("$.'")) {
                    path = "$" + path.substring(2);
                }
                rules.computeIfAbsent(category, unused -> new LinkedHashMap<>())
                        .computeIfAbsent(path, unused -> new ArrayList<>())
                        .add(entry.getValue());
                continue;
            }
            String category = key.equals("headers") ? "header" : key;
            JsonNode byPath = entry.getValue();
            if (byPath.has("matchers")) {
                // "path": {"matchers": [...]}: the path itself.
                add(rules, category, "", byPath);
            } else {
                byPath.properties().forEach(rule -> add(rules, category, rule.getKey(), rule.getValue()));
            }
        }
        return rules;
    }

    private void add(Map<String, Map<String, List<JsonNode>>> rules, String category, String path, JsonNode rule) {
        if (rule.path("combine").asString("AND").equals("OR")) {
            throw new ContractProblem(
                    source.file().toString(),
                    "the matching rule on " + category + " " + path + " combines its"
                            + " matchers with OR, which the published rules cannot say: give it one matcher");
        }
        List<JsonNode> matchers = rules.computeIfAbsent(category, unused -> new LinkedHashMap<>())
                .computeIfAbsent(path, unused -> new ArrayList<>());
        rule.path("matchers").forEach(matchers::add);
    }

    /** The pact's body matchers as the matchers the rules derivation reads. */
    private List<BodyMatcher> bodyMatchers(Map<String, List<JsonNode>> rules) {
        List<BodyMatcher> matchers = new ArrayList<>();
        rules.forEach((path, ofPath) ->
                ofPath.forEach(matcher -> matchers.add(bodyMatcher(path.isEmpty() ? "$" : path, matcher))));
        return matchers;
    }

    private BodyMatcher bodyMatcher(String path, JsonNode matcher) {
        String match = matcher.path("match")
                .asString(matcher.has("regex") ? "regex" : matcher.has("min") || matcher.has("max") ? "type" : "");
        if (!SUPPORTED.contains(match)) {
            throw new ContractProblem(
                    source.file().toString(),
                    "the matching rule on " + path + " is " + matcher + ", which the"
                            + " published rules cannot say yet; they take "
                            + String.join(", ", new java.util.TreeSet<>(SUPPORTED)));
        }
        Integer min = matcher.has("min") ? matcher.get("min").asInt() : null;
        Integer max = matcher.has("max") ? matcher.get("max").asInt() : null;
        return switch (match) {
            case "type" -> RuleMatcher.type(path, min, max);
            case "regex" -> RuleMatcher.regex(path, matcher.path("regex").asString());
            case "integer" -> RuleMatcher.regex(path, RegexPatterns.anInteger().pattern());
            case "decimal", "number" ->
                RuleMatcher.regex(path, RegexPatterns.number().pattern());
            case "boolean" -> RuleMatcher.regex(path, RegexPatterns.anyBoolean().pattern());
            case "equality" -> RuleMatcher.of(path, MatchingType.EQUALITY);
            case "null" -> RuleMatcher.of(path, MatchingType.NULL);
            case "notEmpty" ->
                min == null
                        ? RuleMatcher.regex(path, RegexPatterns.nonEmpty().pattern())
                        : RuleMatcher.type(path, 1, max);
            case "include" ->
                RuleMatcher.regex(
                        path, "[\\s\\S]*" + literal(matcher.path("value").asString()) + "[\\s\\S]*");
            case "semver" -> RuleMatcher.regex(path, "\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
            default ->
                RuleMatcher.regex(
                        path,
                        dateRegex(
                                path,
                                matcher.path("format")
                                        .asString(matcher.path(match)
                                                .asString(
                                                        match.equals("date")
                                                                ? "yyyy-MM-dd"
                                                                : match.equals("time")
                                                                        ? "HH:mm:ss"
                                                                        : "yyyy-MM-dd'T'HH:mm:ss"))));
        };
    }

    /** A Pact date, time or timestamp format as the pattern its values match (the digits, not the calendar). */
    private String dateRegex(String path, String format) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            int run = 1;
            while (i + run < format.length() && format.charAt(i + run) == c) {
                run++;
            }
            if (c == '\'') {
                int end = format.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ContractProblem(
                            source.file().toString(),
                            "the date format on " + path + " has an unclosed quote: " + format);
                }
                regex.append(literal(format.substring(i + 1, end)));
                i = end + 1;
                continue;
            }
            switch (c) {
                case 'y', 'M', 'd', 'H', 'h', 'm', 's', 'S', 'k', 'K' ->
                    regex.append("\\d{").append(run == 1 ? "1,2" : run).append('}');
                case 'X', 'x' ->
                    regex.append(run == 1 ? "(Z|[+-]\\d{2})" : run == 2 ? "(Z|[+-]\\d{4})" : "(Z|[+-]\\d{2}:\\d{2})");
                case 'Z' -> regex.append("[+-]\\d{4}");
                case 'a' -> regex.append("(AM|PM)");
                default -> {
                    if (Character.isLetter(c)) {
                        throw new ContractProblem(
                                source.file().toString(),
                                "the date format on " + path + " (" + format + ") uses '" + c
                                        + "', which the published rules cannot say: use digits (yyyy, MM, dd, HH, mm, ss, SSS, XXX)");
                    }
                    regex.append(literal(String.valueOf(c).repeat(run)));
                }
            }
            i += run;
        }
        return regex.toString();
    }

    /** Text matched as itself, escaped the one way JavaScript, Python and Java all read. */
    private static String literal(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}/-".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private List<HeaderRule> headerRules(JsonNode headers, Map<String, List<JsonNode>> rules) {
        List<HeaderRule> headerRules = new ArrayList<>();
        headers(headers).forEach((name, value) -> {
            List<JsonNode> matchers = rules.entrySet().stream()
                    .filter(rule -> rule.getKey().equalsIgnoreCase(name))
                    .flatMap(rule -> rule.getValue().stream())
                    .toList();
            if (!matchers.isEmpty() && matchers.get(0).has("regex")) {
                headerRules.add(new HeaderRule(
                        name,
                        HeaderRule.Match.matches,
                        matchers.get(0).get("regex").asString()));
            } else if (name.equalsIgnoreCase("Content-Type")) {
                // A media type is compared as one: its parameters (a charset) are the producer's to add.
                headerRules.add(new HeaderRule(name, HeaderRule.Match.matches, value.split(";")[0].strip() + ".*"));
            } else {
                headerRules.add(new HeaderRule(name, HeaderRule.Match.equalTo, value));
            }
        });
        return headerRules;
    }

    /** The stub's request pattern: the pact's request as WireMock matches it, by its matching rules where it has them. */
    private static ObjectNode requestPattern(
            ExampleRequest example, Map<String, Map<String, List<JsonNode>>> rules, ObjectNode requestRules) {
        ObjectNode pattern = PublishedJson.MAPPER.createObjectNode();
        pattern.put("method", example.method());
        JsonNode pathRule = first(rules.getOrDefault("path", Map.of()).get(""));
        if (pathRule != null && pathRule.has("regex")) {
            pattern.put("urlPathPattern", pathRule.get("regex").asString());
        } else {
            pattern.put("urlPath", example.path());
        }
        if (!example.query().isEmpty()) {
            ObjectNode query = pattern.putObject("queryParameters");
            example.query().forEach((name, value) -> {
                JsonNode rule = first(rules.getOrDefault("query", Map.of()).get(name));
                query.putObject(name)
                        .put(
                                rule != null && rule.has("regex") ? "matches" : "equalTo",
                                rule != null && rule.has("regex")
                                        ? rule.get("regex").asString()
                                        : value);
            });
        }
        if (!example.headers().isEmpty()) {
            ObjectNode headers = pattern.putObject("headers");
            example.headers().forEach((name, value) -> {
                JsonNode rule = rules.getOrDefault("header", Map.of()).entrySet().stream()
                        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                        .map(entry -> first(entry.getValue()))
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                headers.putObject(name)
                        .put(
                                rule != null && rule.has("regex") ? "matches" : "equalTo",
                                rule != null && rule.has("regex")
                                        ? rule.get("regex").asString()
                                        : value);
            });
        }
        if (example.body() != null) {
            ArrayNode body = pattern.putArray("bodyPatterns");
            if (requestRules != null) {
                ObjectNode schema = requestRules.deepCopy();
                schema.remove(List.of("$schema", "$comment", "title", "description"));
                body.addObject()
                        .put("matchesJsonSchema", PublishedJson.MAPPER.writeValueAsString(schema))
                        .put("schemaVersion", "V202012");
            } else if (example.jsonBody()) {
                body.addObject().set("equalToJson", PublishedJson.MAPPER.readTree(example.body()));
            } else {
                body.addObject().put("equalTo", example.body());
            }
        }
        return pattern;
    }

    private static JsonNode first(List<JsonNode> matchers) {
        return matchers == null || matchers.isEmpty() ? null : matchers.get(0);
    }

    /** Query parameters, one value each: specification 2 writes them as a string, 3 and 4 as lists of values. */
    private Map<String, String> query(JsonNode request) {
        Map<String, String> query = new LinkedHashMap<>();
        JsonNode declared = request.path("query");
        if (declared.isString()) {
            for (String pair : declared.asString().split("&")) {
                if (!pair.isEmpty()) {
                    String[] nameAndValue = pair.split("=", 2);
                    query.put(
                            java.net.URLDecoder.decode(nameAndValue[0], java.nio.charset.StandardCharsets.UTF_8),
                            nameAndValue.length > 1
                                    ? java.net.URLDecoder.decode(
                                            nameAndValue[1], java.nio.charset.StandardCharsets.UTF_8)
                                    : "");
                }
            }
        } else if (declared.isObject()) {
            declared.properties().forEach(parameter -> {
                JsonNode values = parameter.getValue();
                if (values.isArray() && values.size() > 1) {
                    throw new ContractProblem(
                            source.file().toString(),
                            "the query parameter " + parameter.getKey() + " has " + values.size()
                                    + " values, and a published request has one per parameter: keep one");
                }
                query.put(parameter.getKey(), values.isArray() ? values.path(0).asString("") : values.asString(""));
            });
        }
        return query;
    }

    /** Headers, one value each: specification 4 writes each as a list of values. */
    private static Map<String, String> headers(JsonNode declared) {
        Map<String, String> headers = new LinkedHashMap<>();
        declared.properties()
                .forEach(header -> headers.put(
                        header.getKey(),
                        header.getValue().isArray()
                                ? String.join(
                                        ", ",
                                        header.getValue()
                                                .valueStream()
                                                .map(JsonNode::asString)
                                                .toList())
                                : header.getValue().asString()));
        return headers;
    }

    /** A body as text (null: none): specification 4 wraps it in {content, contentType, encoded}. */
    private String bodyText(JsonNode part) {
        JsonNode body = part.get("body");
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (body.isObject() && body.has("content") && (body.has("contentType") || body.has("encoded"))) {
            if (!body.path("encoded").asString("false").equals("false")
                    && body.path("encoded").asBoolean(true)) {
                throw new ContractProblem(
                        source.file().toString(),
                        "a body encoded as " + body.path("encoded").asString()
                                + ": only text and JSON bodies are published");
            }
            body = body.get("content");
        }
        return body.isString() ? body.asString() : PublishedJson.MAPPER.writeValueAsString(body);
    }

    private static JsonNode json(String text) {
        try {
            JsonNode json = PublishedJson.MAPPER.readTree(text);
            return json != null && (json.isObject() || json.isArray()) ? json : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
