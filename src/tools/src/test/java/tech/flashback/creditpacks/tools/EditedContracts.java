package tech.flashback.creditpacks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import tech.flashback.creditpacks.tools.contracts.PublishedStubs;
import tech.flashback.creditpacks.tools.publish.StubPublisher;

/**
 * A copy of this repository's {@code contracts/} that a test edits the way a contract author
 * would, then publishes exactly as the build does: what a release after that edit would carry.
 */
public final class EditedContracts {

    public static final Path CONTRACTS = Path.of("contracts");
    public static final String CATALOG = "credits/packs/available/shouldReturnActivePacks.groovy";
    public static final String FAILURE = "credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.groovy";
    public static final String EMPTY = "credits/packs/noactivepacks/shouldReturnNoPacksWhenNoneIsActive.groovy";
    public static final String RETIRED = "credits/packs/retiredpacks/shouldNeverReturnInactiveOrDeletedPacks.groovy";

    private final Path root;

    private EditedContracts(Path root) {
        this.root = root;
    }

    /** An unedited copy of the contracts in {@code work}. */
    public static EditedContracts copy(Path work) {
        Path root = work.resolve("contracts");
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = root.resolve(CONTRACTS.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** Published as the build publishes (same scenario, same default state), into {@code folder}. */
    public PublishedStubs publishTo(Path folder) {
        StubPublisher.publish(root, StubPublisher.Publication.fromSystemProperties()).forEach((relative, text) -> {
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

    /** The published form committed in {@code stubs/}: what this tree's contracts publish. */
    public static PublishedStubs committed() {
        return PublishedStubs.read(Path.of("stubs"));
    }

    public static String scenario() {
        return System.getProperty("stubs.scenario");
    }

    public static String defaultState() {
        return System.getProperty("stubs.default-state");
    }
}
