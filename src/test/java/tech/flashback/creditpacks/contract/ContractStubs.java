package tech.flashback.creditpacks.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the WireMock stubs the build generated from the contracts, so tests compare the producer
 * with what consumers are promised instead of repeating the example values.
 */
public final class ContractStubs {

    private static final Path GENERATED = Path.of("target", "stubs");

    private ContractStubs() {
    }

    /** The response body of the stub generated from the contract with this {@code name}. */
    public static String responseBody(String contractName) {
        Path mapping = mapping(contractName);
        return JsonMapper.builder().build().readTree(mapping.toFile()).path("response").path("body").asString();
    }

    static Path mapping(String contractName) {
        try (Stream<Path> files = Files.walk(GENERATED)) {
            return files.filter(file -> file.getFileName().toString().equals(contractName + ".json"))
                    .filter(file -> file.toString().contains("mappings"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No stub for contract " + contractName
                            + " under " + GENERATED.toAbsolutePath() + "; run the build through ./mvnw"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
