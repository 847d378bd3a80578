package tech.flashback.creditpacks.tools.backcompat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.cloud.contract.stubrunner.StubConfiguration;
import org.springframework.cloud.contract.stubrunner.StubDownloaderBuilderProvider;
import org.springframework.cloud.contract.stubrunner.StubRunnerOptionsBuilder;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;

/**
 * A published version of this artifact's stubs jar, resolved by version with Stub Runner's own
 * resolver (from the local Maven repository, or a remote one) and unpacked: the folder of its
 * published form (mappings, rules, contracts).
 */
public final class StubsJar {

    static final String GROUP = "tech.flashback";
    static final String ARTIFACT = "credit-packs-api";

    private StubsJar() {
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
                .withStubsMode(repository == null ? StubsMode.LOCAL : StubsMode.REMOTE);
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
        Path published = unpacked.getValue().toPath().resolve("META-INF").resolve(GROUP).resolve(ARTIFACT).resolve(version);
        if (!Files.isDirectory(published)) {
            throw new IllegalStateException("The stubs jar " + coordinates(version) + " has no " + published.getFileName()
                    + " folder under META-INF/" + GROUP + "/" + ARTIFACT);
        }
        return published;
    }
}
