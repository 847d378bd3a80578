package tech.flashback.creditpacks.tools.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.verifier.file.ContractMetadata;
import org.springframework.cloud.contract.verifier.util.ContractVerifierDslConverter;
import org.springframework.cloud.contract.verifier.wiremock.DslToWireMockClientConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.contracts.BodyRules;
import tech.flashback.creditpacks.tools.contracts.ExampleRequest;
import tech.flashback.creditpacks.tools.contracts.HeaderRule;
import tech.flashback.creditpacks.tools.contracts.Problem;
import tech.flashback.creditpacks.tools.contracts.PublishedJson;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;

/**
 * The stub publisher: turns the contracts into the published form, with Spring Cloud Contract's
 * own stub generator and the rules {@link ContractRules} derives, into the folder the stubs jar
 * is packed from, and keeps the committed {@code stubs/} folder equal to it. Runs in every build
 * ({@code process-test-classes}, see pom.xml); reuses the last publication while nothing it comes
 * from changed.
 *
 * <p>The published form, for each contract {@code contracts/<path>/<state>/<name>.groovy}:
 * <ul>
 * <li>{@code mappings/<path>/<state>/<name>.json}: the stub, in what any stock WireMock 3 loads
 *     without warnings and a reviewer can diff (no random ids, no Spring Cloud Contract
 *     transformer, the body as readable {@code jsonBody}, fixed key order and indent). It answers
 *     in the WireMock scenario state named after its folder ({@code Started} for the default
 *     state), and carries its contract as data in {@code metadata.contract}: the producer state,
 *     the request the contract's test sends, and the response rules;</li>
 * <li>{@code mappings/<path>/<state>/<name>.selector.json} when the contract names a stub
 *     selector ({@code metadata(stubSelector: [queryParameters: [...]])}): the same answer in
 *     any state to the request with that selector added;</li>
 * <li>{@code rules/<path>/<state>/<name>.schema.json}: the response body's rules as JSON Schema
 *     (see {@link ContractRules}).</li>
 * </ul>
 */
public final class StubPublisher {

    /** The one command that brings {@code stubs/} up to date; named in every staleness failure. */
    public static final String REGENERATE_COMMAND = "./mvnw process-test-classes -Dstubs.update";

    /**
     * What the published form says beyond the contracts themselves: the stubs' WireMock scenario,
     * the contract folder (producer state) it starts in, and the API's title and version for the
     * OpenAPI document. The build sets them (pom.xml), and so do tests, from the same properties.
     */
    public record Publication(String scenario, String defaultState, String apiTitle, String apiVersion) {

        public static Publication fromSystemProperties() {
            return new Publication(required("stubs.scenario"), required("stubs.default-state"), required("stubs.api-title"),
                    required("stubs.api-version"));
        }
    }

    /** What to publish from, where to, and what to do with the committed copy (null: none). */
    public record Settings(Path contracts, Path published, Path committed, Publication publication,
            boolean reuse, boolean update, boolean check) {
    }

    private static String required(String name) {
        String value = ToolProperties.optional(name);
        if (value == null) {
            throw new IllegalArgumentException("The stub publisher needs -D" + name + " (pom.xml sets it)");
        }
        return value;
    }

    /** The committed copy differs from what the contracts publish: a verdict of the check, not a failure to run it. */
    public static final class StaleCommittedCopy extends IllegalStateException {

        StaleCommittedCopy(String message) {
            super(message);
        }
    }

    private static final String SELECTOR = "stubSelector";
    /** Where the stubs jar carries the contracts it was published from. */
    private static final String CONTRACTS = "contracts";

    private StubPublisher() {
    }

    /**
     * Publishes (or, when nothing it comes from changed, reuses the last publication) and compares
     * with the committed folder; returns what {@code -Dstubs.update} rewrote there.
     *
     * @throws IllegalStateException when the committed folder is stale (naming each file, its first
     *                               differing line and the command that fixes it), or a contract
     *                               cannot be published
     */
    public static List<String> run(Settings settings) {
        Map<Path, String> published = settings.reuse() && Files.isDirectory(settings.published().resolve(PublishedStubs.RULES))
                ? readPublished(settings.published())
                : publish(settings);
        if (!settings.check() && !settings.update()) {
            return List.of();
        }
        List<String> stale = differences(published, settings.committed());
        if (stale.isEmpty() || settings.update()) {
            if (!stale.isEmpty()) {
                replace(settings.committed(), published);
            }
            return stale;
        }
        throw new StaleCommittedCopy(settings.committed() + " is out of date with the contracts:\n  "
                + String.join("\n  ", stale) + "\nRegenerate it with: " + REGENERATE_COMMAND
                + "\nand commit it together with the contract change.");
    }

    /**
     * Publishes every contract under {@code settings.contracts()} into {@code settings.published()}
     * ({@code mappings/} and {@code rules/} there are replaced); returns the published files by
     * path relative to that folder.
     *
     * @throws IllegalStateException listing every contract problem ({@code file:line: what to change})
     */
    static Map<Path, String> publish(Settings settings) {
        Map<Path, String> files = publish(settings.contracts(), settings.publication());
        Map<Path, String> jar = new TreeMap<>(files);
        // The jar carries the document as JSON (see OpenApiDocument.JAR_FILE), and the contracts themselves.
        jar.put(OpenApiDocument.JAR_FILE, OpenApiDocument.asJson(jar.remove(OpenApiDocument.FILE)));
        files(settings.contracts()).forEach(file -> jar.put(Path.of(CONTRACTS).resolve(settings.contracts().relativize(file)), read(file)));
        replaceFolder(settings.published(), jar);
        return files;
    }

    /** The published form of the contracts under {@code contracts}, by path relative to a published folder. */
    public static Map<Path, String> publish(Path contracts, Publication publication) {
        Map<Path, String> files = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        // A name is a contract's identity in its test, its stub, its rules and every report.
        Map<String, Path> names = new TreeMap<>();
        java.util.Set<String> states = new java.util.TreeSet<>();
        for (Path file : contractFiles(contracts)) {
            ContractSource source = new ContractSource(file, read(file));
            try {
                Collection<Contract> parsed = ContractVerifierDslConverter.convertAsCollection(contracts.toFile(), file.toFile());
                // Spring Cloud Contract's own stub generator, as its Maven plugin runs it.
                Map<Contract, String> stubs = new DslToWireMockClientConverter().convertContents(file.getFileName().toString(),
                        new ContractMetadata(file, false, parsed.size(), null, parsed));
                for (Contract contract : parsed) {
                    Path other = contract.getName() == null ? null : names.putIfAbsent(contract.getName(), file);
                    if (other != null) {
                        throw new ContractProblem(source.at("'" + contract.getName() + "'"), "another contract is named "
                                + contract.getName() + " (" + other + "): every contract needs a name of its own");
                    }
                    states.add(file.getParent().getFileName().toString());
                    if (!contract.getIgnored()) {
                        files.putAll(publish(contract, PublishedJson.MAPPER.readTree(stubs.get(contract)), source, contracts,
                                publication.scenario(), publication.defaultState()));
                    }
                }
            } catch (ContractProblem problem) {
                problems.add(problem.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The contracts cannot be published:\n  " + String.join("\n  ", problems));
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("No contracts to publish under " + contracts);
        }
        if (!states.contains(publication.defaultState())) {
            throw new IllegalStateException("The stubs' default state " + publication.defaultState() + " (stubs.default-state"
                    + " in pom.xml) names no contract folder; the folders are " + states);
        }
        String openApi = OpenApiDocument.write(files, publication.apiTitle(), publication.apiVersion());
        OpenApiCheck.assertValid(openApi);
        files.put(OpenApiDocument.FILE, openApi);
        return files;
    }

    private static Map<Path, String> publish(Contract contract, JsonNode stub, ContractSource source, Path contracts,
            String scenario, String defaultState) {
        if (contract.getName() == null || contract.getName().isBlank()) {
            throw new ContractProblem(source.at("Contract.make"), "give the contract a name ('shouldDoSomething'):"
                    + " it names its test, its stub and its rules");
        }
        if (!contract.getName().matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new ContractProblem(source.at("name"), "the name '" + Problem.shorten(contract.getName()) + "' must be letters,"
                    + " digits and underscores, starting with a letter: it becomes a Java method and a file name");
        }
        if (stub.toString().contains("{{")) {
            throw new ContractProblem(source.at("fromRequest"), "the stub's answer depends on the request (fromRequest() or a"
                    + " template), which the published stubs do not support: give the answer as a fixed example");
        }
        Path folder = contracts.relativize(source.file().getParent());
        String state = folder.getFileName().toString();
        JsonNode example = ContractExamples.body(contract, source);
        ObjectNode bodyRules = ContractRules.derive(contract, example, source);
        Path rulesFile = Path.of(PublishedStubs.RULES).resolve(folder).resolve(contract.getName() + ".schema.json");

        Map<Path, String> files = new TreeMap<>();
        if (bodyRules != null) {
            ObjectNode schema = schemaDocument(contract, source, contracts, bodyRules);
            BodyRules rules;
            try {
                rules = new BodyRules(schema);
            } catch (RuntimeException unreadable) {
                throw new ContractProblem(source.file().toString(), "its rules are not a JSON Schema the validator reads: "
                        + unreadable.getMessage());
            }
            selfCheck(example, rules, source);
            files.put(rulesFile, PublishedJson.pretty(schema));
        }
        ExampleRequest request = ContractExamples.request(contract, source);
        List<HeaderRule> headers = ContractExamples.headerRules(contract, source);
        String scenarioState = state.equals(defaultState) ? PublishedStubs.STARTED : state;
        ObjectNode metadata = metadata(contract, state, request, headers, bodyRules == null ? null : rulesFile);
        Path mapping = Path.of(PublishedStubs.MAPPINGS).resolve(folder).resolve(contract.getName() + ".json");
        files.put(mapping, PublishedJson.pretty(mapping(contract.getName(), stub, stub.get("request"), scenario,
                scenarioState, metadata)));

        Map<String, SelectorParameter> selectorParameters = selector(contract, source);
        if (!selectorParameters.isEmpty()) {
            ObjectNode selectorRequest = (ObjectNode) stub.get("request").deepCopy();
            ObjectNode parameters = selectorRequest.withObject("queryParameters");
            Map<String, String> selector = new TreeMap<>();
            selectorParameters.forEach((name, parameter) -> {
                selector.put(name, parameter.example());
                parameters.putObject(name).put(parameter.pattern() == null ? "equalTo" : "matches",
                        parameter.pattern() == null ? parameter.example() : parameter.pattern());
            });
            ObjectNode selectorMetadata = metadata(contract, state, request.withQuery(selector), headers,
                    bodyRules == null ? null : rulesFile);
            selectorMetadata.withObject("contract").set("selector", PublishedJson.MAPPER.valueToTree(selector));
            files.put(mapping.resolveSibling(contract.getName() + ".selector.json"), PublishedJson.pretty(mapping(
                    contract.getName() + " (in any state, with " + request.withQuery(selector).target().replaceFirst("^[^?]*\\?", "?")
                            + ")", stub, selectorRequest, null, null, selectorMetadata)));
        }
        return files;
    }

    private static ObjectNode schemaDocument(Contract contract, ContractSource source, Path contracts, ObjectNode rules) {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.put("$schema", BodyRules.DIALECT);
        schema.put("$comment", "Generated from contracts/" + contracts.relativize(source.file()).toString().replace('\\', '/')
                + " by the build: edit the contract, not this file.");
        schema.put("title", contract.getName() + ": the response body");
        if (contract.getDescription() != null) {
            schema.put("description", contract.getDescription().strip());
        }
        schema.setAll(rules);
        return schema;
    }

    /** The example body is what the stub answers; the build refuses a contract whose example breaks its own rules. */
    private static void selfCheck(JsonNode example, BodyRules rules, ContractSource source) {
        List<Problem> problems = rules.problems(example);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            String field = first.where().replaceFirst("^.*[.\\[]'?", "").replaceFirst("'?]?$", "");
            String where = source.text().contains("." + field + "'") ? source.at("." + field + "'") : source.at(field + ":");
            throw new ContractProblem(where, "the example body breaks the contract's own rules:\n    "
                    + Problem.list(problems).strip().replace("\n", "\n    "));
        }
    }

    private static ObjectNode metadata(Contract contract, String state, ExampleRequest request, List<HeaderRule> headers,
            Path rulesFile) {
        ObjectNode metadata = PublishedJson.MAPPER.createObjectNode();
        ObjectNode described = metadata.putObject("contract");
        described.put("name", contract.getName());
        described.put("state", state);
        described.set("request", request.toJson());
        ObjectNode response = described.putObject("response");
        response.put("status", Integer.parseInt(String.valueOf(contract.getResponse().getStatus().getClientValue())));
        if (!headers.isEmpty()) {
            ObjectNode headerRules = response.putObject("headers");
            headers.forEach(header -> headerRules.set(header.name(), header.toJson()));
        }
        if (rulesFile != null) {
            response.put("rules", rulesFile.toString().replace('\\', '/'));
        }
        return metadata;
    }

    private static ObjectNode mapping(String name, JsonNode generated, JsonNode request, String scenario, String scenarioState,
            ObjectNode metadata) {
        ObjectNode stub = PublishedJson.MAPPER.createObjectNode();
        stub.put("name", name);
        if (generated.has("priority")) {
            stub.set("priority", generated.get("priority"));
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
                case "transformers" -> { }
                case "body" -> response.set("jsonBody", PublishedJson.MAPPER.readTree(field.getValue().asString()));
                default -> response.set(field.getKey(), field.getValue());
            }
        });
        return response;
    }

    /**
     * {@code metadata(stubSelector: [queryParameters: [simulate: 'internal-error']])}, or empty. A
     * value may be a pattern with the value to show:
     * {@code simulate: [matches: 'internal-error|store-down', example: 'internal-error']}.
     */
    private static Map<String, SelectorParameter> selector(Contract contract, ContractSource source) {
        Object declared = contract.getMetadata() == null ? null : contract.getMetadata().get(SELECTOR);
        if (declared == null) {
            return Map.of();
        }
        if (!(declared instanceof Map<?, ?> selector) || selector.size() != 1
                || !(selector.get("queryParameters") instanceof Map<?, ?> parameters) || parameters.isEmpty()) {
            throw new ContractProblem(source.at(SELECTOR), SELECTOR + " takes one entry, queryParameters, naming each"
                    + " query parameter and its value: metadata(" + SELECTOR + ": [queryParameters: [simulate: 'internal-error']])");
        }
        Map<String, SelectorParameter> query = new TreeMap<>();
        parameters.forEach((name, value) -> query.put(String.valueOf(name),
                ContractExamples.selectorParameter(String.valueOf(name), value, source, SELECTOR)));
        return query;
    }

    /** The published files (not the copy of the contracts) of an earlier build, unchanged since. */
    static Map<Path, String> readPublished(Path published) {
        Map<Path, String> files = new TreeMap<>();
        for (String part : List.of(PublishedStubs.MAPPINGS, PublishedStubs.RULES)) {
            for (Path file : files(published.resolve(part))) {
                files.put(published.relativize(file), read(file));
            }
        }
        files.put(OpenApiDocument.FILE, read(published.resolve(OpenApiDocument.FILE)));
        return files;
    }

    /** What in {@code committed} is not what the contracts publish, a line per file; empty when up to date. */
    static List<String> differences(Map<Path, String> expected, Path committed) {
        List<String> stale = new ArrayList<>();
        expected.forEach((relative, text) -> {
            Path file = committed.resolve(relative);
            if (!Files.exists(file)) {
                stale.add("missing: " + file);
            } else {
                String committedText = read(file);
                if (!committedText.equals(text)) {
                    stale.add("differs: " + file + ":" + firstDifference(text, committedText));
                }
            }
        });
        for (String part : List.of(PublishedStubs.MAPPINGS, PublishedStubs.RULES)) {
            for (Path file : files(committed.resolve(part))) {
                if (!expected.containsKey(committed.relativize(file))) {
                    stale.add("no contract publishes it any more: " + file);
                }
            }
        }
        return stale;
    }

    /** {@code "17: the contracts give `a`, the file has `b`"}: the first line that differs, 1-based. */
    private static String firstDifference(String expected, String committed) {
        String[] want = expected.split("\n", -1);
        String[] have = committed.split("\n", -1);
        int line = 0;
        while (line < want.length && line < have.length && want[line].equals(have[line])) {
            line++;
        }
        return (line + 1) + ": the contracts give " + shown(want, line) + ", the file has " + shown(have, line);
    }

    private static String shown(String[] lines, int index) {
        // A stray carriage return is the usual invisible difference (an editor's CRLF), so show it.
        return index < lines.length ? "`" + lines[index].stripLeading().replace("\r", "\\r") + "`" : "the end of the file";
    }

    /** The build's own output folder becomes exactly {@code files}. */
    private static void replaceFolder(Path folder, Map<Path, String> files) {
        files(folder).forEach(StubPublisher::delete);
        files.forEach((relative, text) -> writeText(folder.resolve(relative), text));
    }

    /** {@code folder}'s mappings/, rules/ and OpenAPI document become exactly {@code files}: nothing stale survives. */
    private static void replace(Path folder, Map<Path, String> files) {
        for (String part : List.of(PublishedStubs.MAPPINGS, PublishedStubs.RULES)) {
            files(folder.resolve(part)).forEach(StubPublisher::delete);
        }
        if (Files.exists(folder.resolve(OpenApiDocument.FILE))) {
            delete(folder.resolve(OpenApiDocument.FILE));
        }
        files.forEach((relative, text) -> writeText(folder.resolve(relative), text));
    }

    /** The Groovy contracts; a contract in another of Spring Cloud Contract's formats is refused, not skipped. */
    private static List<Path> contractFiles(Path root) {
        List<Path> others = files(root).stream().filter(file -> file.toString().matches(".*\\.(ya?ml|java|kts?)$")).toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException("The contracts cannot be published: only Groovy contracts are (their rules and"
                    + " example requests are read from the Groovy DSL); write these in Groovy: " + others);
        }
        return files(root).stream().filter(file -> file.toString().endsWith(".groovy")).toList();
    }

    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
