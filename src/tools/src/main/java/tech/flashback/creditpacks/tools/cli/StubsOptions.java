package tech.flashback.creditpacks.tools.cli;

import picocli.CommandLine.Option;
import tech.flashback.creditpacks.tools.ToolProperties;

/** Where published stubs named by Maven coordinates are resolved from. */
final class StubsOptions {

    @Option(
            names = "--repository",
            paramLabel = "URL",
            defaultValue = "${sys:" + ToolProperties.BASELINE_REPOSITORY + "}",
            description =
                    "A Maven repository (https://..., file:///...) to resolve coordinates from, besides the local one"
                            + " (or -D" + ToolProperties.BASELINE_REPOSITORY + ").")
    String repository;

    @Option(
            names = "--artifact",
            paramLabel = "GROUP:ARTIFACT",
            defaultValue = "${sys:" + ToolProperties.STUBS_ARTIFACT + "}",
            description =
                    "The artifact whose stubs jar a bare version (--baseline 1.0.0) names, e.g. tech.flashback:credit-packs-api.")
    String artifact;

    /** A bare version becomes the artifact's stubs jar coordinates; anything else is a folder, a jar or coordinates already. */
    String spec(String given) {
        if (given != null
                && artifact != null
                && !artifact.isBlank()
                && given.matches("[0-9][A-Za-z0-9.+_-]*")
                && !java.nio.file.Files.exists(java.nio.file.Path.of(given))) {
            return artifact + ":" + given + ":stubs";
        }
        return given;
    }

    String repository() {
        return repository == null || repository.isBlank() ? null : repository;
    }
}
