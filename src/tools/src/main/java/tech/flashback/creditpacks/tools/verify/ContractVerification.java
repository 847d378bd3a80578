package tech.flashback.creditpacks.tools.verify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * Runs published contracts against a running producer, in any language, over HTTP: state by
 * state, each contract's example request, its response held to the contract's published rules.
 * With a state hook, each state is set up before its contracts and torn down after them;
 * without one, only the default state's contracts can run, and the others are reported as not
 * run, by name, never as passed. The remote verification and the backcompat gate are this, on
 * this tree's contracts and on a published version's.
 */
public final class ContractVerification {

    /** How reports name the owner of the public contracts (see {@link PublishedStub#PUBLIC_CONTRACT}). */
    public static final String PUBLIC_CONTRACT = PublishedStub.PUBLIC_CONTRACT;

    /** What happened to one contract. */
    public enum Verdict {
        PASSED,
        FAILED,
        NOT_RUN
    }

    /** One contract's outcome; its consumer is null for the public contracts. */
    public record Outcome(String consumer, String contract, String state, Verdict verdict, String details) {

        static Outcome of(PublishedStub stub, String state, Verdict verdict, String details) {
            return new Outcome(stub.consumer(), stub.contract(), state, verdict, details);
        }

        /** How reports name the contract: after its consumer, or as one of the public contracts. */
        public String label() {
            return consumer == null ? contract : consumer + ": " + contract;
        }

        /** Whose contract it is, as reports name them: a consumer, or the public contract. */
        public String owner() {
            return consumer == null ? PUBLIC_CONTRACT : consumer;
        }
    }

    /** Where the producer is, and its state hook (null when it has none). */
    public record Target(String producerUrl, String statesUrl) {}

    /** Every contract's outcome, and the state hook's failures to tear down. */
    public record Report(String contracts, Target target, List<Outcome> outcomes, List<String> hookFailures) {

        /** Nothing failed, and something ran: contracts not run are named, never counted as passed. */
        public boolean passed() {
            return hookFailures.isEmpty() && count(Verdict.PASSED) > 0 && count(Verdict.FAILED) == 0;
        }

        public long count(Verdict verdict) {
            return outcomes.stream()
                    .filter(outcome -> outcome.verdict() == verdict)
                    .count();
        }

        public String render() {
            StringBuilder text = new StringBuilder("Contracts of ")
                    .append(contracts)
                    .append(" against ")
                    .append(HttpProbe.shown(target.producerUrl()))
                    .append(
                            target.statesUrl() == null
                                    ? " (no state hook)"
                                    : " (state hook " + HttpProbe.shown(target.statesUrl()) + ")")
                    .append('\n');
            String state = null;
            for (Outcome outcome : outcomes) {
                if (!outcome.state().equals(state)) {
                    state = outcome.state();
                    text.append("  state ").append(state).append('\n');
                }
                text.append(
                        String.format("    %-8s %s%n", outcome.verdict().name().replace('_', ' '), outcome.label()));
                outcome.details()
                        .lines()
                        .forEach(line ->
                                text.append("             ").append(line).append('\n'));
            }
            hookFailures.forEach(
                    failure -> text.append("  FAILED   ").append(failure).append('\n'));
            text.append(String.format(
                    "%d contracts: %d passed, %d failed, %d not run%n",
                    outcomes.size(), count(Verdict.PASSED), count(Verdict.FAILED), count(Verdict.NOT_RUN)));
            long notRun = count(Verdict.NOT_RUN);
            if (passed()) {
                text.append("PASSED: the producer honours the contracts of ")
                        .append(contracts)
                        .append(notRun == 0 ? "" : " that ran; " + notRun + " did not run (named above)");
            } else if (count(Verdict.FAILED) == 0 && hookFailures.isEmpty()) {
                text.append("FAILED: no contract of ").append(contracts).append(" ran");
            } else {
                text.append("FAILED: the producer at ")
                        .append(HttpProbe.shown(target.producerUrl()))
                        .append(" breaks contracts of ")
                        .append(contracts);
                List<String> broken = broken();
                if (!broken.isEmpty()) {
                    text.append("; it breaks: ").append(String.join(", ", broken));
                }
            }
            return text.append('\n').toString();
        }

        /** Whose contracts failed: each consumer by name, and "public contract" for the public ones. */
        public List<String> broken() {
            return outcomes.stream()
                    .filter(outcome -> outcome.verdict() == Verdict.FAILED)
                    .map(Outcome::owner)
                    .distinct()
                    .sorted(Comparator.comparing((String owner) -> !owner.equals(PUBLIC_CONTRACT))
                            .thenComparing(owner -> owner))
                    .toList();
        }
    }

    private final HttpProbe probe;
    /** Monotonic nanoseconds, for the run's time budget ({@code System::nanoTime} but in tests). */
    private final LongSupplier nanoTime;

    public ContractVerification(HttpProbe probe) {
        this(probe, System::nanoTime);
    }

    ContractVerification(HttpProbe probe, LongSupplier nanoTime) {
        this.probe = probe;
        this.nanoTime = nanoTime;
    }

    /** {@code contracts} names what is verified in the report ("the working tree", a version's coordinates). */
    public Report run(String contracts, PublishedStubs published, Target target) {
        Run run = new Run(target);
        for (String state : published.states()) {
            run.verifyState(state, contractsIn(published, state));
        }
        return new Report(contracts, target, run.outcomes, run.hookFailures);
    }

    /** The public contracts first, then each consumer's, by name: the order every report lists them in. */
    private static List<PublishedStub> contractsIn(PublishedStubs published, String state) {
        return published.contracts().stream()
                .filter(stub -> stub.state().equals(state))
                .sorted(Comparator.comparing((PublishedStub stub) -> stub.consumer() != null)
                        .thenComparing(stub -> String.valueOf(stub.consumer())))
                .toList();
    }

    /**
     * One run: state by state, set up through the hook, each contract sent and judged, torn down.
     * Once the producer or its hook gives no response at all, or the run's time is used up, the
     * rest is not tried: the run ends in bounded time.
     */
    private final class Run {

        private final Target target;
        /** Null when the producer has no state hook. */
        private final StateHook hook;

        private final long deadline;
        private final String usedUp;
        private final List<Outcome> outcomes = new ArrayList<>();
        private final List<String> hookFailures = new ArrayList<>();
        /** Why nothing more is tried; null while the producer responds and there is time. */
        private String unreachable;

        Run(Target target) {
            this.target = target;
            this.hook = target.statesUrl() == null ? null : new StateHook(target.statesUrl(), probe);
            this.deadline = nanoTime.getAsLong() + probe.limits().run().toNanos();
            this.usedUp = "the verification's "
                    + HttpProbe.seconds(probe.limits().run()) + " for the producer's answers are used up";
        }

        void verifyState(String state, List<PublishedStub> contractsOfState) {
            noteTimeUsedUp();
            List<PublishedStub> runnable = contractsOfState;
            if (hook == null) {
                runnable = runnableWithoutHook(state, contractsOfState);
                if (runnable.isEmpty()) {
                    return;
                }
            }
            String setupFailure = null;
            boolean setUp = false;
            if (hook != null && unreachable == null) {
                setupFailure = setUp(state);
                setUp = setupFailure == null;
            }
            // A state that was set up is torn down whatever happens to its contracts, even once the
            // producer stopped responding or the time is used up: the teardown is one more bounded call.
            try {
                for (PublishedStub contract : runnable) {
                    if (setupFailure == null) {
                        noteTimeUsedUp();
                    }
                    outcomes.add(verify(contract, state, setupFailure));
                }
            } finally {
                if (setUp) {
                    tearDown(state);
                }
            }
        }

        private void noteTimeUsedUp() {
            if (unreachable == null && nanoTime.getAsLong() - deadline > 0) {
                unreachable = usedUp;
            }
        }

        /** Without a hook the producer is in its default state, which is each endpoint's own: the others are not run, by name. */
        private List<PublishedStub> runnableWithoutHook(String state, List<PublishedStub> contractsOfState) {
            contractsOfState.stream()
                    .filter(stub -> !stub.inDefaultState())
                    .forEach(stub -> outcomes.add(Outcome.of(
                            stub,
                            state,
                            Verdict.NOT_RUN,
                            "needs the producer in state " + state + ": name its state hook with --states URL" + " (-D"
                                    + ToolProperties.PRODUCER_STATES_URL + "=URL; Pact's state-change requests)")));
            return contractsOfState.stream()
                    .filter(PublishedStub::inDefaultState)
                    .toList();
        }

        /** The state set up through the hook: null when it was, else why not. */
        private String setUp(String state) {
            try {
                return hook.change(state, StateHook.Action.setup);
            } catch (HttpProbe.Failure failure) {
                unreachable = failure.getMessage();
                return failure.getMessage();
            } catch (RuntimeException unexpected) {
                return "state " + state + " setup: " + unexpected(unexpected);
            }
        }

        /** One contract's outcome: failed with its state's setup, not tried once nothing responds, or its response judged. */
        private Outcome verify(PublishedStub contract, String state, String setupFailure) {
            if (setupFailure != null) {
                return Outcome.of(contract, state, Verdict.FAILED, setupFailure);
            }
            if (unreachable != null) {
                return Outcome.of(contract, state, Verdict.FAILED, "not tried, no answer came: " + unreachable);
            }
            ObservedResponse response;
            try {
                response = probe.send(target.producerUrl(), contract.request());
            } catch (HttpProbe.Failure failure) {
                unreachable = failure.getMessage();
                return Outcome.of(contract, state, Verdict.FAILED, failure.getMessage());
            } catch (RuntimeException unexpected) {
                return Outcome.of(
                        contract,
                        state,
                        Verdict.FAILED,
                        contract.request() + " could not be sent: " + unexpected(unexpected));
            }
            return verdict(contract, response);
        }

        private void tearDown(String state) {
            try {
                String teardownFailure = hook.change(state, StateHook.Action.teardown);
                if (teardownFailure != null) {
                    hookFailures.add(teardownFailure);
                }
            } catch (HttpProbe.Failure failure) {
                if (unreachable == null) {
                    unreachable = failure.getMessage();
                }
                hookFailures.add(failure.getMessage());
            } catch (RuntimeException unexpected) {
                hookFailures.add("state " + state + " teardown: " + unexpected(unexpected));
            }
        }
    }

    /**
     * The contract's verdict on {@code response}. Judging one response must not end the run: whatever
     * goes wrong in it (a rules document the validator cannot apply, a value it chokes on) fails
     * that contract, saying what went wrong, and the other contracts and the teardowns still run.
     */
    private static Outcome verdict(PublishedStub contract, ObservedResponse response) {
        List<Problem> problems;
        try {
            problems = contract.rules().problems(response);
        } catch (RuntimeException | StackOverflowError unexpected) {
            return Outcome.of(
                    contract,
                    contract.state(),
                    Verdict.FAILED,
                    contract.request() + " answered " + response.status() + ", which could not be judged: "
                            + unexpected(unexpected));
        }
        if (problems.isEmpty()) {
            return Outcome.of(contract, contract.state(), Verdict.PASSED, "");
        }
        return Outcome.of(
                contract,
                contract.state(),
                Verdict.FAILED,
                contract.request() + " answered " + response.status() + ":\n" + Problem.list(problems));
    }

    /** An unexpected exception as one line: its kind and message, never its stack. */
    private static String unexpected(Throwable unexpected) {
        return unexpected.getClass().getSimpleName()
                + (unexpected.getMessage() == null ? "" : ": " + Problem.shorten(unexpected.getMessage()));
    }
}
