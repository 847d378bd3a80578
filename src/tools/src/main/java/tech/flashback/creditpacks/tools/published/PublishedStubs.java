package tech.flashback.creditpacks.tools.published;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A folder in the published form ({@code stubs/}, or a stubs jar's version folder): WireMock
 * mappings under {@code mappings/}, each carrying its contract's example request and response
 * rules in its {@code metadata}, and the rules as JSON Schema under {@code rules/}. Read as data
 * only: no contract code runs, so a downloaded version can be checked safely. Each endpoint's
 * states are switched by a WireMock scenario of its own; its default state is the one whose stubs
 * answer in the scenario's {@code Started} state.
 */
public record PublishedStubs(Path root, List<PublishedStub> stubs) {

    /** WireMock's name for the state every scenario starts in, and returns to on reset. */
    public static final String STARTED = "Started";

    public static final String MAPPINGS = "mappings";
    public static final String RULES = "rules";

    /** An endpoint's stubs as a stub user reaches them: its scenario, the state it starts in, and its states (that one first). */
    public record Endpoint(String scenario, String defaultState, List<String> states) {

        /** The scenario state a stub user sets to reach a producer state ({@code Started} for the default). */
        public String scenarioStateOf(String state) {
            return state.equals(defaultState) ? STARTED : state;
        }
    }

    /** The contracts themselves: one stub each (selectors are extra ways to reach the same response). */
    public List<PublishedStub> contracts() {
        return stubs.stream().filter(stub -> !stub.selector()).toList();
    }

    /** Every endpoint, by scenario. */
    public List<Endpoint> endpoints() {
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, Set<String>> states = new LinkedHashMap<>();
        stubs.stream()
                .filter(stub -> stub.scenario() != null)
                .sorted(Comparator.comparing(PublishedStub::scenario))
                .forEach(stub -> {
                    states.computeIfAbsent(stub.scenario(), unused -> new TreeSet<>())
                            .add(stub.state());
                    if (stub.inDefaultState()) {
                        defaults.putIfAbsent(stub.scenario(), stub.state());
                    }
                });
        List<Endpoint> endpoints = new ArrayList<>();
        states.forEach((scenario, named) -> {
            List<String> ordered = new ArrayList<>();
            String first = defaults.get(scenario);
            if (first != null) {
                ordered.add(first);
            }
            named.stream().filter(state -> !state.equals(first)).forEach(ordered::add);
            endpoints.add(new Endpoint(scenario, first, List.copyOf(ordered)));
        });
        return endpoints;
    }

    /** The endpoint whose scenario this is; null when no stub names it. */
    public Endpoint endpoint(String scenario) {
        return endpoints().stream()
                .filter(endpoint -> endpoint.scenario().equals(scenario))
                .findFirst()
                .orElse(null);
    }

    /**
     * The producer states, as a state hook knows them: every endpoint's default state first, then
     * the others by name. A state of the same name on two endpoints is one producer state.
     */
    public List<String> states() {
        Set<String> states = new LinkedHashSet<>();
        stubs.stream()
                .filter(PublishedStub::inDefaultState)
                .map(PublishedStub::state)
                .sorted()
                .forEach(states::add);
        stubs.stream().map(PublishedStub::state).sorted().forEach(states::add);
        return List.copyOf(states);
    }

    /** The public contracts' stubs alone: what the producer promises every consumer, without any consumer's own. */
    public PublishedStubs publicOnly() {
        return new PublishedStubs(
                root, stubs.stream().filter(stub -> stub.consumer() == null).toList());
    }

    /**
     * One consumer's own stubs alone, as Stub Runner's stubs per consumer loads them: none of the
     * public stubs, nor any other consumer's.
     */
    public PublishedStubs ofConsumer(String consumer) {
        return new PublishedStubs(
                root,
                stubs.stream().filter(stub -> consumer.equals(stub.consumer())).toList());
    }

    /** The consumers with contracts of their own, by name. */
    public Set<String> consumers() {
        Set<String> consumers = new TreeSet<>();
        stubs.stream().map(PublishedStub::consumer).filter(Objects::nonNull).forEach(consumers::add);
        return consumers;
    }

    public static PublishedStubs read(Path root) {
        Path mappings = root.resolve(MAPPINGS);
        if (!Files.isDirectory(mappings)) {
            throw new IllegalStateException("No published stubs in " + root + " (no " + MAPPINGS + "/ folder)");
        }
        Map<String, BodyRules> rulesByFile = new HashMap<>();
        List<PublishedStub> stubs = new ArrayList<>();
        for (Path file : jsonFiles(mappings)) {
            JsonNode mapping = PublishedJson.read(file);
            JsonNode contract = mapping.path("metadata").path("contract");
            if (contract.isMissingNode()) {
                throw new IllegalStateException(file + " carries no contract metadata: it was published before the"
                        + " contracts' rules were, and cannot be read as data");
            }
            JsonNode response = contract.path("response");
            List<HeaderRule> headers = new ArrayList<>();
            response.path("headers")
                    .properties()
                    .forEach(header -> headers.add(HeaderRule.fromJson(header.getKey(), header.getValue())));
            BodyRules body = rules(root, response.path("rules").asString(null), rulesByFile);
            String text = response.path("bodyText").asString(null);
            stubs.add(new PublishedStub(
                    contract.path("name").asString(),
                    contract.path("consumer").asString(null),
                    contract.path("state").asString(),
                    mapping.path("scenarioName").asString(null),
                    mapping.path("requiredScenarioState").asString(null),
                    ExampleRequest.fromJson(contract.path("request")),
                    new ResponseRules(response.path("status").asInt(), headers, body, text),
                    rules(root, contract.path("requestRules").asString(null), rulesByFile),
                    contract.has("selector"),
                    mapping.path("response").get("jsonBody"),
                    mapping.path("request"),
                    root.relativize(file),
                    contract.path("pact").asString(null)));
        }
        if (stubs.isEmpty()) {
            throw new IllegalStateException("No stub mappings under " + mappings);
        }
        return new PublishedStubs(root, withScenarios(stubs));
    }

    private static BodyRules rules(Path root, String file, Map<String, BodyRules> read) {
        return file == null
                ? null
                : read.computeIfAbsent(file, name -> new BodyRules(PublishedJson.read(root.resolve(name))));
    }

    /** A selector stub answers in any state, outside every scenario; it belongs to its contract's endpoint all the same. */
    private static List<PublishedStub> withScenarios(List<PublishedStub> stubs) {
        List<PublishedStub> complete = new ArrayList<>();
        for (PublishedStub stub : stubs) {
            if (stub.scenario() != null || !stub.selector()) {
                complete.add(stub);
                continue;
            }
            String scenario = stubs.stream()
                    .filter(other -> !other.selector()
                            && other.contract().equals(stub.contract())
                            && Objects.equals(other.consumer(), stub.consumer()))
                    .map(PublishedStub::scenario)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            complete.add(new PublishedStub(
                    stub.contract(),
                    stub.consumer(),
                    stub.state(),
                    scenario,
                    null,
                    stub.request(),
                    stub.rules(),
                    stub.requestRules(),
                    true,
                    stub.example(),
                    stub.requestMatcher(),
                    stub.mapping(),
                    stub.pact()));
        }
        return List.copyOf(complete);
    }

    private static List<Path> jsonFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json"))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
