package tech.flashback.creditpacks.tools.backcompat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.springframework.cloud.contract.stubrunner.StubConfiguration;
import org.springframework.cloud.contract.stubrunner.StubDownloaderBuilderProvider;
import org.springframework.cloud.contract.stubrunner.StubRunnerOptionsBuilder;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;

/**
 * A published version of this artifact's stubs jar, resolved by version with Stub Runner's own
 * resolver (from the local Maven repository, or a remote one) and unpacked: the folder of its
 * published form (mappings, rules, contracts). {@link #cleanUp()} removes what resolving left in
 * the temporary folder.
 */
public final class StubsJar {

    static final String GROUP = "tech.flashback";
    private static final List<Path> UNPACKED = new CopyOnWriteArrayList<>();
    static final String ARTIFACT = "credit-packs-api";

    private StubsJar() {
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary folder.
        }
    }

    /**
     * Removes the unpacked jars. Stub Runner means to do it in a shutdown hook, which cannot run
     * once Maven's exec:java has closed the tools' class loader, so each tool calls this when it
     * is done. (Resolving from a remote repository also leaves Stub Runner's temporary local
     * repository, holding the one jar, in the system's temporary folder; nothing names it.)
     */
    public static void cleanUp() {
        UNPACKED.forEach(StubsJar::deleteTree);
        UNPACKED.clear();
    }

    public static String coordinates(String version) {
        return GROUP + ":" + ARTIFACT + ":" + version + ":stubs";
    }

    /**
     * @param repository a Maven repository URL ({@code https://...} or {@code file:///...}); null
     *                   for the local repository
     */
    public static Path resolve(String version, String repository) {
        StubRunnerOptionsBuilder options = new StubRunnerOptionsBuilder()
                .withStubsMode(repository == null ? StubsMode.LOCAL : StubsMode.REMOTE)
                .withDeleteStubsAfterTest(true);
        if (repository != null) {
            options.withStubRepositoryRoot(repository);
        }
        String where = repository == null ? "the local Maven repository (./mvnw install puts this build's there)" : repository;
        Map.Entry<StubConfiguration, File> unpacked;
        try {
            unpacked = new StubDownloaderBuilderProvider().get(options.build())
                    .downloadAndUnpackStubJar(new StubConfiguration(GROUP, ARTIFACT, version, "stubs"));
        } catch (IllegalArgumentException notFound) {
            // Stub Runner's way of saying that no repository it asked has the jar.
            unpacked = null;
        }
        if (unpacked == null || unpacked.getValue() == null) {
            throw new IllegalStateException("No stubs jar " + coordinates(version) + " in " + where);
        }
        UNPACKED.add(unpacked.getValue().toPath());
        Path published = unpacked.getValue().toPath().resolve("META-INF").resolve(GROUP).resolve(ARTIFACT).resolve(version);
        if (!Files.isDirectory(published)) {
            throw new IllegalStateException("The stubs jar " + coordinates(version) + " has no " + published.getFileName()
                    + " folder under META-INF/" + GROUP + "/" + ARTIFACT);
        }
        return published;
    }
}
