package tech.flashback.creditpacks.tools.publish;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The contracts folder as the publisher reads it. Every file Spring Cloud Contract would read as
 * a contract is found here, so that none is generated into a test without being published, or the
 * other way round; anything else (the API's page, a body file a contract reads) travels with the
 * contracts. The layout:
 *
 * <pre>
 * &lt;endpoint&gt;/states.properties                 which state the producer and the stubs start in, and the
 *                                             stubs' WireMock scenario (needed once an endpoint has two states)
 * &lt;endpoint&gt;/&lt;state&gt;/**&#47;&lt;contract&gt;.groovy        the public contracts: the API reference's
 * consumers/&lt;consumer&gt;/&lt;endpoint&gt;/&lt;state&gt;/**&#47;*.groovy   a consumer's own contracts
 * consumers/&lt;consumer&gt;/**&#47;*.json                 a consumer's Pact files
 * consumers/&lt;consumer&gt;/provider-states.properties   how its pacts' provider states name the producer's
 * </pre>
 *
 * <p>An endpoint is the folder a {@code states.properties} sits in, and its states are the folders
 * right below it (deeper folders only organise a state's contracts). Without the file, the folder
 * that holds a contract is its state and that folder's parent the endpoint.
 */
final class ContractTree {

    static final String CONSUMERS = "consumers";
    static final String STATES_FILE = "states.properties";
    static final String PROVIDER_STATES_FILE = "provider-states.properties";

    /** The keys a {@value #STATES_FILE} may hold. */
    private static final Set<String> STATES_KEYS = Set.of("default", "scenario");

    private static final Pattern CONSUMER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** Spring Cloud Contract reads {@code 1_login.groovy, 2_buy.groovy} as the steps of one WireMock scenario. */
    private static final Pattern SCENARIO_STEP = Pattern.compile("^[0-9]+_.*");

    /** What a file in the contracts folder is. */
    enum Kind {
        GROOVY,
        PACT,
        OTHER
    }

    /** Where a contract sits: whose it is (null: the public contracts), its endpoint folder and its producer state. */
    record Placement(String consumer, String endpoint, String state) {

        boolean isPublic() {
            return consumer == null;
        }
    }

    /** A contract file: its path in the tree (relative to the root), what it is, and where it sits (pacts: whose only). */
    record ContractFile(Path file, Path relative, Kind kind, Placement placement) {}

    /**
     * An endpoint's producer states as the stubs reach them: the WireMock scenario that switches them
     * and the state they start in (WireMock's {@code Started}).
     */
    record Endpoint(String path, String scenario, String defaultState, Set<String> states) {}

    private final Path root;
    private final List<ContractFile> contracts = new ArrayList<>();
    private final List<Path> otherFiles = new ArrayList<>();
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final Map<String, Path> providerStateTables = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    /** By consumer, endpoint and state: a contract in a folder below the state's (see {@link #organised}). */
    private final Map<String, Path> onlyBelow = new TreeMap<>();

    private final Set<String> directly = new TreeSet<>();

    private ContractTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    List<ContractFile> contracts() {
        return contracts;
    }

    /** Files that travel with the contracts in the stubs jar: the API's page, body files, the states files. */
    List<Path> otherFiles() {
        return otherFiles;
    }

    Map<String, Endpoint> endpoints() {
        return endpoints;
    }

    /** By consumer, the file that maps its pacts' provider states to the producer's. */
    Map<String, Path> providerStateTables() {
        return providerStateTables;
    }

    List<String> problems() {
        return problems;
    }

    static ContractTree scan(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("No contracts folder at " + root);
        }
        ContractTree tree = new ContractTree(root);
        Set<String> statesFiles = PublishedFiles.under(root).stream()
                .map(root::relativize)
                .filter(relative ->
                        relative.getFileName().toString().equals(STATES_FILE) && !relative.startsWith(CONSUMERS))
                .map(relative -> relative.getParent() == null ? "" : slashed(relative.getParent()))
                .collect(Collectors.toSet());
        for (Path file : PublishedFiles.under(root)) {
            tree.classify(file, root.relativize(file), statesFiles);
        }
        tree.findEndpoints(statesFiles);
        tree.checkConsumerNames();
        return tree;
    }

    private void classify(Path file, Path relative, Set<String> statesFiles) {
        String name = relative.getFileName().toString();
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        String consumer =
                relative.getNameCount() > 2 && relative.getName(0).toString().equals(CONSUMERS)
                        ? relative.getName(1).toString()
                        : null;
        if (relative.getNameCount() == 2
                && relative.getName(0).toString().equals(CONSUMERS)
                && List.of("groovy", "gvy", "json").contains(extension)) {
            problems.add(file + ": a consumer's contracts go in its own folder, " + CONSUMERS
                    + "/<consumer>/ (named after the" + " consumer)");
            return;
        }
        if (consumer != null && !CONSUMER_NAME.matcher(consumer).matches()) {
            problems.add(file + ": the consumer folder '" + consumer
                    + "' must be a consumer's name in lower case (letters, digits,"
                    + " '.', '_' or '-'), e.g. web-storefront: Stub Runner finds a consumer's stubs by it");
            return;
        }
        switch (extension) {
            case "groovy", "gvy" -> classifyGroovy(file, relative, consumer, statesFiles);
            case "java", "kt", "kts", "yml", "yaml" ->
                problems.add(file + ": Spring Cloud Contract reads this file as a contract,"
                        + " and only Groovy contracts are published here (their rules and example requests are read from the Groovy"
                        + " DSL): write it in Groovy, or move it out of the contracts folder");
            case "json" -> {
                if (consumer != null) {
                    contracts.add(new ContractFile(file, relative, Kind.PACT, new Placement(consumer, null, null)));
                } else {
                    otherFiles.add(relative);
                }
            }
            default -> {
                if (consumer != null && relative.getNameCount() == 3 && name.equals(PROVIDER_STATES_FILE)) {
                    providerStateTables.put(consumer, file);
                } else {
                    otherFiles.add(relative);
                }
            }
        }
    }

    private void classifyGroovy(Path file, Path relative, String consumer, Set<String> statesFiles) {
        if (SCENARIO_STEP.matcher(relative.getFileName().toString()).matches()) {
            problems.add(file + ": a name starting with a number and '_' makes it a step of a Spring Cloud Contract"
                    + " scenario, which this harness expresses as producer states instead (a folder each): rename it,"
                    + " or put each step in the folder of the state it needs");
            return;
        }
        Placement placement = placement(relative, consumer, statesFiles);
        if (placement != null) {
            contracts.add(new ContractFile(file, relative, Kind.GROOVY, placement));
        }
    }

    /** The contract's consumer, endpoint and state from its folders (see the class comment); null after a problem. */
    private Placement placement(Path relative, String consumer, Set<String> statesFiles) {
        Path inScope = consumer == null ? relative : relative.subpath(2, relative.getNameCount());
        Path folder = inScope.getParent();
        if (folder == null) {
            problems.add(
                    root.resolve(relative) + ": a contract goes in the folder of the producer state it needs, e.g. "
                            + (consumer == null ? "" : CONSUMERS + "/" + consumer + "/") + "credits/packs/available/");
            return null;
        }
        for (Path endpoint = folder.getParent(); endpoint != null; endpoint = endpoint.getParent()) {
            if (statesFiles.contains(slashed(endpoint))) {
                return organised(
                        new Placement(
                                consumer,
                                slashed(endpoint),
                                inScope.getName(endpoint.getNameCount()).toString()),
                        relative,
                        folder.getNameCount() > endpoint.getNameCount() + 1);
            }
        }
        if (statesFiles.contains("")) {
            return organised(
                    new Placement(consumer, "", inScope.getName(0).toString()), relative, folder.getNameCount() > 1);
        }
        return new Placement(
                consumer,
                folder.getParent() == null ? "" : slashed(folder.getParent()),
                folder.getFileName().toString());
    }

    /**
     * Notes whether a contract sits in its state's folder itself or in a folder below it: a state
     * folder with no contract of its own, only folders of them, reads just like an endpoint of its
     * own that lacks its states file ({@code credits/packs/buy/purchasable/}), and is refused below.
     */
    private Placement organised(Placement placement, Path relative, boolean deeper) {
        String key = placement.consumer() + "|" + placement.endpoint() + "|" + placement.state();
        if (deeper) {
            onlyBelow.putIfAbsent(key, relative);
        } else {
            directly.add(key);
        }
        return placement;
    }

    /** Each endpoint with its states, from the Groovy contracts and the states files; problems for what does not add up. */
    private void findEndpoints(Set<String> statesFiles) {
        refuseStatesOnlyBelow();
        Map<String, Set<String>> publicStates = new TreeMap<>();
        Map<String, Set<String>> consumerStates = new TreeMap<>();
        for (ContractFile contract : contracts) {
            if (contract.kind() == Kind.GROOVY) {
                (contract.placement().isPublic() ? publicStates : consumerStates)
                        .computeIfAbsent(contract.placement().endpoint(), unused -> new TreeSet<>())
                        .add(contract.placement().state());
            }
        }
        Map<String, Set<String>> states = new TreeMap<>(publicStates);
        // An endpoint only consumers describe so far has the states their contracts name.
        consumerStates.forEach((endpoint, named) -> states.putIfAbsent(endpoint, named));
        statesFiles.stream()
                .filter(endpoint -> !states.containsKey(endpoint))
                .forEach(endpoint -> problems.add(root.resolve(endpoint).resolve(STATES_FILE)
                        + ": no contract sits in a state folder of this endpoint"));
        Map<String, String> scenarios = new LinkedHashMap<>();
        states.forEach((endpoint, named) -> {
            Endpoint found = endpoint(endpoint, named, statesFiles, scenarios);
            if (found != null) {
                endpoints.put(endpoint, found);
            }
        });
        refuseStatesTheProducerLacks(consumerStates, publicStates);
    }

    /** A state folder with no contract of its own, only folders of them (see {@link #organised}). */
    private void refuseStatesOnlyBelow() {
        onlyBelow.forEach((key, example) -> {
            if (!directly.contains(key)) {
                String[] parts = key.split("\\|", -1);
                Path endpoint = root.resolve(example).getParent().getParent();
                String endpointFolder = parts[1].isEmpty()
                        ? root.toString()
                        : root.resolve(parts[0].equals("null") ? parts[1] : CONSUMERS + "/" + parts[0] + "/" + parts[1])
                                .toString();
                problems.add(root.resolve(example) + ": read as a contract of the state " + parts[2]
                        + " of the endpoint "
                        + endpointFolder + " (its " + STATES_FILE
                        + "), kept in a folder below the state's, and no contract sits in"
                        + " the state's folder itself, so it reads just as well as an endpoint of its own, " + endpoint
                        + ", without its " + STATES_FILE + ". If it is one, give it " + endpoint.resolve(STATES_FILE)
                        + " (default=<state>);"
                        + " if it is the state " + parts[2]
                        + ", put at least one of its contracts in its folder itself");
            }
        });
    }

    /**
     * The endpoint with the states {@code named}: its default state and its scenario, as its states
     * file says or as they follow from its one state and its path; null after a problem.
     */
    private Endpoint endpoint(
            String endpoint, Set<String> named, Set<String> statesFiles, Map<String, String> scenarios) {
        Map<String, String> settings = statesFiles.contains(endpoint) ? readStates(endpoint) : Map.of();
        String where = root.resolve(endpoint).resolve(STATES_FILE).toString();
        String defaultState = settings.get("default");
        if (defaultState == null && named.size() == 1) {
            defaultState = named.iterator().next();
        }
        if (defaultState == null) {
            problems.add(root.resolve(endpoint) + " has the states " + String.join(", ", named) + ": say which one the"
                    + " producer and the stubs start in, with default=<state> in " + where);
            return null;
        }
        if (!named.contains(defaultState)) {
            problems.add(where + ": default=" + defaultState + " names no state folder of " + root.resolve(endpoint)
                    + "; its states are " + String.join(", ", named));
            return null;
        }
        String scenario =
                settings.getOrDefault("scenario", endpoint.isEmpty() ? "contracts" : endpoint.replace('/', '-'));
        String other = scenarios.putIfAbsent(scenario, endpoint);
        if (other != null) {
            problems.add(
                    where + ": the scenario " + scenario + " is also the one of " + root.resolve(other)
                            + ": each endpoint needs a scenario of its own, so that switching one's state leaves the other's alone");
            return null;
        }
        return new Endpoint(endpoint, scenario, defaultState, Set.copyOf(named));
    }

    /** A consumer's contracts in a state the producer's own contracts of the endpoint do not have. */
    private void refuseStatesTheProducerLacks(
            Map<String, Set<String>> consumerStates, Map<String, Set<String>> publicStates) {
        consumerStates.forEach((endpoint, named) -> {
            Set<String> producerStates = publicStates.get(endpoint);
            if (producerStates != null) {
                named.stream()
                        .filter(state -> !producerStates.contains(state))
                        .forEach(state -> problems.add("Consumer contracts in"
                                + " state " + state + " of " + root.resolve(endpoint)
                                + ": the producer has no such state (its states are "
                                + String.join(", ", producerStates)
                                + "); a consumer's contracts go in the states the producer has"));
            }
        });
    }

    /**
     * Stub Runner's stubs per consumer load every stub whose path holds the consumer's name as a
     * folder: a consumer named like a folder of the published paths (an endpoint's, a state's) would
     * load those stubs too.
     */
    private void checkConsumerNames() {
        Set<String> folders = new TreeSet<>(
                Set.of(CONSUMERS, PublishedFiles.MAPPINGS, PublishedFiles.RULES, "contracts", "META-INF"));
        contracts.stream().filter(contract -> contract.placement().isPublic()).forEach(contract -> {
            Path parent = contract.relative().getParent();
            for (int i = 0; parent != null && i < parent.getNameCount(); i++) {
                folders.add(parent.getName(i).toString());
            }
        });
        endpoints.values().forEach(endpoint -> folders.addAll(endpoint.states()));
        contracts.stream()
                .map(contract -> contract.placement().consumer())
                .filter(consumer -> consumer != null && folders.contains(consumer))
                .distinct()
                .forEach(
                        consumer -> problems.add(
                                root.resolve(CONSUMERS).resolve(consumer) + ": the consumer's name '" + consumer
                                        + "' is also a folder of the published stubs' paths, and Stub Runner's stubs per consumer load every stub whose"
                                        + " path holds the consumer's name: name the consumer otherwise (its application's name, say)"));
    }

    private Map<String, String> readStates(String endpoint) {
        Path file = root.resolve(endpoint).resolve(STATES_FILE);
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> lines = PublishedFiles.readText(file).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            java.util.Properties one = new java.util.Properties();
            try {
                one.load(new StringReader(line));
            } catch (IOException | IllegalArgumentException e) {
                throw new UncheckedIOException(new IOException(file + ":" + (i + 1) + ": " + e.getMessage()));
            }
            for (String key : one.stringPropertyNames()) {
                if (!STATES_KEYS.contains(key)) {
                    problems.add(
                            file + ":" + (i + 1) + ": unknown setting '" + key + "'; " + STATES_FILE
                                    + " takes default=<state>"
                                    + " (where the producer and the stubs start) and scenario=<name> (the stubs' WireMock scenario)");
                } else {
                    settings.put(key, one.getProperty(key).strip());
                }
            }
        }
        return settings;
    }

    static String slashed(Path path) {
        return path.toString().replace('\\', '/');
    }
}
