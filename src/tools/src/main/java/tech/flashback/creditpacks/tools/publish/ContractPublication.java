package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.verifier.file.ContractMetadata;
import org.springframework.cloud.contract.verifier.wiremock.DslToWireMockClientConverter;
import tech.flashback.creditpacks.tools.publish.ContractTree.Endpoint;
import tech.flashback.creditpacks.tools.publish.ContractTree.Placement;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.HeaderRule;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes one contract: Spring Cloud Contract's own stub generator gives the stub's request
 * matching and its response; this adds what the published form promises beyond it (the producer
 * state the stub answers in, the selector, the contract as data in {@code metadata.contract}, the
 * rules of the response and of the request body as JSON Schema), and refuses what cannot be
 * published as it stands, naming the file, the line and what to change.
 */
final class ContractPublication {

    /**
     * A consumer's stubs rank below every public one (WireMock answers with the lowest priority
     * number), so that loading them all together never changes what the public stubs answer; among
     * themselves they keep their contracts' order. Public contracts take priorities below it.
     */
    static final int CONSUMER_PRIORITY_BASE = 1000;
    /** WireMock's priority for a stub that names none. */
    static final int WIREMOCK_DEFAULT_PRIORITY = 5;
    /** An example a reviewer can read in a pull request; the rules say what else a producer may send. */
    static final int MAX_EXAMPLE_BYTES = 256 * 1024;

    private static final String SELECTOR = "stubSelector";
    private static final Pattern SAFE_NAME = Pattern.compile("[^A-Za-z0-9_.-]");
    /** What Spring Cloud Contract's generator replaces with '_' in a contract's name to make its test's method name; nothing else. */
    private static final Pattern TEST_METHOD_SEPARATORS = Pattern.compile("[ .+-]");

    private ContractPublication() {}

    /** The name as a file name: what Spring Cloud Contract accepts in a name, made safe for every file system. */
    static String fileName(String name) {
        return SAFE_NAME.matcher(name).replaceAll("_");
    }

    /** A body's rules as published: where, and the JSON Schema document; both null for a body without rules. */
    record Rules(Path file, ObjectNode document) {

        static final Rules NONE = new Rules(null, null);
    }

    /**
     * The contract in its published form: its stub as Spring Cloud Contract's converter makes it,
     * with the rules of its bodies, the contract as data, and its selector stub.
     *
     * @throws ContractProblem naming the file, the line and what to change
     */
    static PublishedContract publish(
            Contract contract, ContractSource source, Path relative, Placement placement, Endpoint endpoint) {
        String name = checkedName(contract, source);
        JsonNode generated = generatedStub(contract, source);
        Integer priority = publishedPriority(contract, source, placement);
        Path folder = Path.of(PublishedFiles.RULES).resolve(relative.getParent());
        String file = fileName(name);

        // Where this contract's matchers are written: after its name (a file may hold several), in its response or
        // request.
        ContractSource own = source.after("'" + name + "'");
        Rules responseRules = responseRules(
                contract, source, own.after("response {"), relative, folder.resolve(file + ".schema.json"));
        ExampleRequest request = ContractExamples.request(contract, source);
        Rules requestRules = requestRules(
                contract, request, own.after("request {"), relative, folder.resolve(file + ".request.schema.json"));
        List<HeaderRule> headers = ContractExamples.headerRules(contract, source);

        ObjectNode stubRequest = stubRequest(generated, requestRules);
        String scenarioState =
                placement.state().equals(endpoint.defaultState()) ? PublishedStubs.STARTED : placement.state();
        ObjectNode mapping = mapping(
                name,
                priority,
                generated,
                stubRequest,
                endpoint.scenario(),
                scenarioState,
                metadata(contract, placement, request, headers, responseRules.file(), requestRules.file()));
        Path mappingFile =
                Path.of(PublishedFiles.MAPPINGS).resolve(relative.getParent()).resolve(file + ".json");

        Map<String, SelectorParameter> selectorParameters = selector(contract, source);
        if (selectorParameters.isEmpty()) {
            return new PublishedContract(
                    source.file(),
                    name,
                    placement,
                    mappingFile,
                    mapping,
                    null,
                    null,
                    responseRules.file(),
                    responseRules.document(),
                    requestRules.file(),
                    requestRules.document());
        }
        Map<String, String> selector = new TreeMap<>();
        selectorParameters.forEach((parameter, value) -> selector.put(parameter, value.example()));
        ObjectNode selectorMetadata = metadata(
                contract, placement, request.withQuery(selector), headers, responseRules.file(), requestRules.file());
        selectorMetadata.withObject("contract").set("selector", PublishedJson.MAPPER.valueToTree(selector));
        ObjectNode selectorMapping = mapping(
                name + " (in any state, with "
                        + request.withQuery(selector).target().replaceFirst("^[^?]*\\?", "?") + ")",
                priority,
                generated,
                selectorRequest(stubRequest, selectorParameters),
                null,
                null,
                selectorMetadata);
        return new PublishedContract(
                source.file(),
                name,
                placement,
                mappingFile,
                mapping,
                mappingFile.resolveSibling(file + ".selector.json"),
                selectorMapping,
                responseRules.file(),
                responseRules.document(),
                requestRules.file(),
                requestRules.document());
    }

    private static String checkedName(Contract contract, ContractSource source) {
        String name = contract.getName();
        if (name == null || name.isBlank()) {
            throw new ContractProblem(
                    source.at("Contract.make"),
                    "give the contract a name ('shouldDoSomething'):" + " it names its test, its stub and its rules");
        }
        String testMethod = TEST_METHOD_SEPARATORS.matcher(name).replaceAll("_");
        String illegal = testMethod
                .codePoints()
                .filter(c -> !Character.isJavaIdentifierPart(c))
                .distinct()
                .mapToObj(Character::toString)
                .map(c -> "'" + c + "'")
                .collect(Collectors.joining(" "));
        if (!illegal.isEmpty()) {
            throw new ContractProblem(
                    source.at(name),
                    "the name '" + name + "' becomes the generated test's method validate_" + testMethod
                            + ", which Java cannot compile (" + illegal
                            + "): name it with letters, digits, spaces, '-', '.' or '_'");
        }
        return name;
    }

    /**
     * The stub's priority as published: the contract's own, a consumer's ranked below every public
     * one (see {@link #CONSUMER_PRIORITY_BASE}); null for WireMock's default.
     */
    private static Integer publishedPriority(Contract contract, ContractSource source, Placement placement) {
        Integer priority = contract.getPriority();
        if (placement.isPublic() && priority != null && priority >= CONSUMER_PRIORITY_BASE) {
            throw new ContractProblem(
                    source.at("priority"),
                    "priority " + priority + ": public contracts take priorities below " + CONSUMER_PRIORITY_BASE
                            + ", which rank consumers' own stubs below every public one");
        }
        if (placement.isPublic()) {
            return priority;
        }
        return CONSUMER_PRIORITY_BASE + (priority == null ? WIREMOCK_DEFAULT_PRIORITY : priority);
    }

    /** The response body's rules, which its example honours; none for a response without a body. */
    private static Rules responseRules(
            Contract contract, ContractSource source, ContractSource response, Path relative, Path file) {
        JsonNode example = ContractExamples.body(contract, response);
        if (example != null && PublishedJson.MAPPER.writeValueAsString(example).length() > MAX_EXAMPLE_BYTES) {
            throw new ContractProblem(
                    source.at("body("),
                    "the example body is larger than " + MAX_EXAMPLE_BYTES + " bytes: a stub"
                            + " answers with it and a reviewer reads it, so keep it short (its rules say what else a producer may send)");
        }
        ObjectNode rules = ContractRules.derive(contract, example, response);
        if (rules == null) {
            return Rules.NONE;
        }
        ObjectNode document = schemaDocument(relative, contract.getName() + ": the response body", contract, rules);
        return new Rules(file, checkedSchema(document, example, response));
    }

    /** What a consumer may send as the request body, which the example request honours; none without a JSON body. */
    private static Rules requestRules(
            Contract contract, ExampleRequest request, ContractSource requestSource, Path relative, Path file) {
        JsonNode example = ContractExamples.requestExample(contract, request);
        List<BodyMatcher> matchers = new ArrayList<>(ContractExamples.inlinePatterns(contract));
        if (contract.getRequest().getBodyMatchers() != null) {
            matchers.addAll(contract.getRequest().getBodyMatchers().matchers());
        }
        ObjectNode rules = ContractRules.derive(matchers, example, requestSource);
        if (rules == null) {
            return Rules.NONE;
        }
        ObjectNode document = schemaDocument(
                relative, contract.getName() + ": the request body a consumer may send", contract, rules);
        return new Rules(file, checkedSchema(document, example, requestSource));
    }

    /** The stub's request matcher: Spring Cloud Contract's, with the request rules for a body it matches nothing of. */
    private static ObjectNode stubRequest(JsonNode generated, Rules requestRules) {
        ObjectNode stubRequest = (ObjectNode) generated.get("request").deepCopy();
        if (requestRules.document() != null && !stubRequest.has("bodyPatterns")) {
            // A body with nothing to match ({} in the contract) gets no pattern from Spring Cloud Contract,
            // and its stub would take any body, or none: it takes what the request rules allow.
            ObjectNode schema = requestRules.document().deepCopy();
            schema.remove(List.of("$schema", "$comment", "title", "description"));
            stubRequest
                    .putArray("bodyPatterns")
                    .addObject()
                    .put("matchesJsonSchema", PublishedJson.MAPPER.writeValueAsString(schema))
                    .put("schemaVersion", "V202012");
        }
        return stubRequest;
    }

    /** The selector stub's request matcher: the stub's, with the selector's query parameters. */
    private static ObjectNode selectorRequest(
            ObjectNode stubRequest, Map<String, SelectorParameter> selectorParameters) {
        ObjectNode selectorRequest = stubRequest.deepCopy();
        ObjectNode parameters = selectorRequest.withObject("queryParameters");
        selectorParameters.forEach((parameter, value) -> parameters
                .putObject(parameter)
                .put(
                        value.pattern() == null ? "equalTo" : "matches",
                        value.pattern() == null ? value.example() : value.pattern()));
        return selectorRequest;
    }

    /** Spring Cloud Contract's own stub for the contract, as its Maven plugin generates it. */
    private static JsonNode generatedStub(Contract contract, ContractSource source) {
        String stub;
        try {
            stub = new DslToWireMockClientConverter()
                    .convertContents(
                            source.file().getFileName().toString(),
                            new ContractMetadata(source.file(), false, 1, null, contract))
                    .get(contract);
        } catch (RuntimeException unconvertible) {
            throw new ContractProblem(
                    source.file().toString(),
                    "Spring Cloud Contract cannot make a stub of it: "
                            + Problem.shorten(String.valueOf(unconvertible.getMessage())));
        }
        if (stub == null) {
            throw new ContractProblem(
                    source.file().toString(),
                    "Spring Cloud Contract makes no stub of it (is it an HTTP contract?):"
                            + " only HTTP contracts are published");
        }
        JsonNode generated = PublishedJson.MAPPER.readTree(stub);
        if (generated.toString().contains("{{")) {
            throw new ContractProblem(
                    source.at("fromRequest"),
                    "the stub's answer depends on the request (fromRequest() or a"
                            + " template), which the published stubs do not support: give the answer as a fixed example");
        }
        return generated;
    }

    private static ObjectNode schemaDocument(Path relative, String title, Contract contract, ObjectNode rules) {
        return schemaDocument(relative, title, contract.getDescription(), rules);
    }

    /** A rules document as published: the JSON Schema dialect, where it comes from (the record that the build wrote it), the rules. */
    static ObjectNode schemaDocument(Path relative, String title, String description, ObjectNode rules) {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.put("$schema", BodyRules.DIALECT);
        schema.put(
                "$comment",
                PublishedFiles.GENERATED_FROM + ContractTree.slashed(relative) + " by the build: edit the contract,"
                        + " not this file.");
        schema.put("title", title);
        if (description != null) {
            schema.put("description", description.strip());
        }
        schema.setAll(rules);
        return schema;
    }

    /** A schema the validator reads, which the contract's own example honours; the build refuses anything else. */
    static ObjectNode checkedSchema(ObjectNode schema, JsonNode example, ContractSource source) {
        BodyRules rules;
        try {
            rules = new BodyRules(schema);
        } catch (RuntimeException unreadable) {
            throw new ContractProblem(
                    source.file().toString(),
                    "its rules are not a JSON Schema the validator reads: " + unreadable.getMessage());
        }
        List<Problem> problems = rules.problems(example);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String field = first.where().replaceFirst("^.*[.\\[]'?", "").replaceFirst("'?]?$", "");
            String where =
                    source.text().contains("." + field + "'") ? source.at("." + field + "'") : source.at(field + ":");
            throw new ContractProblem(
                    where,
                    "the example body breaks the contract's own rules:\n    "
                            + Problem.list(problems).strip().replace("\n", "\n    "));
        }
        return schema;
    }

    private static ObjectNode metadata(
            Contract contract,
            Placement placement,
            ExampleRequest request,
            List<HeaderRule> headers,
            Path rulesFile,
            Path requestRulesFile) {
        return metadata(
                contract.getName(),
                Integer.parseInt(
                        String.valueOf(contract.getResponse().getStatus().getClientValue())),
                placement,
                request,
                headers,
                rulesFile,
                requestRulesFile,
                ContractExamples.textBody(contract));
    }

    /** The contract as data, in the stub's {@code metadata.contract}: what the gate and the diff read a published version by. */
    static ObjectNode metadata(
            String name,
            int status,
            Placement placement,
            ExampleRequest request,
            List<HeaderRule> headers,
            Path rulesFile,
            Path requestRulesFile,
            String textBody) {
        ObjectNode metadata = PublishedJson.MAPPER.createObjectNode();
        ObjectNode described = metadata.putObject("contract");
        described.put("name", name);
        if (!placement.isPublic()) {
            described.put("consumer", placement.consumer());
        }
        described.put("state", placement.state());
        described.set("request", request.toJson());
        if (requestRulesFile != null) {
            described.put("requestRules", ContractTree.slashed(requestRulesFile));
        }
        ObjectNode response = described.putObject("response");
        response.put("status", status);
        if (!headers.isEmpty()) {
            ObjectNode headerRules = response.putObject("headers");
            headers.forEach(header -> headerRules.set(header.name(), header.toJson()));
        }
        if (rulesFile != null) {
            response.put("rules", ContractTree.slashed(rulesFile));
        }
        if (textBody != null) {
            response.put("bodyText", textBody);
        }
        return metadata;
    }

    static ObjectNode mapping(
            String name,
            Integer priority,
            JsonNode generated,
            JsonNode request,
            String scenario,
            String scenarioState,
            ObjectNode metadata) {
        ObjectNode stub = PublishedJson.MAPPER.createObjectNode();
        stub.put("name", name);
        if (priority != null) {
            stub.put("priority", priority);
        }
        stub.set("request", request);
        stub.set("response", response(generated.get("response")));
        if (scenario != null) {
            stub.put("scenarioName", scenario);
            stub.put("requiredScenarioState", scenarioState);
        }
        stub.set("metadata", metadata);
        return stub;
    }

    private static ObjectNode response(JsonNode generated) {
        ObjectNode response = PublishedJson.MAPPER.createObjectNode();
        generated.properties().forEach(field -> {
            switch (field.getKey()) {
                // Spring Cloud Contract's own transformer; stock WireMock warns about it and the
                // static bodies here need no templating.
                case "transformers" -> {}
                case "body" -> {
                    String body = field.getValue().asString();
                    JsonNode json = readJson(body);
                    if (json != null) {
                        response.set("jsonBody", json);
                    } else {
                        response.set("body", field.getValue());
                    }
                }
                default -> response.set(field.getKey(), field.getValue());
            }
        });
        return response;
    }

    private static JsonNode readJson(String text) {
        try {
            JsonNode json = PublishedJson.MAPPER.readTree(text);
            return json != null && (json.isObject() || json.isArray()) ? json : null;
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * {@code metadata(stubSelector: [queryParameters: [simulate: 'internal-error']])}, or empty. A
     * value may be a pattern with the value to show:
     * {@code simulate: [matches: 'internal-error|store-down', example: 'internal-error']}.
     */
    private static Map<String, SelectorParameter> selector(Contract contract, ContractSource source) {
        Object declared =
                contract.getMetadata() == null ? null : contract.getMetadata().get(SELECTOR);
        if (declared == null) {
            return Map.of();
        }
        if (!(declared instanceof Map<?, ?> selector)
                || selector.size() != 1
                || !(selector.get("queryParameters") instanceof Map<?, ?> parameters)
                || parameters.isEmpty()) {
            throw new ContractProblem(
                    source.at(SELECTOR),
                    SELECTOR + " takes one entry, queryParameters, naming each"
                            + " query parameter and its value: metadata(" + SELECTOR
                            + ": [queryParameters: [simulate: 'internal-error']])");
        }
        Map<String, SelectorParameter> query = new TreeMap<>();
        parameters.forEach((name, value) -> query.put(
                String.valueOf(name),
                ContractExamples.selectorParameter(String.valueOf(name), value, source, SELECTOR)));
        return query;
    }
}
