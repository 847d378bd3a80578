package tech.flashback.creditpacks.tools.diff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Change;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.diff.ReplayStubs.StubResponse;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.published.PublishedStubs.Endpoint;

/**
 * The diff's first step: every stub of the baseline replayed against the candidate's stubs, in
 * its stub state, as a consumer of the baseline sends its request; and the requests only the
 * candidate's stubs name, sent to both. What a state removed or renamed does to a stub user who
 * switches to it is said on the way.
 */
final class BaselineReplay {

    /**
     * A request the baseline's stub {@code baselineStub} responded to, sent to the candidate's stubs
     * in one state: which candidate stub responded (null: none), its response, that outcome in
     * words, and what in the response breaks the baseline stub's rules.
     */
    record Replay(
            PublishedStub baselineStub,
            ExampleRequest request,
            String state,
            PublishedStub respondedBy,
            ObservedResponse response,
            String outcome,
            List<Problem> problems) {}

    /**
     * What the replay found: the changes to states it said on the way, the replays of the baseline's
     * requests, and those of the requests only the candidate names that a baseline pattern promised.
     */
    record Result(List<Change> stateChanges, List<Replay> replays, List<Replay> reverseReplays) {}

    private final PublishedStubs baseline;
    private final PublishedStubs candidate;
    private final String candidateLabel;
    private final ReplayStubs baselineStubs;
    private final ReplayStubs candidateStubs;
    /** The candidate's public stubs alone (null without consumer contracts): what the producer promises a consumer. */
    private final ReplayStubs candidatePublicStubs;
    /** Per endpoint and state, the requests only the candidate's stubs name. */
    private final Map<String, List<ExampleRequest>> candidateOnlyRequests;

    private final List<Change> stateChanges = new ArrayList<>();
    private final List<Replay> replays = new ArrayList<>();
    private final List<Replay> reverseReplays = new ArrayList<>();

    private BaselineReplay(
            PublishedStubs baseline,
            PublishedStubs candidate,
            String candidateLabel,
            ReplayStubs baselineStubs,
            ReplayStubs candidateStubs,
            ReplayStubs candidatePublicStubs) {
        this.baseline = baseline;
        this.candidate = candidate;
        this.candidateLabel = candidateLabel;
        this.baselineStubs = baselineStubs;
        this.candidateStubs = candidateStubs;
        this.candidatePublicStubs = candidatePublicStubs;
        this.candidateOnlyRequests = candidateOnlyRequests(baseline, candidate);
    }

    static Result run(PublishedStubs baseline, PublishedStubs candidate, String candidateLabel) {
        boolean consumerContracts = baseline.stubs().stream().anyMatch(stub -> stub.consumer() != null);
        // The baseline's stubs respond to the requests only the candidate's stubs name, and tell which
        // changed requests their own stub took.
        try (ReplayStubs candidateStubs = ReplayStubs.start(candidate);
                ReplayStubs baselineStubs = ReplayStubs.start(baseline);
                ReplayStubs candidatePublicStubs = consumerContracts ? ReplayStubs.start(candidate, true) : null) {
            BaselineReplay replay = new BaselineReplay(
                    baseline, candidate, candidateLabel, baselineStubs, candidateStubs, candidatePublicStubs);
            baseline.endpoints().forEach(replay::replayEndpoint);
            return new Result(
                    List.copyOf(replay.stateChanges), List.copyOf(replay.replays), List.copyOf(replay.reverseReplays));
        }
    }

    /** Per endpoint and state of the baseline, the requests only the candidate's stubs of that endpoint name. */
    private static Map<String, List<ExampleRequest>> candidateOnlyRequests(
            PublishedStubs baseline, PublishedStubs candidate) {
        Map<String, List<ExampleRequest>> candidateOnly = new LinkedHashMap<>();
        for (Endpoint baselineEndpoint : baseline.endpoints()) {
            for (String state : baselineEndpoint.states()) {
                Set<ExampleRequest> baselineRequests = replayedIn(baseline, baselineEndpoint, state).stream()
                        .map(PublishedStub::request)
                        .collect(Collectors.toSet());
                candidateOnly.put(
                        baselineEndpoint.scenario() + "/" + state,
                        candidate.stubs().stream()
                                .filter(stub -> baselineEndpoint.scenario().equals(stub.scenario()))
                                .map(PublishedStub::request)
                                .distinct()
                                .filter(request -> !baselineRequests.contains(request))
                                .toList());
            }
        }
        return candidateOnly;
    }

    private void replayEndpoint(Endpoint baselineEndpoint) {
        // A renamed scenario is said once (by the diff); the stubs behind it are still compared.
        Endpoint candidateEndpoint = candidate.endpoint(ContractDiff.renamedScenario(baseline, candidate)
                .getOrDefault(baselineEndpoint.scenario(), baselineEndpoint.scenario()));
        Map<String, String> renamedStates = candidateEndpoint == null
                ? Map.of()
                : ContractDiff.renamedStates(baseline, baselineEndpoint, candidate, candidateEndpoint);
        renamedStates.forEach((from, to) -> {
            if (from.equals(baselineEndpoint.defaultState()) && to.equals(candidateEndpoint.defaultState())) {
                stateChanges.add(new Change(
                        "(states)",
                        Kind.ADDITIVE,
                        "state " + from + " of the scenario " + baselineEndpoint.scenario()
                                + " renamed to " + to + ": stub users reach it as before (the scenario's "
                                + PublishedStubs.STARTED
                                + " state); a producer's state hook is now asked to set up " + to));
            }
        });
        for (String state : baselineEndpoint.states()) {
            replayState(baselineEndpoint, candidateEndpoint, state, renamedStates.get(state));
        }
    }

    private void replayState(Endpoint baselineEndpoint, Endpoint candidateEndpoint, String state, String renamedTo) {
        List<PublishedStub> replayed = replayedIn(baseline, baselineEndpoint, state);
        if (!enterCandidateState(baselineEndpoint, candidateEndpoint, state, renamedTo, replayed)) {
            return;
        }
        baselineStubs.enter(baselineEndpoint.scenario(), baselineEndpoint.scenarioStateOf(state));
        for (PublishedStub baselineStub :
                replayed.stream().filter(stub -> stub.consumer() == null).toList()) {
            Replay replay = replay(baselineStub, baselineStub.request(), state, candidateStubs);
            replays.add(replay);
            if (replay.respondedBy() != null && replay.problems().isEmpty()) {
                replays.addAll(otherRequests(baselineStub, state));
            }
        }
        // A consumer's request is responded to by what the producer promises: the public stubs.
        List<PublishedStub> consumerStubs =
                replayed.stream().filter(stub -> stub.consumer() != null).toList();
        if (!consumerStubs.isEmpty()
                && candidatePublicStubs.enter(candidateEndpoint.scenario(), baselineEndpoint.scenarioStateOf(state))) {
            consumerStubs.forEach(baselineStub ->
                    replays.add(replay(baselineStub, baselineStub.request(), state, candidatePublicStubs)));
        }
        List<ExampleRequest> candidateOnly = candidateOnlyRequests.get(baselineEndpoint.scenario() + "/" + state);
        if (!candidateOnly.isEmpty()) {
            reverseReplays.addAll(reverseReplays(candidateOnly, state));
        }
    }

    /**
     * The candidate's stubs in the state a stub user of the baseline switches the scenario to, by the
     * baseline state's name (or resets it to Started); failing that, in the state a renamed state's
     * stubs now respond in, where they are still compared. False when neither: nothing to replay.
     */
    private boolean enterCandidateState(
            Endpoint baselineEndpoint,
            Endpoint candidateEndpoint,
            String state,
            String renamedTo,
            List<PublishedStub> replayed) {
        if (candidateEndpoint == null) {
            return false;
        }
        if (candidateStubs.enter(candidateEndpoint.scenario(), baselineEndpoint.scenarioStateOf(state))) {
            return true;
        }
        replayed.stream()
                .filter(stub -> stub.scenarioState() != null)
                .forEach(stub -> stateChanges.add(new Change(
                        stub.label(),
                        Kind.BREAKING,
                        "state " + state
                                + (renamedTo == null
                                        ? ": removed, so stub users who switch the scenario "
                                                + baselineEndpoint.scenario() + " to it get an" + " error; "
                                                + candidateLabel + " has states " + candidateEndpoint.states()
                                        : ": renamed to " + renamedTo + ", so stub users who switch the scenario "
                                                + baselineEndpoint.scenario()
                                                + " to " + state
                                                + " get an error; a producer's state hook is now asked to set up "
                                                + renamedTo))));
        return renamedTo != null
                && candidateStubs.enter(candidateEndpoint.scenario(), candidateEndpoint.scenarioStateOf(renamedTo));
    }

    /**
     * Requests that differ from a baseline stub's example in a part its matcher may not look at (an
     * unknown query parameter or header, a header or body value changed or left out), which the
     * baseline's stubs responded to with that stub: each such request was promised its response as
     * much as the example was. Replayed against the candidate's stubs, one no stub responds to or
     * responded to against the baseline's rules shows a matcher that now checks what it ignored
     * before (the query string, a header, the body). One replay per part of the request is said.
     */
    private List<Replay> otherRequests(PublishedStub baselineStub, String state) {
        List<Replay> broken = new ArrayList<>();
        Set<String> partsSaid = new HashSet<>();
        for (RequestPatterns.Variant variant : RequestPatterns.variants(baselineStub.request())) {
            if (partsSaid.contains(variant.part())) {
                continue;
            }
            PublishedStub baselineResponder =
                    baselineStubs.send(variant.request()).stub();
            if (baselineResponder == null || !baselineResponder.label().equals(baselineStub.label())) {
                continue;
            }
            Replay replay = replay(baselineStub, variant.request(), state, candidateStubs);
            if (replay.respondedBy() == null || !replay.problems().isEmpty()) {
                broken.add(replay);
                partsSaid.add(variant.part());
            }
        }
        return broken;
    }

    /**
     * The requests only the candidate's stubs name (a new selector value, say), sent to the baseline's
     * stubs too: where a baseline stub's pattern promised a response to such a request (one of the
     * values {@code internal-error|store-down}), the candidate's response must still keep the
     * baseline's rules. A request the baseline's stubs responded to only because they did not look
     * at some part of it (an unknown query parameter) was never a promise.
     */
    private List<Replay> reverseReplays(List<ExampleRequest> candidateOnly, String state) {
        List<Replay> broken = new ArrayList<>();
        for (ExampleRequest request : candidateOnly) {
            // Which baseline stub responded, and whether that stub's contract took the request by a
            // pattern (its state stub or its selector stub, which respond alike).
            PublishedStub baselineResponder = baselineStubs.send(request).stub();
            boolean promised = baselineResponder != null
                    && baselineStubs.matching(request).stream()
                            .filter(baselineStub -> baselineStub.contract().equals(baselineResponder.contract()))
                            .anyMatch(baselineStub -> RequestPatterns.promised(
                                    baselineStub.requestMatcher(), baselineStub.request(), request));
            if (promised) {
                Replay replay = replay(baselineResponder, request, state, candidateStubs);
                if (replay.respondedBy() == null || !replay.problems().isEmpty()) {
                    broken.add(replay);
                }
            }
        }
        return broken;
    }

    private static Replay replay(
            PublishedStub baselineStub, ExampleRequest request, String state, ReplayStubs candidateStubs) {
        StubResponse responded = candidateStubs.send(request);
        if (responded.stub() == null) {
            return new Replay(
                    baselineStub,
                    request,
                    state,
                    null,
                    responded.response(),
                    "no stub answers it any more (the stubs answer "
                            + responded.response().status() + ")",
                    List.of());
        }
        return new Replay(
                baselineStub,
                request,
                state,
                responded.stub(),
                responded.response(),
                "now answered by " + responded.stub().label() + " with "
                        + responded.response().status(),
                baselineStub.rules().problems(responded.response()));
    }

    /** The baseline's stubs of {@code baselineEndpoint} that respond in {@code state}: its own, and its selectors, which respond in any state. */
    private static List<PublishedStub> replayedIn(PublishedStubs baseline, Endpoint baselineEndpoint, String state) {
        return baseline.stubs().stream()
                .filter(stub -> baselineEndpoint.scenario().equals(stub.scenario()))
                .filter(stub -> stub.scenarioState() == null || stub.state().equals(state))
                .toList();
    }
}
