package tech.flashback.creditpacks.contracttests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the published WireMock stubs in {@code stubs/} (generated from the contracts, checked
 * by the build), so tests compare the producer with what consumers are promised instead of
 * repeating the example values.
 */
public final class ContractStubs {

    public static final Path PUBLISHED = Path.of("stubs");

    private ContractStubs() {}

    /** The JSON response body of the stub generated from the contract with this {@code name}. */
    public static JsonNode responseBody(String contractName) {
        return JsonMapper.builder()
                .build()
                .readTree(mapping(contractName).toFile())
                .path("response")
                .path("jsonBody");
    }

    static Path mapping(String contractName) {
        try (Stream<Path> files = Files.walk(PUBLISHED.resolve("mappings"))) {
            return files.filter(file -> file.getFileName().toString().equals(contractName + ".json"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "No stub for contract " + contractName + " under " + PUBLISHED.toAbsolutePath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
