package tech.flashback.creditpacks.stubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step that keeps {@code stubs/} equal to what the contracts generate: the published
 * form, and the staleness check that fails the build (run here on a mapping in Spring Cloud
 * Contract's generated form, random ids and its transformer included).
 */
class PublishedStubsTest {

    private static final String GENERATED = """
            {
              "id" : "%s",
              "request" : {
                "urlPath" : "/credits/packs",
                "method" : "GET"
              },
              "response" : {
                "status" : 200,
                "body" : "{\\"success\\":true,\\"data\\":[{\\"id\\":\\"pack-1\\",\\"credits\\":100,\\"price\\":19.90}]}",
                "headers" : {
                  "Content-Type" : "application/json"
                },
                "transformers" : [ "response-template", "spring-cloud-contract" ]
              },
              "uuid" : "%1$s",
              "priority" : 100
            }
            """;
    private static final Path MAPPING = Path.of("credits/packs/available/shouldReturnActivePacks.json");

    @TempDir
    Path root;
    private Path generated;
    private Path published;

    @BeforeEach
    void generateAsSpringCloudContractDoes() throws IOException {
        generated = root.resolve("generated");
        published = root.resolve("stubs/mappings");
        writeGenerated("0b6a3f4e-1111-4d3c-9f65-7a2d1c3b4e5f");
    }

    @Test
    void publishedFormHasNoRandomIdsNorContractTransformerAndKeepsDecimalsAsWritten() {
        String stub = PublishedStubs.publish(GENERATED.formatted("any-id"), "shouldReturnActivePacks");

        assertThat(stub).doesNotContain("uuid", "any-id", "transformers", "spring-cloud-contract")
                .startsWith("{\n  \"name\" : \"shouldReturnActivePacks\",\n  \"priority\" : 100,")
                .contains("\"jsonBody\" : {", "\"price\" : 19.90")
                .endsWith("}\n");
    }

    @Test
    void anotherBuildWithNewRandomIdsPublishesTheSameBytes() throws IOException {
        PublishedStubs.main(args(true));
        byte[] first = Files.readAllBytes(published.resolve(MAPPING));

        writeGenerated("9f9e8d7c-2222-4b3a-8c1d-0e0f1a2b3c4d");
        PublishedStubs.main(args(false));

        assertThat(Files.readAllBytes(published.resolve(MAPPING))).isEqualTo(first);
    }

    @Test
    void staleStubsFailNamingTheFileTheLineAndTheRegenerateCommand() throws IOException {
        PublishedStubs.main(args(true));
        Path committed = published.resolve(MAPPING);
        Files.writeString(committed, Files.readString(committed).replace("\"credits\" : 100", "\"credits\" : 101"));

        assertThatIllegalStateException().isThrownBy(() -> PublishedStubs.main(args(false)))
                .withMessageContaining("differs: " + committed + ":15: the contracts give `\"credits\" : 100,`,"
                        + " the file has `\"credits\" : 101,`")
                .withMessageContaining(PublishedStubs.REGENERATE_COMMAND);
    }

    @Test
    void aCarriageReturnIsShownWhereItMakesTheDifference() throws IOException {
        PublishedStubs.main(args(true));
        Path committed = published.resolve(MAPPING);
        Files.writeString(committed, Files.readString(committed).replace("\n", "\r\n"));

        assertThatIllegalStateException().isThrownBy(() -> PublishedStubs.main(args(false)))
                .withMessageContaining(committed + ":1: the contracts give `{`, the file has `{\\r`");
    }

    @Test
    void missingAndOrphanedStubsFailToo() throws IOException {
        Path orphan = published.resolve("credits/packs/retired/shouldReturnRetiredPacks.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{}\n");

        assertThatIllegalStateException().isThrownBy(() -> PublishedStubs.main(args(false)))
                .withMessageContaining("missing: " + published.resolve(MAPPING))
                .withMessageContaining("no contract generates it any more: " + orphan);
    }

    @Test
    void updateRewritesTheFolderSoTheNextBuildPasses() throws IOException {
        Path orphan = published.resolve("credits/packs/retired/shouldReturnRetiredPacks.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{}\n");

        PublishedStubs.main(args(true));
        PublishedStubs.main(args(false));

        assertThat(orphan).doesNotExist();
        assertThat(published.resolve(MAPPING)).content().isEqualTo(Files.readString(generated.resolve(MAPPING)));
    }

    @Test
    void noGeneratedMappingsIsAnErrorNotAnEmptyPublication() throws IOException {
        Files.delete(generated.resolve(MAPPING));

        assertThatIllegalStateException().isThrownBy(() -> PublishedStubs.main(args(true)))
                .withMessageContaining("No mappings were generated under " + generated);
    }

    private void writeGenerated(String randomId) throws IOException {
        Path file = generated.resolve(MAPPING);
        Files.createDirectories(file.getParent());
        Files.writeString(file, GENERATED.formatted(randomId));
    }

    private String[] args(boolean update) {
        return new String[] {generated.toString(), published.toString(), String.valueOf(update)};
    }
}
