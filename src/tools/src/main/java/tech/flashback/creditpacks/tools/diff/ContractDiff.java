package tech.flashback.creditpacks.tools.diff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.published.PublishedStubs.Endpoint;
import tech.flashback.creditpacks.tools.diff.ReplayStubs.Answered;
import tech.flashback.creditpacks.tools.usage.FieldUsage;

/**
 * The contract diff: what changed for consumers between two versions of the contracts, each
 * change BREAKING or ADDITIVE. It judges what consumers would see, not the text of the
 * contracts:
 *
 * <ol>
 * <li>Every stub of the old version is replayed against the new version's stubs, in its stub
 *     state: its request, as a consumer sends it, and the answer held to the old version's
 *     rules. Reordered priorities, a new stub that shadows an old one, a deleted, ignored or
 *     renamed-away contract, a stricter request matcher, a removed state: each shows up as the
 *     answer a consumer would now get, and breaks when that answer breaks the old rules.</li>
 * <li>For each old contract, the new contract that now answers its request (matched by request
 *     and state, not by name) has its rules compared with the old ones by what they accept
 *     ({@link RuleComparison}): an answer the new rules allow and the old ones reject is
 *     breaking; the reverse is not.</li>
 * <li>New contracts, new states, new fields and new example values are additive.</li>
 * </ol>
 *
 * <p>{@code ./mvnw test -Pcontract-diff -Dbaseline.version=1.0.0 [-Dcandidate.version=1.1.0]
 * [-Dbaseline.repository=URL]}: without a candidate version, the working tree's contracts.
 * Exits non-zero when anything is breaking.
 */
public final class ContractDiff {

    /**
     * What a change means for consumers: it breaks them; nobody can tell without a person looking
     * (which fails the diff as a break does, said apart); it only adds. A whole diff's verdict is its
     * worst change's, and {@code NONE} without any.
     */
    public enum Kind {
        BREAKING("BREAKING"), NEEDS_REVIEW("REVIEW"), ADDITIVE("ADDITIVE"), NONE("NONE");

        /** How a report's line names it. */
        public final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One change a consumer of the old version would see, under the old contract's name. */
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
            return changes.stream().map(Change::kind).min(Comparator.naturalOrder()).orElse(Kind.NONE);
        }

        /** Whose contracts the breaking changes break: "public contract" first, then consumers by name. */
        public List<String> broken() {
            return changes.stream().filter(change -> change.kind() == Kind.BREAKING).flatMap(change -> change.consumers().stream())
                    .distinct().sorted(Comparator.comparing((String owner) -> !owner.equals(PublishedStub.PUBLIC_CONTRACT))
                            .thenComparing(Comparator.naturalOrder())).toList();
        }

        /** Whether the diff fails a release: something breaks, or needs a person's review first. */
        public boolean failing() {
            return verdict() == Kind.BREAKING || verdict() == Kind.NEEDS_REVIEW;
        }

        public String render() {
            StringBuilder text = new StringBuilder("Contract diff for consumers: " + baselineLabel + " -> " + candidateLabel + "\n");
            changes.stream().collect(Collectors.groupingBy(Change::contract, TreeMap::new, Collectors.toList()))
                    .forEach((contract, changesOfContract) -> {
                        text.append(contract).append('\n');
                        changesOfContract.stream().sorted(Comparator.comparing(Change::kind)).forEach(change ->
                                text.append(String.format("  %-9s %s%n", change.kind().label,
                                        change.what().replace("\n", "\n" + " ".repeat(12)))));
                    });
            long review = count(Kind.NEEDS_REVIEW);
            return text.append(String.format("%d breaking, %s%d additive%s%n", breaking(), review == 0 ? "" : review + " to review, ",
                    count(Kind.ADDITIVE), breaking() > 0 ? ": consumers built against " + baselineLabel + " would break ("
                            + String.join(", ", broken()) + ")"
                            : review > 0 ? ": a person must review what the diff cannot tell before a release" : "")).toString();
        }
    }

    /** How many example values a report lists per contract before it counts the rest. */
    private static final int EXAMPLES_SHOWN = 5;

    private ContractDiff() {
    }

    public static Report compare(String baselineLabel, PublishedStubs baseline, String candidateLabel, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>(scenarioChanges(baseline, candidate));
        List<Replay> replays = new ArrayList<>();
        List<Replay> reverseReplays = new ArrayList<>();
        // Per endpoint and state, the requests only the new stubs name; the old stubs are loaded only for them.
        Map<String, List<ExampleRequest>> unsent = new LinkedHashMap<>();
        for (Endpoint endpoint : baseline.endpoints()) {
            for (String state : endpoint.states()) {
                Set<ExampleRequest> sent = replayedIn(baseline, endpoint, state).stream().map(PublishedStub::request)
                        .collect(Collectors.toSet());
                unsent.put(endpoint.scenario() + "/" + state, candidate.stubs().stream()
                        .filter(stub -> endpoint.scenario().equals(stub.scenario())).map(PublishedStub::request).distinct()
                        .filter(request -> !sent.contains(request)).toList());
            }
        }
        boolean consumers = baseline.stubs().stream().anyMatch(stub -> stub.consumer() != null);
        // The old stubs answer the requests only the new stubs name, and tell which changed requests their own stub took.
        try (ReplayStubs stubs = ReplayStubs.start(candidate); ReplayStubs before = ReplayStubs.start(baseline);
                ReplayStubs producer = consumers ? ReplayStubs.start(candidate, true) : null) {
            for (Endpoint endpoint : baseline.endpoints()) {
                // A renamed scenario is said once (above); the stubs behind it are still compared.
                Endpoint now = candidate.endpoint(renamed(baseline, candidate).getOrDefault(endpoint.scenario(), endpoint.scenario()));
                Map<String, String> renamedStates = now == null ? Map.of() : renamedStates(baseline, endpoint, candidate, now);
                renamedStates.forEach((from, to) -> {
                    if (from.equals(endpoint.defaultState()) && to.equals(now.defaultState())) {
                        changes.add(new Change("(states)", Kind.ADDITIVE, "state " + from + " of the scenario " + endpoint.scenario()
                                + " renamed to " + to + ": stub users reach it as before (the scenario's " + PublishedStubs.STARTED
                                + " state); a producer's state hook is now asked to set up " + to));
                    }
                });
                for (String state : endpoint.states()) {
                    List<PublishedStub> replayed = replayedIn(baseline, endpoint, state);
                    String renamedTo = renamedStates.get(state);
                    // A stub user of the old version switches the scenario by the old state's name (or resets it to Started).
                    if (now == null || !stubs.enter(now.scenario(), endpoint.scenarioStateOf(state))) {
                        if (now != null) {
                            replayed.stream().filter(stub -> stub.scenarioState() != null).forEach(stub -> changes.add(new Change(
                                    stub.label(), Kind.BREAKING, "state " + state + (renamedTo == null
                                            ? ": removed, so stub users who switch the scenario " + endpoint.scenario() + " to it get an"
                                                    + " error; " + candidateLabel + " has states " + now.states()
                                            : ": renamed to " + renamedTo + ", so stub users who switch the scenario " + endpoint.scenario()
                                                    + " to " + state + " get an error; a producer's state hook is now asked to set up "
                                                    + renamedTo))));
                        }
                        // A renamed state's stubs are still compared, in the state they now answer in.
                        if (renamedTo == null || !stubs.enter(now.scenario(), now.scenarioStateOf(renamedTo))) {
                            continue;
                        }
                    }
                    before.enter(endpoint.scenario(), endpoint.scenarioStateOf(state));
                    for (PublishedStub old : replayed.stream().filter(stub -> stub.consumer() == null).toList()) {
                        Replay replay = replay(old, old.request(), state, stubs);
                        replays.add(replay);
                        if (replay.answeredBy() != null && replay.problems().isEmpty()) {
                            replays.addAll(otherRequests(old, state, before, stubs));
                        }
                    }
                    // A consumer's request is answered by what the producer promises: the public stubs.
                    List<PublishedStub> consumerStubs = replayed.stream().filter(stub -> stub.consumer() != null).toList();
                    if (!consumerStubs.isEmpty() && producer.enter(now.scenario(), endpoint.scenarioStateOf(state))) {
                        consumerStubs.forEach(old -> replays.add(replay(old, old.request(), state, producer)));
                    }
                    List<ExampleRequest> newRequests = unsent.get(endpoint.scenario() + "/" + state);
                    if (!newRequests.isEmpty()) {
                        reverseReplays.addAll(reverseReplays(newRequests, state, before, stubs));
                    }
                }
            }
        }
        changes.addAll(brokenReplays(replays, candidate));
        changes.addAll(brokenReplays(reverseReplays, candidate));
        changes.addAll(relianceChanges(baseline, candidate));
        // For each old stub, the new stubs that answered its request, and where their answers broke the old rules.
        Map<PublishedStub, Map<PublishedStub, Set<String>>> answeredBy = new LinkedHashMap<>();
        replays.stream().filter(replay -> replay.answeredBy() != null).forEach(replay -> answeredBy
                .computeIfAbsent(replay.old(), unused -> new LinkedHashMap<>())
                .computeIfAbsent(replay.answeredBy(), unused -> new LinkedHashSet<>())
                .addAll(replay.problems().stream().map(problem -> anyElement(problem.where())).toList()));
        Set<String> baselineContracts = baseline.stubs().stream().map(PublishedStub::contract).collect(Collectors.toSet());
        Set<String> candidateContracts = candidate.stubs().stream().map(PublishedStub::contract).collect(Collectors.toSet());
        answeredBy.forEach((old, answering) -> answering.forEach((now, broken) -> {
            if (old.consumer() != null || now.consumer() != null) {
                // A consumer's contracts are judged by what it relies on (above and below), not compared as rules.
                return;
            }
            boolean sameContract = now.contract().equals(old.contract());
            // Another contract's answer that breaks the old rules is said in full by the replay; its
            // rules are another response's, not a change to these.
            if (broken.isEmpty() || sameContract) {
                // What the replay already showed broken is not said again as a rule change.
                RuleComparison.compare(old.rules(), now.rules(), Arrays.asList(now.example(), old.example()), baselineLabel)
                        .stream().filter(finding -> finding.kind() == Kind.ADDITIVE || finding.where() == null
                                || !broken.contains(anyElement(finding.where())))
                        .forEach(finding -> changes.add(new Change(old.contract(), finding.kind(), finding.what())));
                changes.addAll(exampleChanges(old, now, broken.isEmpty()));
            }
            if (broken.isEmpty()) {
                RequestPatterns.narrowed(old.requestMatcher(), now.requestMatcher())
                        .forEach(line -> changes.add(new Change(old.contract(), Kind.NEEDS_REVIEW, line)));
                if (!sameContract && !now.selector() && !candidateContracts.contains(old.contract())
                        && !baselineContracts.contains(now.contract())) {
                    changes.add(new Change(old.contract(), Kind.ADDITIVE, "renamed to " + now.contract() + ": the same answers,"
                            + " but its stub and rules files in stubs/ are named after the new name"));
                }
            }
        }));
        changes.addAll(requestRuleChanges(baseline, candidate, baselineLabel));
        changes.addAll(moved(baseline, candidate));
        Set<PublishedStub> reached = new LinkedHashSet<>();
        answeredBy.values().forEach(answering -> reached.addAll(answering.keySet()));
        // A stub no old request reaches is new, unless it was there before with the same request
        // and is now shadowed (the replays above say what its old consumers get instead).
        candidate.stubs().stream().filter(now -> !reached.contains(now))
                .filter(now -> baseline.stubs().stream().noneMatch(old -> old.label().equals(now.label())
                        && old.selector() == now.selector() && old.request().equals(now.request())))
                .forEach(now -> changes.add(new Change(now.label(), Kind.ADDITIVE,
                        (now.selector() ? "stub selector added: " : "contract added: ") + now.request() + " " + now.where())));
        for (Endpoint now : candidate.endpoints()) {
            Endpoint old = baseline.endpoint(now.scenario());
            java.util.Collection<String> renamedTo = old == null ? List.of() : renamedStates(baseline, old, candidate, now).values();
            now.states().stream().filter(state -> old != null && !old.states().contains(state) && !renamedTo.contains(state))
                    .forEach(state -> changes.add(new Change(
                    "(states)", Kind.ADDITIVE, "state " + state + " added: stub users reach it with the scenario " + now.scenario()
                            + " in state " + now.scenarioStateOf(state))));
        }
        return new Report(baselineLabel, candidateLabel, List.copyOf(new LinkedHashSet<>(changes)));
    }

    /**
     * The endpoints' scenarios: one a version had and the next has not breaks every stub user who
     * switches its states (a renamed one is said as such); a new one is additive.
     */
    private static List<Change> scenarioChanges(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        List<String> before = baseline.endpoints().stream().map(Endpoint::scenario).toList();
        List<String> after = candidate.endpoints().stream().map(Endpoint::scenario).toList();
        List<String> gone = before.stream().filter(scenario -> !after.contains(scenario)).toList();
        List<String> added = after.stream().filter(scenario -> !before.contains(scenario)).toList();
        for (String scenario : gone) {
            changes.add(new Change("(states)", Kind.BREAKING, "the stubs' scenario " + scenario + (gone.size() == 1 && added.size() == 1
                    ? " is now " + added.get(0) : " is gone (the scenarios now: " + String.join(", ", after) + ")")
                    + ": stub users who switch states by its name get a 404"));
        }
        if (!gone.isEmpty()) {
            return changes;
        }
        added.forEach(scenario -> changes.add(new Change("(states)", Kind.ADDITIVE, "endpoint with the scenario " + scenario
                + " added: its stubs answer in its states " + candidate.endpoint(scenario).states())));
        return changes;
    }

    /** A scenario the candidate renamed: the one scenario gone and the one new, when exactly one of each. */
    private static Map<String, String> renamed(PublishedStubs baseline, PublishedStubs candidate) {
        List<String> before = baseline.endpoints().stream().map(Endpoint::scenario).toList();
        List<String> after = candidate.endpoints().stream().map(Endpoint::scenario).toList();
        List<String> gone = before.stream().filter(scenario -> !after.contains(scenario)).toList();
        List<String> added = after.stream().filter(scenario -> !before.contains(scenario)).toList();
        return gone.size() == 1 && added.size() == 1 ? Map.of(gone.get(0), added.get(0)) : Map.of();
    }

    /**
     * The states of an endpoint the candidate renamed: a state gone and a state added that hold the
     * same contracts (by name), or, failing that, the only state gone and the only one added.
     */
    private static Map<String, String> renamedStates(PublishedStubs baseline, Endpoint old, PublishedStubs candidate, Endpoint now) {
        List<String> gone = old.states().stream().filter(state -> !now.states().contains(state)).toList();
        List<String> added = now.states().stream().filter(state -> !old.states().contains(state)).toList();
        Map<String, String> renamed = new LinkedHashMap<>();
        for (String state : gone) {
            Set<String> contracts = contractsIn(baseline, old.scenario(), state);
            List<String> same = added.stream().filter(other -> contractsIn(candidate, now.scenario(), other).equals(contracts)).toList();
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
        return stubs.contracts().stream().filter(stub -> scenario.equals(stub.scenario()) && stub.state().equals(state))
                .map(PublishedStub::label).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /**
     * Requests that differ from an old stub's example in a part its matcher may not look at (an
     * unknown query parameter or header, a header or body value changed or left out), which the
     * old stubs answered with that stub: each such request was promised its answer as much as the
     * example was. Replayed against the new stubs, one no stub answers or answered against the old
     * rules shows a matcher that now checks what it ignored before (the query string, a header, the
     * body). One replay per part of the request is said.
     */
    private static List<Replay> otherRequests(PublishedStub old, String state, ReplayStubs before, ReplayStubs stubs) {
        List<Replay> broken = new ArrayList<>();
        Set<String> partsSaid = new java.util.HashSet<>();
        for (RequestPatterns.Variant variant : RequestPatterns.variants(old.request())) {
            if (partsSaid.contains(variant.part())) {
                continue;
            }
            PublishedStub then = before.send(variant.request()).stub();
            if (then == null || !then.label().equals(old.label())) {
                continue;
            }
            Replay replay = replay(old, variant.request(), state, stubs);
            if (replay.answeredBy() == null || !replay.problems().isEmpty()) {
                broken.add(replay);
                partsSaid.add(variant.part());
            }
        }
        return broken;
    }

    /** Each public contract's request body rules against the same contract's in the candidate ({@link RuleComparison#compareRequests}). */
    private static List<Change> requestRuleChanges(PublishedStubs baseline, PublishedStubs candidate, String baselineLabel) {
        List<Change> changes = new ArrayList<>();
        for (PublishedStub old : baseline.contracts()) {
            PublishedStub now = sameContract(candidate, old);
            if (old.consumer() != null || old.requestRules() == null || now == null || now.requestRules() == null) {
                continue;
            }
            RuleComparison.compareRequests(old.requestRules(), now.requestRules(), jsonBody(old.request()), jsonBody(now.request()),
                    baselineLabel).forEach(finding -> changes.add(new Change(old.contract(), finding.kind(), finding.what(),
                            finding.kind() == Kind.BREAKING ? List.of(old.owner()) : List.of())));
        }
        return changes;
    }

    private static JsonNode jsonBody(ExampleRequest request) {
        return request.jsonBody() ? tech.flashback.creditpacks.tools.published.PublishedJson.MAPPER.readTree(request.body()) : null;
    }

    /**
     * A contract that answers as before from another folder of its state (moved into a subfolder):
     * nothing changes for consumers, but its files in {@code stubs/} move, which a reviewer should see.
     */
    private static List<Change> moved(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        for (PublishedStub old : baseline.contracts()) {
            PublishedStub now = sameContract(candidate, old);
            if (now != null && now.state().equals(old.state()) && !now.mapping().equals(old.mapping())) {
                changes.add(new Change(old.label(), Kind.ADDITIVE, "moved within its state: its stub is now "
                        + now.mapping().toString().replace('\\', '/') + " (was " + old.mapping().toString().replace('\\', '/')
                        + "), its rules beside it"));
            }
        }
        return changes;
    }

    /** The old stubs of {@code endpoint} that answer in {@code state}: its own, and its selectors, which answer in any state. */
    private static List<PublishedStub> replayedIn(PublishedStubs baseline, Endpoint endpoint, String state) {
        return baseline.stubs().stream().filter(stub -> endpoint.scenario().equals(stub.scenario()))
                .filter(stub -> stub.scenarioState() == null || stub.state().equals(state)).toList();
    }

    /**
     * A request the old stub {@code old} answered, sent to the new stubs in one state: who answers
     * now (null: no stub) and what in that answer breaks the old rules.
     */
    private record Replay(PublishedStub old, ExampleRequest request, String state, PublishedStub answeredBy, ObservedResponse answerReceived, String answer,
            List<Problem> problems) {
    }

    private static Replay replay(PublishedStub old, ExampleRequest request, String state, ReplayStubs stubs) {
        Answered answered = stubs.send(request);
        if (answered.stub() == null) {
            return new Replay(old, request, state, null, answered.answer(), "no stub answers it any more (the stubs answer "
                    + answered.answer().status() + ")", List.of());
        }
        return new Replay(old, request, state, answered.stub(), answered.answer(), "now answered by " + answered.stub().label() + " with "
                + answered.answer().status(), old.rules().problems(answered.answer()));
    }

    /**
     * The requests only the new stubs name (a new selector value, say), sent to the old stubs too:
     * where an old stub's pattern promised an answer to such a request (one of the values
     * {@code internal-error|store-down}), the new answer must still keep the old answer's rules. A
     * request the old stubs answered only because they did not look at some part of it (an
     * unknown query parameter) was never a promise.
     */
    private static List<Replay> reverseReplays(List<ExampleRequest> unsent, String state, ReplayStubs before, ReplayStubs stubs) {
        List<Replay> replays = new ArrayList<>();
        for (ExampleRequest request : unsent) {
            // What the old stubs answered, and whether that answer's contract took the request by a
            // pattern (its state stub or its selector stub, which answer alike).
            PublishedStub then = before.send(request).stub();
            boolean promised = then != null && before.matching(request).stream()
                    .filter(old -> old.contract().equals(then.contract()))
                    .anyMatch(old -> RequestPatterns.promised(old.requestMatcher(), old.request(), request));
            if (promised) {
                Replay replay = replay(then, request, state, stubs);
                if (replay.answeredBy() == null || !replay.problems().isEmpty()) {
                    replays.add(replay);
                }
            }
        }
        return replays;
    }

    /** The replays that break: a line per old contract and outcome, naming every state it happens in. */
    private static List<Change> brokenReplays(List<Replay> replays, PublishedStubs candidate) {
        record Outcome(String contract, String owner, String request, String answer) {
        }
        Map<Outcome, List<String>> states = new LinkedHashMap<>();
        for (Replay replay : replays) {
            PublishedStub old = replay.old();
            List<Problem> problems = replay.problems();
            if (old.consumer() != null) {
                // A consumer's contract says what it relies on. Gone from the new version, it relies on less;
                // answered by its own new stub, it changed what it relies on (said as such, below); answered by
                // another contract's stub, that answer must give it what it still relies on.
                PublishedStub now = sameContract(candidate, old);
                if (now == null || replay.answeredBy() == null || Objects.equals(replay.answeredBy().consumer(), old.consumer())) {
                    continue;
                }
                problems = now.rules().problems(replay.answerReceived());
            }
            if (replay.answeredBy() != null && problems.isEmpty()) {
                continue;
            }
            String answer = replay.answer() + (problems.isEmpty() ? "" : (old.consumer() == null ? ", which breaks the old rules:\n"
                    : ", which breaks what " + old.consumer() + " relies on:\n") + Problem.list(problems).strip());
            states.computeIfAbsent(new Outcome(old.label(), old.owner(), replay.request().toString(), answer),
                    unused -> new ArrayList<>()).add(replay.state());
        }
        List<Change> changes = new ArrayList<>();
        states.forEach((outcome, where) -> changes.add(new Change(outcome.contract(), Kind.BREAKING, outcome.request()
                + (where.size() == 1 ? " in state " : " in states ") + String.join(", ", where) + ": " + outcome.answer(),
                List.of(outcome.owner()))));
        return changes;
    }

    /** The new version's contract of the same consumer and name; null when it has none. */
    private static PublishedStub sameContract(PublishedStubs candidate, PublishedStub old) {
        return candidate.contracts().stream().filter(now -> now.label().equals(old.label())).findFirst().orElse(null);
    }

    /**
     * What the consumers rely on, before and after: each consumer's contracts that changed what they
     * require (a consumer's own change, never a break), and the paths nobody relies on any more,
     * which the producer may stop sending.
     */
    private static List<Change> relianceChanges(PublishedStubs baseline, PublishedStubs candidate) {
        List<Change> changes = new ArrayList<>();
        Map<String, Set<String>> before = relied(baseline);
        Map<String, Set<String>> after = relied(candidate);
        for (PublishedStub old : baseline.contracts()) {
            if (old.consumer() == null || old.rules().body() == null) {
                continue;
            }
            PublishedStub now = sameContract(candidate, old);
            if (now == null) {
                changes.add(new Change(old.label(), Kind.ADDITIVE, "removed: " + old.consumer() + " no longer relies on it"));
                continue;
            }
            Set<String> was = FieldUsage.requiredPaths(old.rules().body().document());
            Set<String> is = now.rules().body() == null ? Set.of() : FieldUsage.requiredPaths(now.rules().body().document());
            was.stream().filter(path -> !is.contains(path)).forEach(path -> changes.add(new Change(old.label(), Kind.ADDITIVE,
                    "response " + path + ": " + old.consumer() + " no longer relies on it")));
            is.stream().filter(path -> !was.contains(path)).forEach(path -> changes.add(new Change(old.label(), Kind.ADDITIVE,
                    "response " + path + ": " + old.consumer() + " now relies on it (the producer must send it; verification checks)")));
        }
        // What the public contract stopped requiring is judged as the public contract's change, by the replays.
        before.forEach((key, owners) -> {
            if (!after.containsKey(key) && !owners.contains(PublishedStub.PUBLIC_CONTRACT)) {
                String[] stateAndPath = key.split(" ", 2);
                changes.add(new Change("(what consumers rely on)", Kind.ADDITIVE, "response " + stateAndPath[1] + " in state "
                        + stateAndPath[0] + ": no contract relies on it any more (" + String.join(", ", owners) + " did), so the"
                        + " producer may stop sending it"));
            }
        });
        return changes;
    }

    /** "<state> <path>" to the owners whose contracts require it. */
    private static Map<String, Set<String>> relied(PublishedStubs stubs) {
        Map<String, Set<String>> relied = new TreeMap<>();
        FieldUsage.of(stubs).byState().forEach((state, paths) -> paths.forEach((path, owners) -> relied.put(state + " " + path, owners)));
        return relied;
    }

    /**
     * New fields, and (with {@code values}) the example values the stub now answers with: the
     * rules allow them, as the replay showed.
     */
    private static List<Change> exampleChanges(PublishedStub old, PublishedStub now, boolean includeValues) {
        List<Change> changes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        walk(old.example(), now.example(), "$", old.contract(), changes, values);
        if (!includeValues) {
            return changes;
        }
        values.stream().limit(EXAMPLES_SHOWN).forEach(value -> changes.add(new Change(old.contract(), Kind.ADDITIVE,
                "stub example " + value)));
        if (values.size() > EXAMPLES_SHOWN) {
            changes.add(new Change(old.contract(), Kind.ADDITIVE, "... and " + (values.size() - EXAMPLES_SHOWN) + " more example values"));
        }
        return changes;
    }

    private static void walk(JsonNode old, JsonNode now, String path, String contract, List<Change> changes, List<String> values) {
        if (old == null || now == null) {
            return;
        }
        if (old.isObject() && now.isObject()) {
            for (String name : now.propertyNames()) {
                if (!old.has(name)) {
                    changes.add(new Change(contract, Kind.ADDITIVE, "response " + anyElement(path + "." + name)
                            + ": added (" + now.get(name).getNodeType().name().toLowerCase(Locale.ROOT) + ")"));
                } else {
                    walk(old.get(name), now.get(name), path + "." + name, contract, changes, values);
                }
            }
        } else if (old.isArray() && now.isArray()) {
            for (int i = 0; i < Math.min(old.size(), now.size()); i++) {
                walk(old.get(i), now.get(i), path + "[" + i + "]", contract, changes, values);
            }
            if (old.size() != now.size()) {
                values.add(path + ": " + old.size() + " -> " + now.size() + " elements");
            }
        } else if (!old.equals(now)) {
            values.add(path + ": " + Problem.shorten(old.toString()) + " -> " + Problem.shorten(now.toString()));
        }
    }

    /** {@code $.data[2].id} as {@code $.data[*].id}: one rule, whichever element showed it. */
    static String anyElement(String where) {
        return where.replaceAll("\\[\\d+]", "[*]");
    }
}
