package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tech.flashback.creditpacks.statehook.StubResponses.StubResponse;

/**
 * Clients keep asking for the catalog while the state hook changes the producer's state, a fixed
 * number of times: every response must be the response of a state the producer was in while the GET
 * was under way (the state before a change or after it), never anything in between, such as an
 * empty catalog between the delete and the re-seed, or a 500 outside storefailure.
 *
 * <p>Isolated: it keeps both cores busy for its whole run, which would only slow the classes
 * beside it down (none of their verdicts depends on the load; StoredRowsTest's start-up, which
 * once failed beside it on the pool's 500 ms timeout, now waits with {@code PatientStore}).
 */
@Isolated
class StateHookUnderTrafficTest {

    private static final int ROUNDS = 25;

    /** A state change and the state it leaves the producer in. */
    private record Change(String state, String action, ProducerState after) {}

    /**
     * One round: the same state again, Pact's setup and teardown, setups straight from one state
     * into another (storefailure into retiredpacks included), and every other state the producer
     * knows set up and torn down.
     */
    private static final List<Change> ROUND = withEveryOtherState(List.of(
            new Change("available", "setup", ProducerState.AVAILABLE),
            new Change("available", "setup", ProducerState.AVAILABLE),
            new Change("noactivepacks", "setup", ProducerState.NOACTIVEPACKS),
            new Change("noactivepacks", "teardown", ProducerState.AVAILABLE),
            new Change("retiredpacks", "setup", ProducerState.RETIREDPACKS),
            new Change("noactivepacks", "setup", ProducerState.NOACTIVEPACKS),
            new Change("noactivepacks", "teardown", ProducerState.AVAILABLE),
            new Change("storefailure", "setup", ProducerState.STOREFAILURE),
            new Change("storefailure", "teardown", ProducerState.AVAILABLE),
            new Change("storefailure", "setup", ProducerState.STOREFAILURE),
            new Change("retiredpacks", "setup", ProducerState.RETIREDPACKS),
            new Change("retiredpacks", "teardown", ProducerState.AVAILABLE)));

    /** {@code changes}, then a setup and a teardown of each state they never reach: a state added to the producer is visited too. */
    private static List<Change> withEveryOtherState(List<Change> changes) {
        List<Change> round = new ArrayList<>(changes);
        for (ProducerState state : ProducerState.values()) {
            if (changes.stream().noneMatch(change -> change.after() == state)) {
                round.add(new Change(state.folder(), "setup", state));
                round.add(new Change(state.folder(), "teardown", ProducerState.AVAILABLE));
            }
        }
        return List.copyOf(round);
    }

    /**
     * One GET: its response, which of the allowed states' responses it was (null: none), and the
     * states allowed, those the producer was in from the GET's sending to its response.
     */
    private record Observation(int status, String unexpectedBody, StubResponse matched, List<ProducerState> allowed) {}

    /**
     * With the producer's own settings (the catalog re-read at most every second, so GETs during a
     * change are mostly served from memory), and with a catalog that every GET reads from the store,
     * so that the store is read while each change is under way. One client there: with a zero bound
     * every waiting GET holds a read of its own, and beyond two reads at once the catalog answers
     * 500 by design (that is its overload guard, not the hook's doing).
     */
    @ParameterizedTest(name = "{0} clients, max-staleness {1}")
    @CsvSource({"4, 1s", "1, 0s"})
    void everyResponseDuringStateChangesIsTheStateBeforeOrAfterNeverInBetween(
            int clients, String maxStaleness, TestReporter report) throws Exception {
        Map<ProducerState, StubResponse> stubResponses = StubResponses.published();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (HookProducer producer =
                HookProducer.withHookOnEmbeddedDatabase("--credit-packs.catalog.max-staleness=" + maxStaleness)) {
            assertThat(stubResponses.get(ProducerState.AVAILABLE).matches(producer.packs()))
                    .as("the seeded catalog, before any change")
                    .isTrue();
            Traffic traffic = new Traffic(producer, stubResponses);
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(traffic::keepAskingForTheCatalog));
            }
            List<String> refusedChanges = traffic.changeStatesEveryRound();
            for (Future<Void> finished : running) {
                finished.get(HookProducer.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }

            List<Observation> observations = List.copyOf(traffic.observations);
            List<Observation> unexpected =
                    observations.stream().filter(seen -> seen.matched() == null).toList();
            publishSummary(report, clients, maxStaleness, observations, unexpected);
            assertThat(refusedChanges).isEmpty();
            assertThat(unexpected)
                    .as("responses that are neither the state before a change nor the state after it")
                    .isEmpty();
            assertThat(observations.stream().map(Observation::matched).distinct())
                    .as("the response of every state was seen")
                    .containsExactlyInAnyOrderElementsOf(
                            stubResponses.values().stream().distinct().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One run's GETs and state changes. A phase is twice the changes the hook has completed, plus
     * one while the next is under way: a GET sent in phase p and received in phase q may see the
     * states after p / 2 up to (q + 1) / 2 changes, and no other.
     */
    private static final class Traffic {

        private final HookProducer producer;
        private final Map<ProducerState, StubResponse> stubResponses;
        /** {@code statesAfter.get(n)}: the state after n changes. */
        private final List<ProducerState> statesAfter = statesAfterEveryChange();

        private final AtomicLong phase = new AtomicLong();
        private final AtomicBoolean changing = new AtomicBoolean(true);
        final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();

        Traffic(HookProducer producer, Map<ProducerState, StubResponse> stubResponses) {
            this.producer = producer;
            this.stubResponses = stubResponses;
        }

        /** One client: GET after GET, each observed, until the state changes are over. */
        Void keepAskingForTheCatalog() throws Exception {
            while (changing.get()) {
                observations.add(observeOneGet());
            }
            return null;
        }

        private Observation observeOneGet() throws Exception {
            long sent = phase.get();
            HttpResponse<String> response = producer.packs();
            long received = phase.get();
            List<ProducerState> allowed = statesAfter.subList((int) (sent / 2), (int) ((received + 1) / 2) + 1);
            StubResponse matched = allowed.stream()
                    .map(stubResponses::get)
                    .filter(stub -> stub.matches(response))
                    .findFirst()
                    .orElse(null);
            // Only an unexpected response's body is kept: there are thousands of the others.
            return new Observation(
                    response.statusCode(), matched == null ? response.body() : null, matched, List.copyOf(allowed));
        }

        /** Every change of every round, one after another; then the clients stop. Returns the changes the hook refused. */
        List<String> changeStatesEveryRound() throws Exception {
            List<String> refused = new ArrayList<>();
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    for (Change change : ROUND) {
                        phase.incrementAndGet();
                        HttpResponse<String> response = producer.change(change.state(), change.action());
                        phase.incrementAndGet();
                        if (response.statusCode() != 200) {
                            refused.add(change + " answered " + response.statusCode() + " " + response.body());
                        }
                    }
                }
            } finally {
                changing.set(false);
            }
            return refused;
        }

        private static List<ProducerState> statesAfterEveryChange() {
            List<ProducerState> statesAfter = new ArrayList<>(List.of(ProducerState.AVAILABLE));
            for (int round = 0; round < ROUNDS; round++) {
                ROUND.forEach(change -> statesAfter.add(change.after()));
            }
            return statesAfter;
        }
    }

    private static void publishSummary(
            TestReporter report,
            int clients,
            String maxStaleness,
            List<Observation> observations,
            List<Observation> unexpected) {
        long failures =
                observations.stream().filter(seen -> seen.status() == 500).count();
        long unexpectedFailures =
                unexpected.stream().filter(seen -> seen.status() == 500).count();
        String summary =
                clients + " clients, max-staleness " + maxStaleness + ": " + observations.size() + " GETs during "
                        + ROUNDS * ROUND.size() + " state changes, " + failures + " answered 500 (" + unexpectedFailures
                        + " of them outside storefailure), " + unexpected.size() + " responses of no state involved";
        // Into the test's report (target/surefire-reports), so the build stays quiet.
        System.out.println(summary);
        report.publishEntry("requests", summary);
    }
}
