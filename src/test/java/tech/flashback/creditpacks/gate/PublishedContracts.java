package tech.flashback.creditpacks.gate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.cloud.contract.stubrunner.StubConfiguration;
import org.springframework.cloud.contract.stubrunner.StubDownloaderBuilderProvider;
import org.springframework.cloud.contract.stubrunner.StubRunnerOptionsBuilder;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;

/** The contracts inside a published stubs jar of this artifact, resolved by version with Stub Runner's resolver. */
final class PublishedContracts {

    static final String GROUP = "tech.flashback";
    static final String ARTIFACT = "credit-packs-api";
    /** Beside {@code contracts/} in the jar: the shape rules the 200 contract holds producers to. */
    static final String SHAPE_RULES = "verification/CatalogShape.java";

    private PublishedContracts() {
    }

    static String coordinates(String version) {
        return GROUP + ":" + ARTIFACT + ":" + version + ":stubs";
    }

    /**
     * @param repository a Maven repository URL ({@code https://...} or {@code file:///...}); null
     *                   for the local repository
     * @return the folder of the unpacked jar's contracts
     */
    static Path resolve(String version, String repository) {
        StubRunnerOptionsBuilder options = new StubRunnerOptionsBuilder()
                .withStubsMode(repository == null ? StubsMode.LOCAL : StubsMode.REMOTE);
        if (repository != null) {
            options.withStubRepositoryRoot(repository);
        }
        Map.Entry<StubConfiguration, File> unpacked = new StubDownloaderBuilderProvider().get(options.build())
                .downloadAndUnpackStubJar(new StubConfiguration(GROUP, ARTIFACT, version, "stubs"));
        if (unpacked == null || unpacked.getValue() == null) {
            throw new IllegalStateException("No stubs jar " + coordinates(version) + " in "
                    + (repository == null ? "the local Maven repository" : repository));
        }
        Path contracts = unpacked.getValue().toPath().resolve("META-INF").resolve(GROUP).resolve(ARTIFACT)
                .resolve(version).resolve("contracts");
        if (!Files.isDirectory(contracts)) {
            throw new IllegalStateException("The stubs jar " + coordinates(version) + " carries no contracts (expected " + contracts + ")");
        }
        return contracts;
    }
}
