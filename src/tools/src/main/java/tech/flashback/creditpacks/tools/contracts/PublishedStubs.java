package tech.flashback.creditpacks.tools.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A folder in the published form ({@code stubs/}, or a stubs jar's version folder): WireMock
 * mappings under {@code mappings/}, each carrying its contract's example request and response
 * rules in its {@code metadata}, and the body rules as JSON Schema under {@code rules/}. Read as
 * data only: no contract code runs, so a downloaded version can be checked safely. The default
 * state is the one whose stubs answer in WireMock's {@code Started} state (null when none does).
 */
public record PublishedStubs(Path root, String scenario, String defaultState, List<PublishedStub> stubs) {

    /** WireMock's name for the state every scenario starts in, and returns to on reset. */
    public static final String STARTED = "Started";

    public static final String MAPPINGS = "mappings";
    public static final String RULES = "rules";

    /** The contracts themselves: one stub each (selectors are extra ways to reach the same answer). */
    public List<PublishedStub> contracts() {
        return stubs.stream().filter(stub -> !stub.selector()).toList();
    }

    /** The producer states, the default first, then by name. */
    public List<String> states() {
        Set<String> states = new LinkedHashSet<>();
        if (defaultState != null) {
            states.add(defaultState);
        }
        stubs.stream().map(PublishedStub::state).sorted().forEach(states::add);
        return List.copyOf(states);
    }

    /** The scenario state a stub user sets to reach a producer state ({@code Started} for the default). */
    public String scenarioStateOf(String state) {
        return state.equals(defaultState) ? STARTED : state;
    }

    public static PublishedStubs read(Path root) {
        Path mappings = root.resolve(MAPPINGS);
        if (!Files.isDirectory(mappings)) {
            throw new IllegalStateException("No published stubs in " + root + " (no " + MAPPINGS + "/ folder)");
        }
        Map<String, BodyRules> rulesByFile = new HashMap<>();
        List<PublishedStub> stubs = new ArrayList<>();
        String scenario = null;
        String defaultState = null;
        for (Path file : jsonFiles(mappings)) {
            JsonNode mapping = PublishedJson.read(file);
            JsonNode contract = mapping.path("metadata").path("contract");
            if (contract.isMissingNode()) {
                throw new IllegalStateException(file + " carries no contract metadata: it was published before the"
                        + " contracts' rules were, and cannot be read as data");
            }
            String state = contract.path("state").asString();
            String scenarioState = mapping.path("requiredScenarioState").asString(null);
            if (mapping.has("scenarioName")) {
                scenario = mapping.get("scenarioName").asString();
            }
            if (STARTED.equals(scenarioState)) {
                defaultState = state;
            }
            JsonNode response = contract.path("response");
            List<HeaderRule> headers = new ArrayList<>();
            response.path("headers").properties().forEach(header -> headers.add(HeaderRule.fromJson(header.getKey(), header.getValue())));
            String rulesFile = response.path("rules").asString(null);
            BodyRules body = rulesFile == null ? null
                    : rulesByFile.computeIfAbsent(rulesFile, name -> new BodyRules(PublishedJson.read(root.resolve(name))));
            stubs.add(new PublishedStub(contract.path("name").asString(), state, scenarioState,
                    ExampleRequest.fromJson(contract.path("request")), new ResponseRules(response.path("status").asInt(), headers, body),
                    contract.has("selector"), mapping.path("response").get("jsonBody"), mapping.path("request"), root.relativize(file)));
        }
        if (stubs.isEmpty()) {
            throw new IllegalStateException("No stub mappings under " + mappings);
        }
        return new PublishedStubs(root, scenario, defaultState, List.copyOf(stubs));
    }

    private static List<Path> jsonFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
