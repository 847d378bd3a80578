package tech.flashback.creditpacks.tools.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.flashback.creditpacks.TemporaryFolders;
import tech.flashback.creditpacks.tools.publish.StubPublisher;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The tools' own contract tree ({@code src/tools/src/test/resources/catalog}, see the README beside its contracts),
 * published as the build publishes: what the tests that run the verification against imitation
 * producers verify, so the outcomes, their order and the hook's calls they expect stay the
 * fixture's whatever states and contracts {@code contracts/} has. Tests against this repository's
 * producer run this repository's published contracts instead.
 */
final class FixtureStubs {

    private static final Path CONTRACTS = Path.of("src/tools/src/test/resources/catalog");
    private static final StubPublisher.Publication PUBLICATION =
            new StubPublisher.Publication("Flashback platform API: credit packs", "1", "credit-packs-api");

    /** The fixture's four contracts, one per state: available (the default), noactivepacks, retiredpacks, storefailure. */
    static final PublishedStubs PUBLISHED = publish();

    private FixtureStubs() {}

    private static PublishedStubs publish() {
        try {
            Path folder = TemporaryFolders.removedAtExit("fixture-stubs");
            for (var file :
                    StubPublisher.publish(CONTRACTS, PUBLICATION).files().entrySet()) {
                Path written = folder.resolve(file.getKey());
                Files.createDirectories(written.getParent());
                Files.writeString(written, file.getValue());
            }
            return PublishedStubs.read(folder).publicOnly();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
