package tech.flashback.creditpacks.tools.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

/**
 * Can this producer be deployed? It is verified against every consumer's contracts and the
 * public ones (as remote verification runs them: state by state through its hook), and the answer
 * is yes only when every contract ran and passed; it names the consumers it would break, and says
 * so when it cannot tell (a contract that did not run).
 */
public final class CanIDeploy {

    /** The answer. */
    public enum Answer {
        DEPLOY,
        DO_NOT_DEPLOY,
        CANNOT_TELL
    }

    /** The verification behind the answer, and the answer. */
    public record Decision(Report report, Answer answer) {

        /** The consumer × state × contract matrix, each contract's failure, and the answer with whom it would break. */
        public String render() {
            StringBuilder text = new StringBuilder("Can the producer at ")
                    .append(HttpProbe.shown(report.target().producerUrl()))
                    .append(" be deployed? The contracts of ")
                    .append(report.contracts())
                    .append(", every consumer's and the public ones,")
                    .append(
                            report.target().statesUrl() == null
                                    ? " without a state hook"
                                    : " through its state hook "
                                            + HttpProbe.shown(report.target().statesUrl()))
                    .append(":\n");
            List<Outcome> outcomes = report.outcomes().stream()
                    .sorted(Comparator.comparing((Outcome outcome) -> outcome.consumer() != null)
                            .thenComparing(Outcome::owner)
                            .thenComparing(Outcome::state)
                            .thenComparing(Outcome::contract))
                    .toList();
            int owner = Math.max(
                    "consumer".length(),
                    outcomes.stream()
                            .mapToInt(outcome -> outcome.owner().length())
                            .max()
                            .orElse(0));
            int state = Math.max(
                    "state".length(),
                    outcomes.stream()
                            .mapToInt(outcome -> outcome.state().length())
                            .max()
                            .orElse(0));
            int contract = Math.max(
                    "contract".length(),
                    outcomes.stream()
                            .mapToInt(outcome -> outcome.contract().length())
                            .max()
                            .orElse(0));
            String row = "  %-" + owner + "s  %-" + state + "s  %-" + contract + "s  %s%n";
            text.append(String.format(row, "consumer", "state", "contract", "verdict"));
            outcomes.forEach(outcome -> text.append(String.format(
                    row,
                    outcome.owner(),
                    outcome.state(),
                    outcome.contract(),
                    outcome.verdict() == Verdict.PASSED
                            ? "passed"
                            : outcome.verdict() == Verdict.FAILED ? "FAILED" : "NOT RUN")));
            List<Outcome> unhappy = outcomes.stream()
                    .filter(outcome -> outcome.verdict() != Verdict.PASSED)
                    .toList();
            if (!unhappy.isEmpty() || !report.hookFailures().isEmpty()) {
                text.append("Why:\n");
                unhappy.forEach(outcome -> {
                    text.append("  ")
                            .append(outcome.label())
                            .append(" (state ")
                            .append(outcome.state())
                            .append(")\n");
                    outcome.details()
                            .lines()
                            .forEach(line -> text.append("      ").append(line).append('\n'));
                });
                report.hookFailures()
                        .forEach(failure -> text.append("  ").append(failure).append('\n'));
            }
            long owners =
                    report.outcomes().stream().map(Outcome::owner).distinct().count();
            return text.append(
                            switch (answer) {
                                case DEPLOY ->
                                    "DEPLOY: all " + report.outcomes().size() + " contracts of " + owners
                                            + " consumers (the public contract" + " among them) pass";
                                case DO_NOT_DEPLOY ->
                                    "DO NOT DEPLOY: it breaks " + String.join(", ", report.broken())
                                            + (report.broken().isEmpty() ? "the state hook's changes" : "");
                                case CANNOT_TELL ->
                                    "CANNOT TELL: " + report.count(Verdict.NOT_RUN)
                                            + " contracts did not run (named above); name the"
                                            + " producer's state hook with --states URL";
                            })
                    .append('\n')
                    .toString();
        }
    }

    private CanIDeploy() {}

    public static Decision decide(String contracts, PublishedStubs published, Target target) {
        Report report =
                new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT)).run(contracts, published, target);
        Answer answer = report.count(Verdict.FAILED) > 0
                        || !report.hookFailures().isEmpty()
                ? Answer.DO_NOT_DEPLOY
                : report.count(Verdict.NOT_RUN) > 0 || report.outcomes().isEmpty() ? Answer.CANNOT_TELL : Answer.DEPLOY;
        return new Decision(report, answer);
    }

    /**
     * A contracts tree with the consumers' contracts from their own artifacts added: each holds a
     * {@code consumers/<consumer>/} folder (at its root, or under {@code contracts/} as a stubs jar
     * holds one), as a consumer publishes its contracts to a Maven repository.
     *
     * @param work an empty folder of the caller's, into which the merged tree is written
     * @throws IllegalArgumentException naming an artifact that holds no consumer's contracts
     */
    public static Path withConsumers(Path contracts, List<Path> consumerArtifacts, Path work) {
        Path merged = work.resolve("contracts");
        copy(contracts, merged);
        for (Path artifact : consumerArtifacts) {
            Path consumers = consumersFolder(artifact);
            copy(consumers, merged.resolve("consumers"));
        }
        return merged;
    }

    private static Path consumersFolder(Path root) {
        try (Stream<Path> folders = Files.find(
                root,
                8,
                (path, attributes) -> attributes.isDirectory()
                        && path.getFileName() != null
                        && path.getFileName().toString().equals("consumers"))) {
            return folders.min(Comparator.comparingInt(Path::getNameCount))
                    .orElseThrow(() -> new IllegalArgumentException(root
                            + " holds no consumer's contracts: a consumer publishes them under consumers/<consumer>/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                if (Files.exists(copy)) {
                    throw new IllegalArgumentException(
                            copy + " is in two places: each consumer's contracts come from one source");
                }
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
