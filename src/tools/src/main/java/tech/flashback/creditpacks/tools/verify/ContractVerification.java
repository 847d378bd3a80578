package tech.flashback.creditpacks.tools.verify;

import java.util.ArrayList;
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
    public enum Verdict { PASSED, FAILED, NOT_RUN }

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
    public record Target(String producerUrl, String statesUrl) {
    }

    /** Every contract's outcome, and the state hook's failures to tear down. */
    public record Report(String contracts, Target target, List<Outcome> outcomes, List<String> hookFailures) {

        /** Nothing failed, and something ran: contracts not run are named, never counted as passed. */
        public boolean passed() {
            return hookFailures.isEmpty() && count(Verdict.PASSED) > 0 && count(Verdict.FAILED) == 0;
        }

        public long count(Verdict verdict) {
            return outcomes.stream().filter(outcome -> outcome.verdict() == verdict).count();
        }

        public String render() {
            StringBuilder text = new StringBuilder("Contracts of ").append(contracts).append(" against ")
                    .append(HttpProbe.shown(target.producerUrl()))
                    .append(target.statesUrl() == null ? " (no state hook)" : " (state hook " + HttpProbe.shown(target.statesUrl()) + ")")
                    .append('\n');
            String state = null;
            for (Outcome outcome : outcomes) {
                if (!outcome.state().equals(state)) {
                    state = outcome.state();
                    text.append("  state ").append(state).append('\n');
                }
                text.append(String.format("    %-8s %s%n", outcome.verdict().name().replace('_', ' '), outcome.label()));
                outcome.details().lines().forEach(line -> text.append("             ").append(line).append('\n'));
            }
            hookFailures.forEach(failure -> text.append("  FAILED   ").append(failure).append('\n'));
            text.append(String.format("%d contracts: %d passed, %d failed, %d not run%n", outcomes.size(),
                    count(Verdict.PASSED), count(Verdict.FAILED), count(Verdict.NOT_RUN)));
            long notRun = count(Verdict.NOT_RUN);
            if (passed()) {
                text.append("PASSED: the producer honours the contracts of ").append(contracts)
                        .append(notRun == 0 ? "" : " that ran; " + notRun + " did not run (named above)");
            } else if (count(Verdict.FAILED) == 0 && hookFailures.isEmpty()) {
                text.append("FAILED: no contract of ").append(contracts).append(" ran");
            } else {
                text.append("FAILED: the producer at ").append(HttpProbe.shown(target.producerUrl())).append(" breaks contracts of ").append(contracts);
                List<String> broken = broken();
                if (!broken.isEmpty()) {
                    text.append("; it breaks: ").append(String.join(", ", broken));
                }
            }
            return text.append('\n').toString();
        }

        /** Whose contracts failed: each consumer by name, and "public contract" for the public ones. */
        public List<String> broken() {
            return outcomes.stream().filter(outcome -> outcome.verdict() == Verdict.FAILED).map(Outcome::owner).distinct()
                    .sorted(java.util.Comparator.comparing((String owner) -> !owner.equals(PUBLIC_CONTRACT)).thenComparing(owner -> owner))
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
        StateHook hook = target.statesUrl() == null ? null : new StateHook(target.statesUrl(), probe);
        List<Outcome> outcomes = new ArrayList<>();
        List<String> hookFailures = new ArrayList<>();
        // Once the producer or its hook gives no response at all, or the run's time is used up, the rest
        // is not tried: the run ends in bounded time.
        String unreachable = null;
        long deadline = nanoTime.getAsLong() + probe.limits().run().toNanos();
        String usedUp = "the verification's " + HttpProbe.seconds(probe.limits().run()) + " for the producer's answers are used up";
        for (String state : published.states()) {
            if (unreachable == null && nanoTime.getAsLong() - deadline > 0) {
                unreachable = usedUp;
            }
            // The public contracts first, then each consumer's, by name: the order every report lists them in.
            List<PublishedStub> contractsOfState = published.contracts().stream().filter(stub -> stub.state().equals(state))
                    .sorted(java.util.Comparator.comparing((PublishedStub stub) -> stub.consumer() != null)
                            .thenComparing(stub -> String.valueOf(stub.consumer())))
                    .toList();
            if (hook == null) {
                // Without a hook the producer is in its default state, which is each endpoint's own.
                contractsOfState.stream().filter(stub -> !stub.inDefaultState()).forEach(stub -> outcomes.add(Outcome.of(stub,
                        state, Verdict.NOT_RUN, "needs the producer in state " + state + ": name its state hook with --states URL"
                                + " (-D" + ToolProperties.PRODUCER_STATES_URL + "=URL; Pact's state-change requests)")));
                contractsOfState = contractsOfState.stream().filter(PublishedStub::inDefaultState).toList();
                if (contractsOfState.isEmpty()) {
                    continue;
                }
            }
            String setupFailure = null;
            boolean setUp = false;
            if (hook != null && unreachable == null) {
                try {
                    setupFailure = hook.change(state, StateHook.Action.setup);
                    setUp = setupFailure == null;
                } catch (HttpProbe.Failure failure) {
                    unreachable = failure.getMessage();
                    setupFailure = failure.getMessage();
                } catch (RuntimeException unexpected) {
                    setupFailure = "state " + state + " setup: " + unexpected(unexpected);
                }
            }
            // A state that was set up is torn down whatever happens to its contracts, even once the
            // producer stopped answering or the time is used up: the teardown is one more bounded call.
            try {
                for (PublishedStub contract : contractsOfState) {
                    if (unreachable == null && setupFailure == null && nanoTime.getAsLong() - deadline > 0) {
                        unreachable = usedUp;
                    }
                    if (setupFailure != null) {
                        outcomes.add(Outcome.of(contract, state, Verdict.FAILED, setupFailure));
                    } else if (unreachable != null) {
                        outcomes.add(Outcome.of(contract, state, Verdict.FAILED, "not tried, no answer came: " + unreachable));
                    } else {
                        ObservedResponse response;
                        try {
                            response = probe.send(target.producerUrl(), contract.request());
                        } catch (HttpProbe.Failure failure) {
                            unreachable = failure.getMessage();
                            outcomes.add(Outcome.of(contract, state, Verdict.FAILED, failure.getMessage()));
                            continue;
                        } catch (RuntimeException unexpected) {
                            outcomes.add(Outcome.of(contract, state, Verdict.FAILED,
                                    contract.request() + " could not be sent: " + unexpected(unexpected)));
                            continue;
                        }
                        outcomes.add(verdict(contract, response));
                    }
                }
            } finally {
                if (setUp) {
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
        }
        return new Report(contracts, target, outcomes, hookFailures);
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
            return Outcome.of(contract, contract.state(), Verdict.FAILED,
                    contract.request() + " answered " + response.status() + ", which could not be judged: " + unexpected(unexpected));
        }
        if (problems.isEmpty()) {
            return Outcome.of(contract, contract.state(), Verdict.PASSED, "");
        }
        return Outcome.of(contract, contract.state(), Verdict.FAILED,
                contract.request() + " answered " + response.status() + ":\n" + Problem.list(problems));
    }

    /** An unexpected exception as one line: its kind and message, never its stack. */
    private static String unexpected(Throwable unexpected) {
        return unexpected.getClass().getSimpleName() + (unexpected.getMessage() == null ? "" : ": " + Problem.shorten(unexpected.getMessage()));
    }
}
