package tech.flashback.creditpacks.tools.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tech.flashback.creditpacks.tools.publish.StubPublisher;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * This tree's contracts with four consumers' Pact files beside them, exactly as Pact JS wrote them
 * in their own tests (src/tools/src/test/resources/pacts): web-storefront names its provider state
 * after a producer state, mobile-app in its own words mapped by its table, reporting names none,
 * ops-console is a specification 4 pact of the store failure. None of them reads a pack's code. The
 * repository's own consumers are left out, so that these four are the only consumers.
 */
public final class ConsumersPacts {

    static final String[] CONSUMERS = {"web-storefront", "mobile-app", "reporting", "ops-console"};
    private static final Path PACTS = Path.of("src/tools/src/test/resources/pacts");

    private ConsumersPacts() {}

    /** Published into {@code work}, as the build publishes. */
    public static PublishedStubs publishWithThisTreesContracts(Path work) {
        try {
            Path contracts = work.resolve("contracts");
            // The public contracts; the repository's own consumers' are left out, so that these four are the consumers.
            copy(Path.of("contracts"), contracts);
            deleteTree(contracts.resolve("consumers"));
            for (String consumer : CONSUMERS) {
                Path pact =
                        contracts.resolve("consumers").resolve(consumer).resolve(consumer + "-credit-packs-api.json");
                Files.createDirectories(pact.getParent());
                Files.copy(PACTS.resolve(pact.getFileName()), pact);
            }
            Files.writeString(
                    contracts.resolve("consumers/mobile-app/provider-states.properties"),
                    "credit packs exist = available\n");
            Files.writeString(
                    contracts.resolve("consumers/ops-console/provider-states.properties"),
                    "the store is down = storefailure\n");
            StubPublisher.run(new StubPublisher.Settings(
                    contracts,
                    work.resolve("published"),
                    null,
                    new StubPublisher.Publication("pacts", "1"),
                    false,
                    false));
            return PublishedStubs.read(work.resolve("published"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = to.resolve(from.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
