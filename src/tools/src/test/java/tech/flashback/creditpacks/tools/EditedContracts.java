package tech.flashback.creditpacks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import tech.flashback.creditpacks.tools.publish.StubPublisher;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * A copy of the tools' fixture contract tree ({@link #FIXTURE}) that a test edits the way a
 * contract author would, then publishes exactly as the build does: what a release after that edit
 * would carry. The fixture, not this repository's {@code contracts/}, so that adding, renaming or
 * removing a state or a contract there never changes what these tests expect.
 */
public final class EditedContracts {

    /** This repository's contracts: what the committed {@code stubs/} are published from. */
    public static final Path CONTRACTS = Path.of("contracts");
    /** The catalog's public contracts as the tools' tests know them: four states, a contract each. */
    public static final Path FIXTURE = Path.of("src/tools/src/test/resources/catalog");

    public static final String CATALOG = "credits/packs/available/shouldReturnActivePacks.groovy";
    public static final String FAILURE = "credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.groovy";
    public static final String EMPTY = "credits/packs/noactivepacks/shouldReturnNoPacksWhenNoneIsActive.groovy";
    public static final String RETIRED = "credits/packs/retiredpacks/shouldNeverReturnInactiveOrDeletedPacks.groovy";
    /** Which state the catalog's producer and stubs start in, and the stubs' WireMock scenario. */
    public static final String STATES = "credits/packs/states.properties";
    /** What the build publishes the OpenAPI document as (see the producer's pom.xml). */
    public static final StubPublisher.Publication PUBLICATION =
            new StubPublisher.Publication("Flashback platform API: credit packs", "1", "credit-packs-api");

    private final Path root;

    private EditedContracts(Path root) {
        this.root = root;
    }

    /**
     * An unedited copy of the fixture's public contracts in {@code work}, without consumers' own
     * (a test about consumers adds the ones it needs).
     */
    public static EditedContracts copy(Path work) {
        Path root = work.resolve("contracts");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = root.resolve(FIXTURE.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EditedContracts(root);
    }

    /**
     * Contracts of other endpoints, written in the shapes of Spring Cloud Contract's samples and
     * reference (query parameters, headers, request bodies with matchers, 201/204/401/404, arrays,
     * text, several contracts in one file) and the buy endpoint ({@code credits/packs/buy}), to be
     * dropped into a contracts folder beside the fixture's.
     */
    public static final Path OTHER_ENDPOINTS = Path.of("src/tools/src/test/resources/endpoints");

    /** The fixture's contracts with every contract of {@link #OTHER_ENDPOINTS} dropped in beside them. */
    public static EditedContracts withOtherEndpoints(Path work) {
        EditedContracts contracts = copy(work);
        try (Stream<Path> files = Files.walk(OTHER_ENDPOINTS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy =
                        contracts.root.resolve(OTHER_ENDPOINTS.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contracts;
    }

    /** An empty contracts folder in {@code work}, for a tree a test writes from nothing. */
    public static EditedContracts empty(Path work) {
        Path root = work.resolve("contracts");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EditedContracts(root);
    }

    /** The contracts folder a test wrote before. */
    public static EditedContracts at(Path root) {
        return new EditedContracts(root);
    }

    public Path root() {
        return root;
    }

    /** Applies {@code change} to one contract file; fails the test if the edit no longer applies. */
    public EditedContracts edit(String contract, UnaryOperator<String> change) {
        Path file = root.resolve(contract);
        try {
            String before = Files.readString(file);
            String after = change.apply(before);
            assertThat(after).as("the edit applies to " + contract).isNotEqualTo(before);
            Files.writeString(file, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public EditedContracts write(String contract, String text) {
        Path file = root.resolve(contract);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public EditedContracts delete(String contract) {
        try {
            Files.delete(root.resolve(contract));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public String read(String contract) {
        try {
            return Files.readString(root.resolve(contract));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Published as the build publishes, into {@code folder}. */
    public PublishedStubs publishTo(Path folder) {
        StubPublisher.publish(root, PUBLICATION).files().forEach((relative, text) -> {
            try {
                Path file = folder.resolve(relative);
                Files.createDirectories(file.getParent());
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return PublishedStubs.read(folder);
    }

    /**
     * Edits a stub of a published folder in place, as a hand or an older tool might have published
     * it: how a test makes a version the publisher itself would refuse (a stub another one shadows).
     */
    public static void editStub(
            Path published, String mapping, java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> edit) {
        copyStub(published, mapping, mapping, edit);
    }

    /** Adds a stub to a published folder: a copy of {@code from}, edited. */
    public static void copyStub(
            Path published,
            String from,
            String to,
            java.util.function.Consumer<tools.jackson.databind.node.ObjectNode> edit) {
        tools.jackson.databind.node.ObjectNode stub = (tools.jackson.databind.node.ObjectNode)
                tech.flashback.creditpacks.tools.published.PublishedJson.read(published.resolve(from));
        edit.accept(stub);
        try {
            Files.createDirectories(published.resolve(to).getParent());
            Files.writeString(
                    published.resolve(to), tech.flashback.creditpacks.tools.published.PublishedJson.pretty(stub));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public contracts' published form committed in {@code stubs/}: what this repository's public contracts publish. */
    public static PublishedStubs committed() {
        return PublishedStubs.read(Path.of("stubs")).publicOnly();
    }

    /**
     * The fixture as published unedited: the released version a test compares an edited copy with.
     */
    public static PublishedStubs unedited() {
        return UNEDITED.get();
    }

    /** {@link #withOtherEndpoints} as published unedited: the released version a test of other endpoints compares with. */
    public static PublishedStubs uneditedWithOtherEndpoints() {
        return UNEDITED_WITH_OTHER_ENDPOINTS.get();
    }

    /*
     * Both published once per test JVM, and only read after: every diff test compares with one of
     * them, and publishing each anew took a second or more of CPU per test. Under target/, one folder
     * per JVM, so parallel test JVMs never share one.
     */
    private static final Supplier<PublishedStubs> UNEDITED =
            once(folder -> copy(folder).publishTo(folder.resolve("stubs")), "unedited");
    private static final Supplier<PublishedStubs> UNEDITED_WITH_OTHER_ENDPOINTS = once(
            folder -> withOtherEndpoints(folder).publishTo(folder.resolve("stubs")), "unedited-with-other-endpoints");

    private static Supplier<PublishedStubs> once(Function<Path, PublishedStubs> publish, String name) {
        return new Supplier<>() {
            private PublishedStubs published;

            @Override
            public synchronized PublishedStubs get() {
                if (published == null) {
                    Path folder = Path.of(
                            "src/tools/target/test-fixtures",
                            ProcessHandle.current().pid() + "-" + name);
                    deleteTree(folder); // a folder left by an earlier build whose JVM had this process id
                    published = publish.apply(folder);
                }
                return published;
            }
        };
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
