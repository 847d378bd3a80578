package tech.flashback.creditpacks.tools.diff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tech.flashback.creditpacks.tools.diff.BaselineReplay.Replay;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.published.PublishedStubs.Endpoint;
import tech.flashback.creditpacks.tools.usage.FieldUsage;
import tools.jackson.databind.JsonNode;

/**
 * The contract diff: what changed for consumers between two versions of the contracts, the
 * baseline (what consumers built against) and the candidate, each change BREAKING, NEEDS_REVIEW
 * or ADDITIVE. It judges what consumers would see, not the text of the contracts:
 *
 * <ol>
 * <li>Every stub of the baseline is replayed against the candidate's stubs, in its stub state
 *     ({@link BaselineReplay}): its request, as a consumer sends it, and the response held to the
 *     baseline's rules. Reordered priorities, a new stub that shadows a baseline one, a deleted,
 *     ignored or renamed-away contract, a stricter request matcher, a removed state: each shows up
 *     as the response a consumer would now get, and breaks when that response breaks the
 *     baseline's rules.</li>
 * <li>For each baseline contract, the candidate's contract that now responds to its request
 *     (matched by request and state, not by name) has its rules compared with the baseline's by
 *     what they accept ({@link RuleComparison}): a response the candidate's rules allow and the
 *     baseline's reject is breaking; the reverse is not.</li>
 * <li>New contracts, new states, new fields and new example values are additive.</li>
 * </ol>
 *
 * <p>{@code ./mvnw test -Pcontract-diff -Dbaseline.version=1.0.0 [-Dcandidate.version=1.1.0]
 * [-Dbaseline.repository=URL]}: without a candidate version, the working tree's contracts.
 * Exits non-zero when anything is breaking or needs review.
 */
public final class ContractDiff {

    /**
     * What a change means for consumers: it breaks them; nobody can tell without a person looking
     * (which fails the diff as a break does, said apart); it only adds. A whole diff's verdict is its
     * worst change's, and {@code NONE} without any.
     */
    public enum Kind {
        BREAKING("BREAKING"),
        NEEDS_REVIEW("REVIEW"),
        ADDITIVE("ADDITIVE"),
        NONE("NONE");

        /** How a report's line names it. */
        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One change a consumer of the baseline would see, under the baseline contract's name. */
    public record Change(String contract, Kind kind, String what, List<String> consumers) {

        public Change {
            consumers = List.copyOf(consumers);
        }

        /** A change that breaks no one's contract (an addition, or a change the diff cannot tell). */
        public Change(String contract, Kind kind, String what) {
            this(contract, kind, what, List.of());
        }
    }

    public record Report(String baselineLabel, String candidateLabel, List<Change> changes) {

        public long breaking() {
            return count(Kind.BREAKING);
        }

        public long count(Kind kind) {
            return changes.stream().filter(change -> change.kind() == kind).count();
        }

        /** The worst change's kind; NONE when nothing changed for consumers. */
        public Kind verdict() {
            return changes.stream()
                    .map(Change::kind)
                    .min(Comparator.naturalOrder())
                    .orElse(Kind.NONE);
        }

        /** Whose contracts the breaking changes break: "public contract" first, then consumers by name. */
        public List<String> broken() {
            return changes.stream()
                    .filter(change -> change.kind() == Kind.BREAKING)
                    .flatMap(change -> change.consumers().stream())
                    .distinct()
                    .sorted(Comparator.comparing((String owner) -> !owner.equals(PublishedStub.PUBLIC_CONTRACT))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        }

        /** Whether the diff fails a release: something breaks, or needs a person's review first. */
        public boolean failing() {
            return verdict() == Kind.BREAKING || verdict() == Kind.NEEDS_REVIEW;
        }

        public String render() {
            StringBuilder text =
                    new StringBuilder("Contract diff for consumers: " + baselineLabel + " -> " + candidateLabel + "\n");
            changes.stream()
                    .collect(Collectors.groupingBy(Change::contract, TreeMap::new, Collectors.toList()))
                    .forEach((contract, changesOfContract) -> {
                        text.append(contract).append('\n');
                        changesOfContract.stream()
                                .sorted(Comparator.comparing(Change::kind))
                                .forEach(change -> text.append(String.format(
                                        "  %-9s %s%n",
                                        change.kind().label, change.what().replace("\n", "\n" + " ".repeat(12)))));
                    });
            long review = count(Kind.NEEDS_REVIEW);
            return text.append(String.format(
                            "%d breaking, %s%d additive%s%n",
                            breaking(),
                            review == 0 ? "" : review + " to review, ",
                            count(Kind.ADDITIVE),
                            consequence(review)))
                    .toString();
        }

        /** What the counts mean for a release; the consumers are named when the breaking changes break contracts, not only stub users. */
        private String consequence(long review) {
            if (breaking() > 0) {
                List<String> whose = broken();
                return ": consumers built against " + baselineLabel + " would break"
                        + (whose.isEmpty() ? "" : " (" + String.join(", ", whose) + ")");
            }
            return review > 0 ? ": a person must review what the diff cannot tell before a release" : "";
        }
    }

    /** How many example values a report lists per contract before it counts the rest. */
    private static final int EXAMPLES_SHOWN = 5;

    private ContractDiff() {}

    public static Report compare(
            String baselineLabel, PublishedStubs baseline, String candidateLabel, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>(scenarioChanges(baseline, candidate));
        BaselineReplay.Result replayed = BaselineReplay.run(baseline, candidate, candidateLabel);
        changes.addAll(replayed.stateChanges());
        changes.addAll(brokenReplays(replayed.replays(), candidate));
        changes.addAll(brokenReplays(replayed.reverseReplays(), candidate));
        changes.addAll(relianceChanges(baseline, candidate));
        Map<PublishedStub, Map<PublishedStub, Set<String>>> respondents = respondents(replayed.replays());
        changes.addAll(ruleChanges(respondents, baseline, candidate, baselineLabel));
        changes.addAll(requestRuleChanges(baseline, candidate, baselineLabel));
        changes.addAll(moved(baseline, candidate));
        changes.addAll(addedStubs(respondents, baseline, candidate));
        changes.addAll(addedStates(baseline, candidate));
        return new Report(baselineLabel, candidateLabel, List.copyOf(new LinkedHashSet<>(changes)));
    }

    /**
     * The endpoints' scenarios: one the baseline had and the candidate has not breaks every stub user
     * who switches its states (a renamed one is said as such); a new one is additive.
     */
    private static List<Change> scenarioChanges(PublishedStubs baseline, PublishedStubs candidate) {
        Scenarios scenarios = Scenarios.between(baseline, candidate);
        List<Change> changes = new ArrayList<>();
        for (String scenario : scenarios.gone()) {
            changes.add(new Change(
                    "(states)",
                    Kind.BREAKING,
                    "the stubs' scenario " + scenario
                            + (scenarios.renamed().isEmpty()
                                    ? " is gone (the scenarios now: " + String.join(", ", scenarios.candidate()) + ")"
                                    : " is now " + scenarios.renamed().get(scenario))
                            + ": stub users who switch states by its name get a 404"));
        }
        if (!scenarios.gone().isEmpty()) {
            return changes;
        }
        scenarios
                .added()
                .forEach(scenario -> changes.add(new Change(
                        "(states)",
                        Kind.ADDITIVE,
                        "endpoint with the scenario " + scenario + " added: its stubs answer in its states "
                                + candidate.endpoint(scenario).states())));
        return changes;
    }

    /** A scenario the candidate renamed: the one scenario gone and the one new, when exactly one of each. */
    static Map<String, String> renamedScenario(PublishedStubs baseline, PublishedStubs candidate) {
        return Scenarios.between(baseline, candidate).renamed();
    }

    /** The endpoints' scenarios of both versions, and which are gone from the candidate or new in it. */
    private record Scenarios(List<String> candidate, List<String> gone, List<String> added) {

        static Scenarios between(PublishedStubs baseline, PublishedStubs candidate) {
            List<String> baselineScenarios =
                    baseline.endpoints().stream().map(Endpoint::scenario).toList();
            List<String> candidateScenarios =
                    candidate.endpoints().stream().map(Endpoint::scenario).toList();
            return new Scenarios(
                    candidateScenarios,
                    baselineScenarios.stream()
                            .filter(scenario -> !candidateScenarios.contains(scenario))
                            .toList(),
                    candidateScenarios.stream()
                            .filter(scenario -> !baselineScenarios.contains(scenario))
                            .toList());
        }

        /** The one scenario gone mapped to the one new, when exactly one of each: a rename, not a removal. */
        Map<String, String> renamed() {
            return gone.size() == 1 && added.size() == 1 ? Map.of(gone.get(0), added.get(0)) : Map.of();
        }
    }

    /**
     * The states of an endpoint the candidate renamed: a state gone and a state added that hold the
     * same contracts (by name), or, failing that, the only state gone and the only one added.
     */
    static Map<String, String> renamedStates(
            PublishedStubs baseline, Endpoint baselineEndpoint, PublishedStubs candidate, Endpoint candidateEndpoint) {
        List<String> gone = baselineEndpoint.states().stream()
                .filter(state -> !candidateEndpoint.states().contains(state))
                .toList();
        List<String> added = candidateEndpoint.states().stream()
                .filter(state -> !baselineEndpoint.states().contains(state))
                .toList();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String state : gone) {
            Set<String> contracts = contractsIn(baseline, baselineEndpoint.scenario(), state);
            List<String> same = added.stream()
                    .filter(other -> contractsIn(candidate, candidateEndpoint.scenario(), other)
                            .equals(contracts))
                    .toList();
            if (same.size() == 1 && !renamed.containsValue(same.get(0))) {
                renamed.put(state, same.get(0));
            }
        }
        if (renamed.isEmpty() && gone.size() == 1 && added.size() == 1) {
            renamed.put(gone.get(0), added.get(0));
        }
        return renamed;
    }

    private static Set<String> contractsIn(PublishedStubs stubs, String scenario, String state) {
        return stubs.contracts().stream()
                .filter(stub -> scenario.equals(stub.scenario()) && stub.state().equals(state))
                .map(PublishedStub::label)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The replays that break: a line per baseline contract and outcome, naming every state it happens in. */
    private static List<Change> brokenReplays(List<Replay> replays, PublishedStubs candidate) {
        record Outcome(String contract, String owner, String request, String outcome) {}
        Map<Outcome, List<String>> states = new LinkedHashMap<>();
        for (Replay replay : replays) {
            PublishedStub baselineStub = replay.baselineStub();
            List<Problem> problems = replay.problems();
            if (baselineStub.consumer() != null) {
                // A consumer's contract says what it relies on. Gone from the candidate, it relies on less;
                // responded to by its own candidate stub, it changed what it relies on (said as such, by
                // relianceChanges); responded to by another contract's stub, that response must give it
                // what it still relies on.
                PublishedStub candidateStub = sameContract(candidate, baselineStub);
                if (candidateStub == null
                        || replay.respondedBy() == null
                        || Objects.equals(replay.respondedBy().consumer(), baselineStub.consumer())) {
                    continue;
                }
                problems = candidateStub.rules().problems(replay.response());
            }
            if (replay.respondedBy() != null && problems.isEmpty()) {
                continue;
            }
            String outcome = replay.outcome()
                    + (problems.isEmpty()
                            ? ""
                            : (baselineStub.consumer() == null
                                            ? ", which breaks the old rules:\n"
                                            : ", which breaks what " + baselineStub.consumer() + " relies on:\n")
                                    + Problem.list(problems).strip());
            states.computeIfAbsent(
                            new Outcome(
                                    baselineStub.label(),
                                    baselineStub.owner(),
                                    replay.request().toString(),
                                    outcome),
                            unused -> new ArrayList<>())
                    .add(replay.state());
        }
        List<Change> changes = new ArrayList<>();
        states.forEach((outcome, where) -> changes.add(new Change(
                outcome.contract(),
                Kind.BREAKING,
                outcome.request() + (where.size() == 1 ? " in state " : " in states ") + String.join(", ", where) + ": "
                        + outcome.outcome(),
                List.of(outcome.owner()))));
        return changes;
    }

    /** For each baseline stub, the candidate's stubs that responded to its request, and where their responses broke its rules. */
    private static Map<PublishedStub, Map<PublishedStub, Set<String>>> respondents(List<Replay> replays) {
        Map<PublishedStub, Map<PublishedStub, Set<String>>> respondents = new LinkedHashMap<>();
        replays.stream()
                .filter(replay -> replay.respondedBy() != null)
                .forEach(replay -> respondents
                        .computeIfAbsent(replay.baselineStub(), unused -> new LinkedHashMap<>())
                        .computeIfAbsent(replay.respondedBy(), unused -> new LinkedHashSet<>())
                        .addAll(replay.problems().stream()
                                .map(problem -> anyElement(problem.where()))
                                .toList()));
        return respondents;
    }

    /**
     * For each public baseline stub, what changed in the candidate stub that now responds to its
     * request (matched by request and state, not by name): its response rules compared by what they
     * accept, its example, its request matcher, and its name.
     */
    private static List<Change> ruleChanges(
            Map<PublishedStub, Map<PublishedStub, Set<String>>> respondents,
            PublishedStubs baseline,
            PublishedStubs candidate,
            String baselineLabel) {
        Set<String> baselineContracts =
                baseline.stubs().stream().map(PublishedStub::contract).collect(Collectors.toSet());
        Set<String> candidateContracts =
                candidate.stubs().stream().map(PublishedStub::contract).collect(Collectors.toSet());
        List<Change> changes = new ArrayList<>();
        respondents.forEach((baselineStub, responding) -> responding.forEach((candidateStub, broken) -> {
            if (baselineStub.consumer() != null || candidateStub.consumer() != null) {
                // A consumer's contracts are judged by what it relies on (relianceChanges, brokenReplays), not compared
                // as rules.
                return;
            }
            boolean sameContract = candidateStub.contract().equals(baselineStub.contract());
            // Another contract's response that breaks the baseline's rules is said in full by the replay;
            // its rules are another response's, not a change to these.
            if (broken.isEmpty() || sameContract) {
                changes.addAll(responseRuleChanges(baselineStub, candidateStub, broken, baselineLabel));
            }
            if (broken.isEmpty()) {
                RequestPatterns.narrowed(baselineStub.requestMatcher(), candidateStub.requestMatcher())
                        .forEach(line -> changes.add(new Change(baselineStub.contract(), Kind.NEEDS_REVIEW, line)));
                if (!sameContract
                        && !candidateStub.selector()
                        && !candidateContracts.contains(baselineStub.contract())
                        && !baselineContracts.contains(candidateStub.contract())) {
                    changes.add(
                            new Change(
                                    baselineStub.contract(),
                                    Kind.ADDITIVE,
                                    "renamed to " + candidateStub.contract()
                                            + ": the same answers, but its stub and rules files in stubs/ are named after the new name"));
                }
            }
        }));
        return changes;
    }

    /**
     * The baseline stub's response rules against the candidate stub's ({@link RuleComparison}), and
     * the candidate's example; what the replay already showed {@code broken} is not said again as a
     * rule change.
     */
    private static List<Change> responseRuleChanges(
            PublishedStub baselineStub, PublishedStub candidateStub, Set<String> broken, String baselineLabel) {
        List<Change> changes = new ArrayList<>();
        RuleComparison.compare(
                        baselineStub.rules(),
                        candidateStub.rules(),
                        Arrays.asList(candidateStub.example(), baselineStub.example()),
                        baselineLabel)
                .stream()
                .filter(finding -> finding.kind() == Kind.ADDITIVE
                        || finding.where() == null
                        || !broken.contains(anyElement(finding.where())))
                .forEach(finding -> changes.add(new Change(baselineStub.contract(), finding.kind(), finding.what())));
        changes.addAll(exampleChanges(baselineStub, candidateStub, broken.isEmpty()));
        return changes;
    }

    /** Each public contract's request body rules against the same contract's in the candidate ({@link RuleComparison#compareRequests}). */
    private static List<Change> requestRuleChanges(
            PublishedStubs baseline, PublishedStubs candidate, String baselineLabel) {
        List<Change> changes = new ArrayList<>();
        for (PublishedStub baselineStub : baseline.contracts()) {
            PublishedStub candidateStub = sameContract(candidate, baselineStub);
            if (baselineStub.consumer() != null
                    || baselineStub.requestRules() == null
                    || candidateStub == null
                    || candidateStub.requestRules() == null) {
                continue;
            }
            RuleComparison.compareRequests(
                            baselineStub.requestRules(),
                            candidateStub.requestRules(),
                            jsonBody(baselineStub.request()),
                            jsonBody(candidateStub.request()),
                            baselineLabel)
                    .forEach(finding -> changes.add(new Change(
                            baselineStub.contract(),
                            finding.kind(),
                            finding.what(),
                            finding.kind() == Kind.BREAKING ? List.of(baselineStub.owner()) : List.of())));
        }
        return changes;
    }

    private static JsonNode jsonBody(ExampleRequest request) {
        return request.jsonBody() ? PublishedJson.MAPPER.readTree(request.body()) : null;
    }

    /**
     * A contract that responds as before from another folder of its state (moved into a subfolder):
     * nothing changes for consumers, but its files in {@code stubs/} move, which a reviewer should see.
     */
    private static List<Change> moved(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        for (PublishedStub baselineStub : baseline.contracts()) {
            PublishedStub candidateStub = sameContract(candidate, baselineStub);
            if (candidateStub != null
                    && candidateStub.state().equals(baselineStub.state())
                    && !candidateStub.mapping().equals(baselineStub.mapping())) {
                changes.add(new Change(
                        baselineStub.label(),
                        Kind.ADDITIVE,
                        "moved within its state: its stub is now "
                                + candidateStub.mapping().toString().replace('\\', '/') + " (was "
                                + baselineStub.mapping().toString().replace('\\', '/') + "), its rules beside it"));
            }
        }
        return changes;
    }

    /**
     * The candidate's stubs no baseline request reaches: new, unless one was in the baseline with the
     * same request and is now shadowed (the replays say what its consumers get instead).
     */
    private static List<Change> addedStubs(
            Map<PublishedStub, Map<PublishedStub, Set<String>>> respondents,
            PublishedStubs baseline,
            PublishedStubs candidate) {
        Set<PublishedStub> reached = new LinkedHashSet<>();
        respondents.values().forEach(responding -> reached.addAll(responding.keySet()));
        return candidate.stubs().stream()
                .filter(candidateStub -> !reached.contains(candidateStub))
                .filter(candidateStub -> baseline.stubs().stream()
                        .noneMatch(baselineStub -> baselineStub.label().equals(candidateStub.label())
                                && baselineStub.selector() == candidateStub.selector()
                                && baselineStub.request().equals(candidateStub.request())))
                .map(candidateStub -> new Change(
                        candidateStub.label(),
                        Kind.ADDITIVE,
                        (candidateStub.selector() ? "stub selector added: " : "contract added: ")
                                + candidateStub.request() + " " + candidateStub.where()))
                .toList();
    }

    /** The states of an endpoint both versions have that only the candidate has, and no renamed state of the baseline's. */
    private static List<Change> addedStates(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        for (Endpoint candidateEndpoint : candidate.endpoints()) {
            Endpoint baselineEndpoint = baseline.endpoint(candidateEndpoint.scenario());
            Collection<String> renamedTo = baselineEndpoint == null
                    ? List.of()
                    : renamedStates(baseline, baselineEndpoint, candidate, candidateEndpoint)
                            .values();
            candidateEndpoint.states().stream()
                    .filter(state -> baselineEndpoint != null
                            && !baselineEndpoint.states().contains(state)
                            && !renamedTo.contains(state))
                    .forEach(state -> changes.add(new Change(
                            "(states)",
                            Kind.ADDITIVE,
                            "state " + state
                                    + " added: stub users reach it with the scenario " + candidateEndpoint.scenario()
                                    + " in state "
                                    + candidateEndpoint.scenarioStateOf(state))));
        }
        return changes;
    }

    /** The candidate's contract of the same consumer and name; null when it has none. */
    private static PublishedStub sameContract(PublishedStubs candidate, PublishedStub baselineStub) {
        return candidate.contracts().stream()
                .filter(candidateStub -> candidateStub.label().equals(baselineStub.label()))
                .findFirst()
                .orElse(null);
    }

    /**
     * What the consumers rely on, in the baseline and in the candidate: each consumer's contracts that
     * changed what they require (a consumer's own change, never a break), and the paths nobody relies
     * on any more, which the producer may stop sending.
     */
    private static List<Change> relianceChanges(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        for (PublishedStub baselineStub : baseline.contracts()) {
            if (baselineStub.consumer() == null || baselineStub.rules().body() == null) {
                continue;
            }
            PublishedStub candidateStub = sameContract(candidate, baselineStub);
            if (candidateStub == null) {
                changes.add(new Change(
                        baselineStub.label(),
                        Kind.ADDITIVE,
                        "removed: " + baselineStub.consumer() + " no longer relies on it"));
                continue;
            }
            Set<String> baselineRequired =
                    FieldUsage.requiredPaths(baselineStub.rules().body().document());
            Set<String> candidateRequired = candidateStub.rules().body() == null
                    ? Set.of()
                    : FieldUsage.requiredPaths(candidateStub.rules().body().document());
            baselineRequired.stream()
                    .filter(path -> !candidateRequired.contains(path))
                    .forEach(path -> changes.add(new Change(
                            baselineStub.label(),
                            Kind.ADDITIVE,
                            "response " + path + ": " + baselineStub.consumer() + " no longer relies on it")));
            candidateRequired.stream()
                    .filter(path -> !baselineRequired.contains(path))
                    .forEach(path -> changes.add(new Change(
                            baselineStub.label(),
                            Kind.ADDITIVE,
                            "response " + path + ": " + baselineStub.consumer()
                                    + " now relies on it (the producer must send it; verification checks)")));
        }
        changes.addAll(abandonedPaths(baseline, candidate));
        return changes;
    }

    /**
     * The paths some consumer's contract relied on in the baseline and none does in the candidate.
     * What the public contract stopped requiring is judged as the public contract's change, by the replays.
     */
    private static List<Change> abandonedPaths(PublishedStubs baseline, PublishedStubs candidate) {
        Map<String, Set<String>> candidateReliance = relied(candidate);
        List<Change> changes = new ArrayList<>();
        relied(baseline).forEach((key, owners) -> {
            if (!candidateReliance.containsKey(key) && !owners.contains(PublishedStub.PUBLIC_CONTRACT)) {
                String[] stateAndPath = key.split(" ", 2);
                changes.add(new Change(
                        "(what consumers rely on)",
                        Kind.ADDITIVE,
                        "response " + stateAndPath[1] + " in state "
                                + stateAndPath[0] + ": no contract relies on it any more (" + String.join(", ", owners)
                                + " did), so the"
                                + " producer may stop sending it"));
            }
        });
        return changes;
    }

    /** "<state> <path>" to the owners whose contracts require it. */
    private static Map<String, Set<String>> relied(PublishedStubs stubs) {
        Map<String, Set<String>> relied = new TreeMap<>();
        FieldUsage.of(stubs)
                .byState()
                .forEach((state, paths) -> paths.forEach((path, owners) -> relied.put(state + " " + path, owners)));
        return relied;
    }

    /**
     * New fields, and (with {@code includeValues}) the example values the candidate's stub now
     * responds with: the rules allow them, as the replay showed.
     */
    private static List<Change> exampleChanges(
            PublishedStub baselineStub, PublishedStub candidateStub, boolean includeValues) {
        List<Change> changes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        compareExamples(baselineStub.example(), candidateStub.example(), "$", baselineStub.contract(), changes, values);
        if (!includeValues) {
            return changes;
        }
        values.stream()
                .limit(EXAMPLES_SHOWN)
                .forEach(value ->
                        changes.add(new Change(baselineStub.contract(), Kind.ADDITIVE, "stub example " + value)));
        if (values.size() > EXAMPLES_SHOWN) {
            changes.add(new Change(
                    baselineStub.contract(),
                    Kind.ADDITIVE,
                    "... and " + (values.size() - EXAMPLES_SHOWN) + " more example values"));
        }
        return changes;
    }

    /** Fields only the candidate's example has go to {@code changes}; values that differ, to {@code values}. */
    private static void compareExamples(
            JsonNode baseline,
            JsonNode candidate,
            String path,
            String contract,
            List<Change> changes,
            List<String> values) {
        if (baseline == null || candidate == null) {
            return;
        }
        if (baseline.isObject() && candidate.isObject()) {
            for (String name : candidate.propertyNames()) {
                if (!baseline.has(name)) {
                    changes.add(new Change(
                            contract,
                            Kind.ADDITIVE,
                            "response " + anyElement(path + "." + name) + ": added ("
                                    + candidate.get(name).getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
                } else {
                    compareExamples(
                            baseline.get(name), candidate.get(name), path + "." + name, contract, changes, values);
                }
            }
        } else if (baseline.isArray() && candidate.isArray()) {
            for (int i = 0; i < Math.min(baseline.size(), candidate.size()); i++) {
                compareExamples(baseline.get(i), candidate.get(i), path + "[" + i + "]", contract, changes, values);
            }
            if (baseline.size() != candidate.size()) {
                values.add(path + ": " + baseline.size() + " -> " + candidate.size() + " elements");
            }
        } else if (!baseline.equals(candidate)) {
            values.add(path + ": " + Problem.shorten(baseline.toString()) + " -> "
                    + Problem.shorten(candidate.toString()));
        }
    }

    /** {@code $.data[2].id} as {@code $.data[*].id}: one rule, whichever element showed it. */
    static String anyElement(String where) {
        return where.replaceAll("\\[\\d+]", "[*]");
    }
}
