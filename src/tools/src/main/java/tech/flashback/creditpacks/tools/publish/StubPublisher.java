package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.cloud.contract.spec.Contract;
import tech.flashback.creditpacks.tools.publish.ContractTree.ContractFile;
import tech.flashback.creditpacks.tools.publish.ContractTree.Kind;

/**
 * The stub publisher: turns the contracts into the published form, into the folder a stubs jar
 * is packed from, and keeps the committed copy ({@code stubs/}) equal to it. The build runs it
 * before anything of the producer compiles, so a contract proposed without producer code is
 * published, and reviewed, all the same.
 *
 * <p>In four steps: find every contract file ({@link ContractTree}); read each once into its
 * published form ({@link PublishedContract}, see {@link ContractPublication}); write every output
 * from those values while the stubs are checked together ({@link StubChecks}); write the published
 * folder and compare the committed copy. For each contract
 * {@code contracts/<endpoint>/<state>/<name>.groovy}:
 * <ul>
 * <li>{@code mappings/<endpoint>/<state>/<name>.json}: the stub, in what any stock WireMock 3 loads
 *     without warnings and a reviewer can diff (no random ids, no Spring Cloud Contract
 *     transformer, the body as readable {@code jsonBody}, fixed key order and indent). It answers
 *     in its state of its endpoint's WireMock scenario ({@code Started} for the default state), and
 *     carries its contract as data in {@code metadata.contract};</li>
 * <li>{@code mappings/<endpoint>/<state>/<name>.selector.json} when the contract names a stub
 *     selector: the same response in any state to the request with the selector added;</li>
 * <li>{@code rules/<endpoint>/<state>/<name>.schema.json}: the response body's rules as JSON Schema
 *     (see {@link ContractRules}), and {@code <name>.request.schema.json} for a JSON request body;</li>
 * <li>{@code openapi.yaml}: every endpoint, request and response ({@link OpenApiDocument});</li>
 * <li>{@code pacts/<consumer>-<provider>.json}: each consumer's contracts, and the public ones, as Pact files ({@link PactExport}).</li>
 * </ul>
 * A consumer's contracts ({@code contracts/consumers/<consumer>/...}) publish the same way under
 * {@code mappings/consumers/<consumer>/...}.
 *
 * <p>The build also has it generate the producer's contract tests ({@link ContractTests}), beside
 * the publication, and keep a record of its last successful run ({@link LastPublication}): with
 * nothing changed it does nothing, and after an edit it reads the edited contracts alone. Every
 * folder it writes gets only the files whose content changed.
 */
public final class StubPublisher {

    /** The one command that brings {@code stubs/} up to date; named in every staleness failure. */
    public static final String REGENERATE_COMMAND = "./mvnw generate-test-sources -Dstubs.update";
    /** Where the stubs jar carries the contracts it was published from. */
    static final String CONTRACTS = "contracts";

    /**
     * What the published form says beyond the contracts themselves: the API's title and version, for
     * the OpenAPI document, and the producer's name, for the Pact files.
     */
    public record Publication(String apiTitle, String apiVersion, String provider) {

        /** A publication whose provider is named after its title (tests and in-memory publications). */
        public Publication(String apiTitle, String apiVersion) {
            this(apiTitle, apiVersion, "producer");
        }
    }

    /**
     * What to publish from, where to, and what to do with the committed copy (null: none); the
     * producer's contract tests to generate beside it (null: none); and where the build keeps the
     * record of its last run (null: none, every run does all the work).
     */
    public record Settings(
            Path contracts,
            Path published,
            Path committed,
            Publication publication,
            boolean update,
            boolean check,
            ContractTests tests,
            Path record) {

        /** Publishing alone, every run from scratch. */
        public Settings(
                Path contracts,
                Path published,
                Path committed,
                Publication publication,
                boolean update,
                boolean check) {
            this(contracts, published, committed, publication, update, check, null, null);
        }
    }

    /** What a publication produced: its files (those a committed copy holds) and what it left out, and why. */
    public record Result(Map<Path, String> files, List<String> ignored) {}

    /** Whether a run did the work, or found everything as its last successful run left it. */
    public enum Run {
        PUBLISHED,
        UP_TO_DATE
    }

    /** What running the publisher did: whether it worked, what it rewrote of the committed copy, what it left out. */
    public record Outcome(Run run, List<String> updated, List<String> ignored) {}

    /** The committed copy differs from what the contracts publish: a verdict of the check, not a failure to run it. */
    public static final class StaleCommittedCopy extends IllegalStateException {

        StaleCommittedCopy(String message) {
            super(message);
        }
    }

    private StubPublisher() {}

    /**
     * Publishes into the published folder and compares with the committed copy, or updates it.
     *
     * @throws StaleCommittedCopy    when the committed copy differs (naming each file, its first
     *                               differing line and the command that fixes it) or holds files
     *                               the build did not write
     * @throws IllegalStateException listing every contract that cannot be published
     */
    public static Outcome run(Settings settings) {
        if (settings.record() == null) {
            return publishAndCompare(settings, Earlier.NONE).outcome();
        }
        LastPublication.Inputs inputs = LastPublication.inputs(settings);
        Optional<LastPublication.State> last = LastPublication.read(settings.record());
        Map<String, String> outputs = LastPublication.outputs(settings);
        if (last.isPresent()
                && last.get().inputs().equals(inputs.digest())
                && last.get().outputs().equals(outputs)) {
            return new Outcome(Run.UP_TO_DATE, List.of(), last.get().ignored());
        }
        LastPublication.forget(settings.record());
        Published published = publishAndCompare(
                settings, last.map(state -> state.earlier(inputs, outputs)).orElse(Earlier.NONE));
        LastPublication.write(
                settings.record(),
                new LastPublication.State(
                        inputs.digest(),
                        inputs.context(),
                        inputs.groovy(),
                        published.taken().byFile(),
                        published.taken().checkedViews(),
                        published.outcome().ignored(),
                        LastPublication.outputs(settings)));
        return published.outcome();
    }

    /** One Groovy contract file, published: its contracts in their published form, and those of it Spring Cloud Contract ignores. */
    record FilePublication(List<PublishedContract> published, List<String> ignored) {}

    /**
     * What a run takes over from the last successful one instead of doing it again: the publication
     * of each Groovy contract file it did not change (by path relative to the contracts); the
     * folders whose tests it generates again, when only contracts' contents changed and the
     * generated tests are as that run left them (null: every folder's); and the sets of stubs whose
     * checks passed (see {@link StubChecks#inputs}).
     */
    record Earlier(Map<Path, FilePublication> publications, Set<Path> changedFolders, Set<String> checkedViews) {

        static final Earlier NONE = new Earlier(Map.of(), null, Set.of());
    }

    /**
     * What a publication read and checked, for the next run to take over: each Groovy contract
     * file's publication, and the sets of stubs that passed their checks.
     */
    record Taken(Map<Path, FilePublication> byFile, Set<String> checkedViews) {

        static Taken none() {
            return new Taken(new LinkedHashMap<>(), new TreeSet<>());
        }
    }

    /** A run that did the work: what it did, and what the next run may take over. */
    private record Published(Outcome outcome, Taken taken) {}

    /**
     * A run from the contracts to every output: the contract tests generated beside the
     * publication, the published folder written, then the committed copy compared or updated.
     */
    private static Published publishAndCompare(Settings settings, Earlier earlier) {
        Taken taken = Taken.none();
        // The tests are generated from the contracts alone, beside the publication.
        SideTask<Map<Path, String>> tests = settings.tests() == null
                ? SideTask.none()
                : SideTask.start("generating the contract tests", () -> tests(settings, earlier));
        Result result = tests.beside(() -> publish(settings.contracts(), settings.publication(), earlier, taken));
        writePublished(settings, result.files());
        if (settings.tests() != null) {
            PublishedFiles.publishInto(settings.tests().folder(), tests.join());
        }
        return new Published(
                new Outcome(Run.PUBLISHED, compareWithCommitted(settings, result.files()), result.ignored()), taken);
    }

    /** The published folder, as the stubs jar is packed from it: the publication, and the contracts themselves. */
    private static void writePublished(Settings settings, Map<Path, String> files) {
        Map<Path, String> jar = new TreeMap<>(files);
        // The jar carries the document as JSON (see OpenApiDocument.JAR_FILE).
        jar.put(OpenApiDocument.JAR_FILE, OpenApiDocument.asJson(jar.remove(OpenApiDocument.FILE)));
        PublishedFiles.under(settings.contracts())
                .forEach(file -> jar.put(
                        Path.of(CONTRACTS).resolve(settings.contracts().relativize(file)),
                        PublishedFiles.readText(file)));
        PublishedFiles.publishInto(settings.published(), jar);
    }

    /**
     * The committed copy compared with the publication, or brought up to date with it: what the
     * update rewrote (nothing when it compares, or does neither).
     *
     * @throws StaleCommittedCopy when it is out of date, or holds files the build did not write
     */
    private static List<String> compareWithCommitted(Settings settings, Map<Path, String> files) {
        if (settings.committed() == null || !(settings.check() || settings.update())) {
            return List.of();
        }
        CommittedCopy committed = new CommittedCopy(settings.committed());
        CommittedCopy.Comparison comparison = committed.compare(files);
        if (settings.update()) {
            committed.update(files);
            if (!comparison.foreign().isEmpty()) {
                throw new StaleCommittedCopy(settings.committed()
                        + " is up to date with the contracts, but holds files the build"
                        + " did not write, which it leaves in place:\n  " + String.join("\n  ", comparison.foreign()));
            }
            return comparison.stale();
        }
        if (!comparison.upToDate()) {
            List<String> lines = new ArrayList<>(comparison.stale());
            lines.addAll(comparison.foreign());
            throw new StaleCommittedCopy(
                    settings.committed() + " is out of date with the contracts:\n  " + String.join("\n  ", lines)
                            + (comparison.stale().isEmpty()
                                    ? ""
                                    : "\nRegenerate it with: " + REGENERATE_COMMAND
                                            + "\nand commit it together with the contract change.")
                            + (comparison.foreign().isEmpty()
                                    ? ""
                                    : "\nThe regeneration never touches a file the build did not write."));
        }
        return List.of();
    }

    /**
     * The generated tests: every folder's, or, when the last run's tests are still as it left them
     * and no contract was added, removed or moved since, those on disk with the changed folders'
     * generated again (Spring Cloud Contract writes a test class per folder from that folder's
     * contracts alone).
     */
    private static Map<Path, String> tests(Settings settings, Earlier earlier) {
        ContractTests tests = settings.tests();
        Set<Path> changed = earlier.changedFolders();
        if (changed == null || !changed.stream().allMatch(ContractTests::canSelect)) {
            return tests.generate(settings.contracts(), null);
        }
        Map<Path, String> files = new TreeMap<>();
        PublishedFiles.under(tests.folder()).stream()
                .map(file -> tests.folder().relativize(file))
                .filter(relative -> !relative.equals(Path.of(PublishedFiles.RECORD)))
                .forEach(relative -> files.put(
                        relative, PublishedFiles.readText(tests.folder().resolve(relative))));
        files.putAll(tests.generate(settings.contracts(), changed));
        return files;
    }

    /**
     * The published form of the contracts under {@code contracts}, by path relative to a published folder.
     *
     * @throws IllegalStateException listing every problem ({@code file:line: what to change})
     */
    public static Result publish(Path contracts, Publication publication) {
        return publish(contracts, publication, Earlier.NONE, Taken.none());
    }

    /**
     * As {@link #publish(Path, Publication)}, taking over from {@code earlier} each Groovy contract
     * file's publication it has (a file the last run published, unchanged since) and the checks of
     * each set of stubs it passed as they are, and putting what this run read and checked into {@code taken}.
     * Each contract is read once, into its published form; every output is written from those values.
     */
    private static Result publish(Path contracts, Publication publication, Earlier earlier, Taken taken) {
        ContractTree tree = ContractTree.scan(contracts);
        List<String> problems = new ArrayList<>(tree.problems());
        Read read = read(tree, earlier, taken, problems);
        refuse(problems);
        if (read.published().isEmpty()) {
            throw new IllegalStateException("No contracts to publish under " + contracts);
        }
        // The OpenAPI document is written and checked beside the stubs' checks: each looks at the contracts alone.
        SideTask<String> openApi =
                SideTask.start("checking the OpenAPI document", () -> checkedOpenApi(read.published(), publication));
        openApi.beside(() -> {
            checkStubs(read.published(), earlier, taken, problems);
            refuse(problems);
        });
        return new Result(files(read.published(), openApi.join(), publication), read.ignored());
    }

    /** The contracts read into their published form, and those Spring Cloud Contract ignores. */
    private record Read(List<PublishedContract> published, List<String> ignored) {}

    /**
     * Every contract of the tree, read into its published form: the Groovy contracts (each file's
     * taken over from {@code earlier} where it has it), then the consumers' pacts, which name the
     * endpoints the public contracts publish. What cannot be read is added to {@code problems}.
     */
    private static Read read(ContractTree tree, Earlier earlier, Taken taken, List<String> problems) {
        List<PublishedContract> published = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (ContractFile file : tree.contracts()) {
            if (file.kind() != Kind.GROOVY
                    || tree.endpoints().get(file.placement().endpoint()) == null) {
                continue;
            }
            FilePublication known = earlier.publications().get(file.relative());
            if (known == null) {
                known = readGroovyFile(tree.root(), file, tree, problems);
            }
            if (known != null) {
                published.addAll(known.published());
                ignored.addAll(known.ignored());
                taken.byFile().put(file.relative(), known);
            }
        }
        List<PublishedContract> publicContracts = published.stream()
                .filter(contract -> contract.placement().isPublic())
                .toList();
        for (ContractFile file : tree.contracts()) {
            if (file.kind() == Kind.PACT) {
                published.addAll(PactContracts.publish(file, tree, publicContracts, problems));
            }
        }
        problems.addAll(sameNames(published));
        return new Read(published, ignored);
    }

    private static void refuse(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The contracts cannot be published:\n  " + String.join("\n  ", problems));
        }
    }

    /** Every file of the publication, from the contracts' published form: stubs, rules, the OpenAPI document, the pacts. */
    private static Map<Path, String> files(List<PublishedContract> published, String openApi, Publication publication) {
        Map<Path, String> files = new TreeMap<>();
        published.forEach(contract -> files.putAll(contract.files()));
        files.put(OpenApiDocument.FILE, openApi);
        files.putAll(PactExport.files(published, publication.provider()));
        return files;
    }

    /**
     * The stubs' checks, on each set of stubs a consumer loads on its own: the public ones, and each
     * consumer's (Stub Runner's stubs per consumer). A set whose checks passed as it is now (its
     * requests, priorities and states unchanged, see {@link StubChecks#inputs}) passes them again.
     */
    private static void checkStubs(
            List<PublishedContract> published, Earlier earlier, Taken taken, List<String> problems) {
        published.stream()
                .collect(Collectors.groupingBy(
                        contract -> Optional.ofNullable(contract.placement().consumer()), Collectors.toList()))
                .values()
                .forEach(view -> {
                    String inputs = StubChecks.inputs(view);
                    List<String> found = earlier.checkedViews().contains(inputs) ? List.of() : StubChecks.check(view);
                    problems.addAll(found);
                    if (found.isEmpty()) {
                        taken.checkedViews().add(inputs);
                    }
                });
    }

    /**
     * The OpenAPI document, checked. It is the API's, as the public contracts describe it: a
     * consumer's contracts change what that consumer's stubs respond, never what every consumer's types say.
     */
    private static String checkedOpenApi(List<PublishedContract> published, Publication publication) {
        List<PublishedContract> publicContracts = published.stream()
                .filter(contract -> contract.placement().isPublic())
                .toList();
        String openApi = OpenApiDocument.write(publicContracts, publication.apiTitle(), publication.apiVersion());
        OpenApiCheck.assertValid(openApi);
        return openApi;
    }

    /** One Groovy contract file's publication; null when it has a problem, which is added to {@code problems}. */
    private static FilePublication readGroovyFile(
            Path contracts, ContractFile file, ContractTree tree, List<String> problems) {
        List<PublishedContract> published = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        int before = problems.size();
        try {
            GroovyContracts.Read read = GroovyContracts.read(contracts, file.file());
            List<String> unstable = unstableRequests(contracts, file, read);
            if (!unstable.isEmpty()) {
                problems.addAll(unstable);
                return null;
            }
            for (Contract contract : read.contracts()) {
                if (contract.getIgnored()) {
                    // Spring Cloud Contract generates an ignored test and publishes no stub for it.
                    ignored.add(
                            file.file() + " (" + (contract.getName() == null ? "unnamed" : contract.getName()) + ")");
                    continue;
                }
                try {
                    published.add(ContractPublication.publish(
                            contract,
                            read.source(),
                            file.relative(),
                            file.placement(),
                            tree.endpoints().get(file.placement().endpoint())));
                } catch (ContractProblem problem) {
                    problems.add(problem.getMessage());
                }
            }
        } catch (ContractProblem problem) {
            problems.add(problem.getMessage());
        }
        return problems.size() == before ? new FilePublication(List.copyOf(published), List.copyOf(ignored)) : null;
    }

    /**
     * Spring Cloud Contract makes up the producer's side of a request value given only as a pattern
     * ({@code $(regex('[0-9]{10}'))}, {@code $(anyUuid())}): each read of the contract gives another
     * request, so the published example (and every stub file carrying it) would change from build
     * to build. Read a second time, a contract whose example request differs is refused, naming
     * the value and the form that fixes it. Only files that can hold such a value are read again.
     */
    /** What can make up a value in the DSL: $(...), value(...), regex(...), anyUuid() and the other any...() (not "anything"). */
    private static final Pattern MAKES_UP_VALUES = Pattern.compile("\\$\\(|value\\(|regex\\(|\\bany[A-Z]");

    private static List<String> unstableRequests(Path contracts, ContractFile file, GroovyContracts.Read read) {
        if (!MAKES_UP_VALUES.matcher(read.source().text()).find()) {
            return List.of();
        }
        List<Contract> again = GroovyContracts.read(contracts, file.file()).contracts();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < read.contracts().size() && i < again.size(); i++) {
            tech.flashback.creditpacks.tools.published.ExampleRequest first;
            tech.flashback.creditpacks.tools.published.ExampleRequest second;
            try {
                first = ContractExamples.request(read.contracts().get(i), read.source());
                second = ContractExamples.request(again.get(i), read.source());
            } catch (ContractProblem unreadable) {
                continue; // said when the contract is published
            }
            String difference = ContractExamples.difference(first, second);
            if (difference != null) {
                String name = read.contracts().get(i).getName();
                problems.add(read.source().at(difference.substring(0, difference.indexOf(' '))) + ": "
                        + (name == null ? "" : name + ": ")
                        + "the request's " + difference.substring(difference.indexOf(' ') + 1)
                        + " is made up anew on every"
                        + " build (Spring Cloud Contract generates the producer's side of a value given only as a pattern), so the"
                        + " published example request would never stay the same: give the producer's side a value, e.g."
                        + " $(consumer(regex('[0-9]{10}')), producer('1234567890'))");
            }
        }
        return problems;
    }

    /**
     * A name is a contract's identity in its test, its stub, its rules and every report: one per
     * contract among the public ones, and among each consumer's (two consumers may each have one).
     */
    private static List<String> sameNames(List<PublishedContract> published) {
        List<String> problems = new ArrayList<>();
        Map<String, PublishedContract> seen = new LinkedHashMap<>();
        Map<Path, PublishedContract> files = new LinkedHashMap<>();
        for (PublishedContract contract : published) {
            PublishedContract other =
                    seen.putIfAbsent(contract.placement().consumer() + "/" + contract.name(), contract);
            if (other != null) {
                problems.add(contract.source() + ": another contract is named " + contract.name() + " ("
                        + other.source() + "): every contract needs a name of its own"
                        + (contract.placement().isPublic() ? "" : " among its consumer's"));
                continue;
            }
            PublishedContract sameFile = files.putIfAbsent(contract.mappingFile(), contract);
            if (sameFile != null) {
                problems.add(contract.source() + ": its name '" + contract.name() + "' and the name '" + sameFile.name()
                        + "' of " + sameFile.source() + " make the same file name "
                        + contract.mappingFile().getFileName() + ": tell them apart");
            }
        }
        return problems;
    }
}
