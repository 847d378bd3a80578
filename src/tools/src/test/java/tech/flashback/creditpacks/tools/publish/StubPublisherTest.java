package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.contracts.PublishedJson;
import tech.flashback.creditpacks.tools.contracts.PublishedStub;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;

/**
 * The build step that publishes the contracts and keeps {@code stubs/} equal to what they
 * publish: the published form itself, and the staleness check that fails the build.
 */
class StubPublisherTest {

    private static final Path CATALOG_STUB = Path.of("mappings/credits/packs/available/shouldReturnActivePacks.json");

    @TempDir
    Path work;

    @Test
    void publishesAStubPerContractAnsweringInItsStateAndTheSelectorInAnyState() {
        PublishedStubs published = EditedContracts.copy(work).publishTo(work.resolve("published"));

        assertThat(published.scenario()).isEqualTo(EditedContracts.scenario());
        assertThat(published.defaultState()).isEqualTo("available");
        assertThat(published.stubs()).extracting(PublishedStub::contract, PublishedStub::scenarioState, PublishedStub::selector,
                stub -> stub.request().toString()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("shouldReturnActivePacks", "Started", false, "GET /credits/packs"),
                org.assertj.core.groups.Tuple.tuple("shouldReturnNoPacksWhenNoneIsActive", "noactivepacks", false, "GET /credits/packs"),
                org.assertj.core.groups.Tuple.tuple("shouldNeverReturnInactiveOrDeletedPacks", "retiredpacks", false, "GET /credits/packs"),
                org.assertj.core.groups.Tuple.tuple("shouldReturnInternalErrorWhenStoreFails", "storefailure", false, "GET /credits/packs"),
                org.assertj.core.groups.Tuple.tuple("shouldReturnInternalErrorWhenStoreFails", null, true,
                        "GET /credits/packs?simulate=internal-error"));
    }

    @Test
    void aSelectorWidenedToAPatternMatchesByItAndShowsItsValue() {
        Map<Path, String> files = StubPublisher.publish(EditedContracts.copy(work).edit(EditedContracts.FAILURE, text -> text
                .replace("'internal-error'", "[matches: 'internal-error|store-down', example: 'internal-error']")).root(), StubPublisher.Publication.fromSystemProperties());

        JsonNode selector = PublishedJson.MAPPER.readTree(files.get(
                Path.of("mappings/credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.selector.json")));
        assertThat(selector.at("/request/queryParameters/simulate").toString()).isEqualTo("{\"matches\":\"internal-error|store-down\"}");
        assertThat(selector.at("/metadata/contract/request/query/simulate").asString()).isEqualTo("internal-error");
        assertThat(files.get(Path.of("openapi.yaml"))).contains("pattern: ^(?:internal-error|store-down)$");
    }

    @Test
    void theOpenApiParameterAcceptsEverySelectorValueWhenOnlySomeArePatterns() {
        Map<Path, String> files = StubPublisher.publish(EditedContracts.copy(work)
                .edit(EditedContracts.FAILURE, text -> text.replace("'internal-error'",
                        "[matches: 'internal-error|store-down', example: 'internal-error']"))
                .edit(EditedContracts.EMPTY, text -> text.replace("    request {",
                        "    metadata(stubSelector: [queryParameters: [simulate: 'no-packs']])\n    request {"))
                .root(), StubPublisher.Publication.fromSystemProperties());

        JsonNode schema = PublishedJson.MAPPER.readTree(OpenApiDocument.asJson(files.get(Path.of("openapi.yaml"))))
                .at("/paths/~1credits~1packs/get/parameters/0/schema");
        assertThat(schema.at("/anyOf/0/pattern").asString()).isEqualTo("^(?:internal-error|store-down)$");
        assertThat(schema.at("/anyOf/1/enum").toString()).isEqualTo("[\"no-packs\"]");
        assertThat(schema.at("/examples").toString()).isEqualTo("[\"internal-error\",\"no-packs\"]");
    }

    @Test
    void thePublishedFormHasNoRandomIdsNorContractTransformerAndKeepsDecimalsAsWritten() {
        Map<Path, String> files = StubPublisher.publish(EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.90]")).root(),
                StubPublisher.Publication.fromSystemProperties());

        assertThat(PublishedJson.MAPPER.readTree(files.get(CATALOG_STUB)).propertyNames()).doesNotContain("id", "uuid");
        assertThat(files.get(CATALOG_STUB)).doesNotContain("uuid", "transformers", "spring-cloud-contract")
                .startsWith("{\n  \"name\" : \"shouldReturnActivePacks\",\n  \"priority\" : 100,")
                .contains("\"jsonBody\" : {", "\"price\" : 19.90")
                .endsWith("}\n");
    }

    @Test
    void publishingTwiceGivesTheSameBytes() {
        EditedContracts contracts = EditedContracts.copy(work);

        assertThat(StubPublisher.publish(contracts.root(), StubPublisher.Publication.fromSystemProperties()))
                .isEqualTo(StubPublisher.publish(contracts.root(), StubPublisher.Publication.fromSystemProperties()));
    }

    @Test
    void theCommittedStubsAreWhatTheContractsPublish() {
        Map<Path, String> files = StubPublisher.publish(EditedContracts.CONTRACTS, StubPublisher.Publication.fromSystemProperties());

        assertThat(StubPublisher.differences(files, Path.of("stubs"))).isEmpty();
    }

    @Test
    void staleStubsFailNamingTheFileTheLineAndTheRegenerateCommand() throws IOException {
        StubPublisher.Settings settings = settings(false);
        StubPublisher.run(settings(true));
        Path committed = settings.committed().resolve(CATALOG_STUB);
        Files.writeString(committed, Files.readString(committed).replace("\"credits\" : 100", "\"credits\" : 101"));

        assertThatIllegalStateException().isThrownBy(() -> StubPublisher.run(settings))
                .withMessageContaining("differs: " + committed + ":17: the contracts give `\"credits\" : 100,`,"
                        + " the file has `\"credits\" : 101,`")
                .withMessageContaining(StubPublisher.REGENERATE_COMMAND);
    }

    @Test
    void aCarriageReturnIsShownWhereItMakesTheDifference() throws IOException {
        StubPublisher.run(settings(true));
        Path committed = settings(false).committed().resolve(CATALOG_STUB);
        Files.writeString(committed, Files.readString(committed).replace("\n", "\r\n"));

        assertThatIllegalStateException().isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining(committed + ":1: the contracts give `{`, the file has `{\\r`");
    }

    @Test
    void missingAndOrphanedStubsAndRulesFailToo() throws IOException {
        Path committed = settings(false).committed();
        Path orphan = committed.resolve("rules/credits/packs/retired/shouldReturnRetiredPacks.schema.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{}\n");

        assertThatIllegalStateException().isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining("missing: " + committed.resolve(CATALOG_STUB))
                .withMessageContaining("no contract publishes it any more: " + orphan);
    }

    @Test
    void updateRewritesTheFolderSoTheNextBuildPasses() throws IOException {
        Path orphan = settings(false).committed().resolve("mappings/credits/packs/retired/shouldReturnRetiredPacks.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{}\n");

        assertThat(StubPublisher.run(settings(true))).contains("no contract publishes it any more: " + orphan);
        assertThat(StubPublisher.run(settings(false))).isEmpty();
        assertThat(orphan).doesNotExist();
    }

    @Test
    void aContractDiffPublishesWithoutComparing() throws IOException {
        StubPublisher.Settings unchecked = new StubPublisher.Settings(EditedContracts.copy(work).root(), work.resolve("target"),
                work.resolve("stubs"), StubPublisher.Publication.fromSystemProperties(), false, false, false);

        assertThat(StubPublisher.run(unchecked)).isEmpty();
        assertThat(work.resolve("target").resolve(CATALOG_STUB)).exists();
        assertThat(work.resolve("stubs")).doesNotExist();
    }

    @Test
    void twoContractsWithOneNameAreRefusedNamingBothFiles() {
        EditedContracts twins = EditedContracts.copy(work).edit(EditedContracts.EMPTY,
                text -> text.replace("'shouldReturnNoPacksWhenNoneIsActive'", "'shouldReturnActivePacks'"));

        assertThatIllegalStateException().isThrownBy(() -> twins.publishTo(work.resolve("published")))
                .withMessageContaining("another contract is named shouldReturnActivePacks ("
                        + twins.root().resolve(EditedContracts.CATALOG) + "): every contract needs a name of its own");
    }

    @Test
    void aDefaultStateThatNamesNoFolderIsRefused() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.Publication misspelled = new StubPublisher.Publication(EditedContracts.scenario(), "availble", "title", "1");

        assertThatIllegalStateException().isThrownBy(() -> StubPublisher.publish(contracts.root(), misspelled))
                .withMessage("The stubs' default state availble (stubs.default-state in pom.xml) names no contract folder;"
                        + " the folders are [available, noactivepacks, retiredpacks, storefailure]");
    }

    private StubPublisher.Settings settings(boolean update) {
        Path contracts = work.resolve("contracts");
        if (!Files.isDirectory(contracts)) {
            EditedContracts.copy(work);
        }
        return new StubPublisher.Settings(contracts, work.resolve("target"), work.resolve("stubs"),
                StubPublisher.Publication.fromSystemProperties(), false, update, true);
    }
}
