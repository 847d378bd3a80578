package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * The build step that publishes the contracts and keeps {@code stubs/} equal to what they
 * publish: the published form itself, what it refuses and why, and the committed copy it
 * checks and updates without ever touching a file it did not write.
 */
class StubPublisherTest {

    private static final Path CATALOG_STUB = Path.of("mappings/credits/packs/available/shouldReturnActivePacks.json");
    private static final String SELECTOR_STUB =
            "mappings/credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.selector.json";

    @TempDir
    Path work;

    @Test
    void publishesAStubPerContractAnsweringInItsStateAndTheSelectorInAnyState() {
        PublishedStubs published = EditedContracts.copy(work).publishTo(work.resolve("published"));

        assertThat(published.endpoints())
                .extracting(PublishedStubs.Endpoint::scenario, PublishedStubs.Endpoint::defaultState)
                .containsExactly(tuple("credit-packs", "available"));
        assertThat(published.stubs())
                .extracting(
                        PublishedStub::contract,
                        PublishedStub::scenarioState,
                        PublishedStub::selector,
                        stub -> stub.request().toString())
                .containsExactlyInAnyOrder(
                        tuple("shouldReturnActivePacks", "Started", false, "GET /credits/packs"),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", "noactivepacks", false, "GET /credits/packs"),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", "retiredpacks", false, "GET /credits/packs"),
                        tuple("shouldReturnInternalErrorWhenStoreFails", "storefailure", false, "GET /credits/packs"),
                        tuple(
                                "shouldReturnInternalErrorWhenStoreFails",
                                null,
                                true,
                                "GET /credits/packs?simulate=internal-error"));
    }

    @Test
    void aSelectorWidenedToAPatternMatchesByItAndShowsItsValue() {
        Map<Path, String> files = publish(EditedContracts.copy(work)
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace(
                                "'internal-error'",
                                "[matches: 'internal-error|store-down', example: 'internal-error']")));

        JsonNode selector = PublishedJson.MAPPER.readTree(files.get(Path.of(SELECTOR_STUB)));
        assertThat(selector.at("/request/queryParameters/simulate").toString())
                .isEqualTo("{\"matches\":\"internal-error|store-down\"}");
        assertThat(selector.at("/metadata/contract/request/query/simulate").asString())
                .isEqualTo("internal-error");
    }

    @Test
    void thePublishedFormHasNoRandomIdsNorContractTransformerAndKeepsDecimalsAsWritten() {
        Map<Path, String> files = publish(EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.90]")));

        assertThat(PublishedJson.MAPPER.readTree(files.get(CATALOG_STUB)).propertyNames())
                .doesNotContain("id", "uuid");
        assertThat(files.get(CATALOG_STUB))
                .doesNotContain("uuid", "transformers", "spring-cloud-contract")
                .startsWith("{\n  \"name\" : \"shouldReturnActivePacks\",\n  \"priority\" : 100,")
                .contains("\"jsonBody\" : {", "\"price\" : 19.90")
                .endsWith("}\n");
    }

    @Test
    void publishingTwiceGivesTheSameBytes() {
        EditedContracts contracts = EditedContracts.copy(work);

        assertThat(publish(contracts)).isEqualTo(publish(contracts));
    }

    @Test
    void theCommittedStubsAreWhatTheContractsPublish() {
        Map<Path, String> files = StubPublisher.publish(EditedContracts.CONTRACTS, EditedContracts.PUBLICATION)
                .files();

        assertThat(new CommittedCopy(Path.of("stubs")).compare(files).upToDate())
                .isTrue();
    }

    @Test
    void staleStubsFailNamingTheFileTheLineAndTheRegenerateCommand() throws IOException {
        StubPublisher.run(settings(true));
        Path committed = settings(false).committed().resolve(CATALOG_STUB);
        Files.writeString(committed, Files.readString(committed).replace("\"credits\" : 100", "\"credits\" : 101"));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining("differs: " + committed + ":17: the contracts give `\"credits\" : 100,`,"
                        + " the file has `\"credits\" : 101,`")
                .withMessageContaining(StubPublisher.REGENERATE_COMMAND);
    }

    @Test
    void aCarriageReturnIsShownWhereItMakesTheDifference() throws IOException {
        StubPublisher.run(settings(true));
        Path committed = settings(false).committed().resolve(CATALOG_STUB);
        Files.writeString(committed, Files.readString(committed).replace("\n", "\r\n"));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining(committed + ":1: the contracts give `{`, the file has `{\\r`");
    }

    @Test
    void missingStubsAndStubsNoContractPublishesAnyMoreFailToo() throws IOException {
        StubPublisher.run(settings(true));
        Path committed = settings(false).committed();
        Path orphan = committed.resolve("rules/credits/packs/retired/shouldReturnRetiredPacks.schema.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(
                orphan,
                "{\"$comment\": \"Generated from contracts/credits/packs/retired/shouldReturnRetiredPacks.groovy\"}\n");
        Files.delete(committed.resolve(CATALOG_STUB));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining("missing: " + committed.resolve(CATALOG_STUB))
                .withMessageContaining("no contract publishes it any more: " + orphan);
    }

    @Test
    void updateRemovesWhatTheBuildWroteAndNoContractPublishesSoTheNextBuildPasses() throws IOException {
        StubPublisher.run(settings(true));
        Path orphan =
                settings(false).committed().resolve("mappings/credits/packs/retired/shouldReturnRetiredPacks.json");
        Files.createDirectories(orphan.getParent());
        Files.writeString(orphan, "{\"metadata\": {\"contract\": {\"name\": \"shouldReturnRetiredPacks\"}}}\n");

        assertThat(StubPublisher.run(settings(true)).updated())
                .contains("no contract publishes it any more: " + orphan);
        assertThat(StubPublisher.run(settings(false)).updated()).isEmpty();
        assertThat(orphan).doesNotExist();
        assertThat(orphan.getParent()).as("the folder it left empty").doesNotExist();
    }

    @Test
    void aFileTheBuildDidNotWriteFailsTheCheckAndTheUpdateLeavesItInPlaceAndSaysSo() throws IOException {
        StubPublisher.run(settings(true));
        Path committed = settings(false).committed();
        Path handmade = committed.resolve("mappings/credits/packs/available/handmade.json");
        String stockMapping =
                "{\"request\": {\"urlPath\": \"/credits/packs/extra\", \"method\": \"GET\"}, \"response\": {\"status\": 204}}\n";
        Files.writeString(handmade, stockMapping);
        Path notes = committed.resolve("rules/NOTES.txt");
        Files.writeString(notes, "why the rules look the way they do\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(false)))
                .withMessageContaining(handmade + " (not written by the build: move it out of " + committed
                        + ", or delete it yourself)")
                .withMessageContaining(notes + " (not written by the build")
                .withMessageContaining("The regeneration never touches a file the build did not write.");
        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(true)))
                .withMessageContaining("holds files the build did not write, which it leaves in place")
                .withMessageContaining(handmade.toString())
                .withMessageContaining(notes.toString());
        assertThat(handmade).hasContent(stockMapping.strip());
        assertThat(notes).hasContent("why the rules look the way they do");
    }

    @Test
    void updateNeverOverwritesAFileOfSomeoneElsesWhereAContractNowPublishes() throws IOException {
        Path committed = settings(false).committed();
        Path mine = committed.resolve(CATALOG_STUB);
        Files.createDirectories(mine.getParent());
        Files.writeString(mine, "{\"request\": {\"urlPath\": \"/credits/packs\"}, \"response\": {\"status\": 200}}\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(true)))
                .withMessageContaining(
                        mine + " (the contracts now publish a file of this name, and this one was not written by"
                                + " the build: move it away)");
        assertThat(mine).content().doesNotContain("metadata");
    }

    @Test
    void publishingAgainReplacesExactlyWhatTheLastPublicationWrote() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.Settings settings = new StubPublisher.Settings(
                contracts.root(), work.resolve("target"), null, EditedContracts.PUBLICATION, false, false);
        StubPublisher.run(settings);
        contracts.delete(EditedContracts.RETIRED);

        StubPublisher.run(settings);

        assertThat(work.resolve("target/mappings/credits/packs/retiredpacks")).doesNotExist();
        assertThat(work.resolve("target").resolve(CATALOG_STUB)).exists();
        assertThat(work.resolve("target/openapi.json")).exists();
        assertThat(work.resolve("target/contracts").resolve(EditedContracts.CATALOG))
                .exists();
    }

    @Test
    void aFolderWithSomeoneElsesFilesIsNeverPublishedInto() throws IOException {
        Path documents = work.resolve("documents");
        Files.createDirectories(documents);
        Files.writeString(documents.resolve("thesis.txt"), "months of work\n");
        StubPublisher.Settings intoDocuments = new StubPublisher.Settings(
                EditedContracts.copy(work).root(), documents, null, EditedContracts.PUBLICATION, false, false);

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(intoDocuments))
                .withMessageStartingWith(
                        "Cannot publish into " + documents + ": it holds files no publication wrote ([thesis.txt])");
        assertThat(documents.resolve("thesis.txt")).hasContent("months of work");
    }

    @Test
    void aContractDiffPublishesWithoutComparing() {
        StubPublisher.Settings unchecked = new StubPublisher.Settings(
                EditedContracts.copy(work).root(),
                work.resolve("target"),
                work.resolve("stubs"),
                EditedContracts.PUBLICATION,
                false,
                false);

        assertThat(StubPublisher.run(unchecked).updated()).isEmpty();
        assertThat(work.resolve("target").resolve(CATALOG_STUB)).exists();
        assertThat(work.resolve("stubs")).doesNotExist();
    }

    @Test
    void twoContractsWithOneNameAreRefusedNamingBothFiles() {
        EditedContracts twins = EditedContracts.copy(work)
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace("'shouldReturnNoPacksWhenNoneIsActive'", "'shouldReturnActivePacks'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(twins))
                .withMessageContaining("another contract is named shouldReturnActivePacks ("
                        + twins.root().resolve(EditedContracts.CATALOG) + "): every contract needs a name of its own");
    }

    @Test
    void aDefaultStateThatNamesNoFolderIsRefusedWithTheStatesThereAre() {
        EditedContracts misspelled = EditedContracts.copy(work)
                .edit(EditedContracts.STATES, text -> text.replace("default=available", "default=availble"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(misspelled))
                .withMessageContaining(
                        misspelled.root().resolve(EditedContracts.STATES) + ": default=availble names no state folder"
                                + " of " + misspelled.root().resolve("credits/packs")
                                + "; its states are available, noactivepacks,"
                                + " retiredpacks, storefailure");
    }

    @Test
    void anEndpointWithSeveralStatesAndNoStatesFileAsksWhereToStart() {
        EditedContracts unsaid = EditedContracts.copy(work).delete(EditedContracts.STATES);

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(unsaid))
                .withMessageContaining(
                        unsaid.root().resolve("credits/packs") + " has the states available, noactivepacks,"
                                + " retiredpacks, storefailure: say which one the producer and the stubs start in, with"
                                + " default=<state> in " + unsaid.root().resolve(EditedContracts.STATES));
    }

    @Test
    void aContractSavedAsGvyIsPublishedAsSpringCloudContractReadsIt() {
        EditedContracts contracts = EditedContracts.copy(work);
        String text = contracts.read(EditedContracts.EMPTY);
        contracts.delete(EditedContracts.EMPTY).write(EditedContracts.EMPTY.replace(".groovy", ".gvy"), text);

        assertThat(publish(contracts))
                .containsKey(Path.of("mappings/credits/packs/noactivepacks/shouldReturnNoPacksWhenNoneIsActive.json"));
    }

    @Test
    void aContractInAnotherOfSpringCloudContractsFormatsIsRefusedNamingTheFile() {
        EditedContracts contracts = EditedContracts.copy(work)
                .write(
                        "credits/packs/available/shouldReturnPacks.yml",
                        "request:\n  method: GET\n  url: /credits/packs\nresponse:\n  status: 200\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(contracts))
                .withMessageContaining(
                        contracts.root().resolve("credits/packs/available/shouldReturnPacks.yml")
                                + ": Spring Cloud Contract reads this file as a contract, and only Groovy contracts are published here");
    }

    @Test
    void anIgnoredContractIsNamedAndNotPublished() {
        EditedContracts contracts = EditedContracts.copy(work)
                .edit(EditedContracts.RETIRED, text -> text.replace("    request {", "    ignored()\n    request {"));

        StubPublisher.Result result = StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION);

        assertThat(result.ignored())
                .containsExactly(contracts.root().resolve(EditedContracts.RETIRED)
                        + " (shouldNeverReturnInactiveOrDeletedPacks)");
        assertThat(result.files().keySet()).noneMatch(file -> file.toString().contains("retiredpacks"));
    }

    @Test
    void aNameWithSpacesAndLettersOfAnyAlphabetIsPublishedUnderAFileNameEveryFileSystemTakes() {
        EditedContracts contracts = EditedContracts.copy(work)
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace(
                                "'shouldReturnNoPacksWhenNoneIsActive'",
                                "'should return no packs when none is active żadne'"));

        Map<Path, String> files = publish(contracts);

        Path stub =
                Path.of("mappings/credits/packs/noactivepacks/should_return_no_packs_when_none_is_active__adne.json");
        assertThat(files).containsKey(stub);
        assertThat(PublishedJson.MAPPER
                        .readTree(files.get(stub))
                        .at("/metadata/contract/name")
                        .asString())
                .isEqualTo("should return no packs when none is active żadne");
    }

    @Test
    void aNameTheGeneratedTestCannotCarryIsRefusedNamingTheLineAndTheCharacters() {
        EditedContracts contracts = EditedContracts.copy(work)
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace(
                                "'shouldReturnNoPacksWhenNoneIsActive'", "'should return no packs: none is active'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(contracts))
                .withMessageContaining(contracts.root().resolve(EditedContracts.EMPTY) + ":"
                        + lineOf(contracts, EditedContracts.EMPTY, "none is active'")
                        + ": the name 'should return no packs: none is active' becomes the generated test's method"
                        + " validate_should_return_no_packs:_none_is_active, which Java cannot compile (':'): name it with letters,"
                        + " digits, spaces, '-', '.' or '_'");
    }

    @Test
    void aNameThatLooksLikeAPathIsRefusedBeforeItNamesAFile() {
        EditedContracts contracts = EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replace("'shouldReturnActivePacks'", "'../../escape'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(contracts))
                .withMessageContaining(
                        "the name '../../escape' becomes the generated test's method validate___/__/escape")
                .withMessageContaining("('/')");
    }

    @Test
    void aStubAnotherStubAlwaysAnswersBeforeIsRefusedNamingBoth() {
        EditedContracts shadowed = EditedContracts.copy(work)
                .write(
                        "credits/packs/available/shouldListThePacksOnSale.groovy",
                        EditedContracts.copy(work.resolve("original"))
                                .read(EditedContracts.CATALOG)
                                .replace("'shouldReturnActivePacks'", "'shouldListThePacksOnSale'")
                                .replace("priority 100", "priority 200"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(shadowed))
                .withMessageContaining(
                        shadowed.root().resolve("credits/packs/available/shouldListThePacksOnSale.groovy")
                                + " (shouldListThePacksOnSale): in state available, its request GET /credits/packs is answered by"
                                + " shouldReturnActivePacks (" + shadowed.root().resolve(EditedContracts.CATALOG)
                                + ") instead, so no stub"
                                + " user ever gets its answer");
    }

    @Test
    void twoStubsAnsweringOneRequestAtOnePriorityAreRefusedAsWireMocksChoice() {
        EditedContracts twins = EditedContracts.copy(work)
                .write(
                        "credits/packs/available/shouldListThePacksOnSale.groovy",
                        EditedContracts.copy(work.resolve("original"))
                                .read(EditedContracts.CATALOG)
                                .replace("'shouldReturnActivePacks'", "'shouldListThePacksOnSale'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(twins))
                .withMessageContaining("is also answered by")
                .withMessageContaining("at the same priority 100, so which one answers is WireMock's choice");
    }

    @Test
    void anExampleRequestItsOwnStubRejectsIsRefusedNamingThePart() {
        EditedContracts odd = EditedContracts.copy(work)
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace(
                                "        urlPath '/credits/packs'",
                                "        urlPath '/credits/packs'\n        headers {\n            header('X-Tenant', $(consumer(notMatching('.{0,2}')),"
                                        + " producer('ab')))\n        }"));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(odd))
                .withMessageContaining("credits/packs/noactivepacks/shouldReturnNoPacksWhenNoneIsActive.groovy")
                .withMessageContaining("its own stub does not match the request its test sends")
                .withMessageContaining("the header X-Tenant (ab) does not match");
    }

    @Test
    void aContractThatIsNotUtf8IsRefusedNamingTheFileAndLine() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        Path file = contracts.root().resolve(EditedContracts.EMPTY);
        Files.write(
                file,
                contracts
                        .read(EditedContracts.EMPTY)
                        .replace("Then it gets 200", "Then it gets 200 (café)")
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(contracts))
                .withMessageContaining(file + ":12: the file is not UTF-8 (the byte 0xE9 is not UTF-8 there")
                .withMessageContaining("save it as UTF-8");
    }

    @Test
    void anOversizedExampleIsRefusedWithWhatToChange() {
        StringBuilder packs = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            packs.append("[id: 'pack-").append(i).append("', name: 'Pack', code: 'P', credits: 1, price: 1.0],\n");
        }
        EditedContracts huge = EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replaceFirst("data: \\[\n", "data: [\n" + packs));

        assertThatIllegalStateException()
                .isThrownBy(() -> publish(huge))
                .withMessageContaining(huge.root().resolve(EditedContracts.CATALOG) + ": the file is ")
                .withMessageContaining("keep its example short");
    }

    private Map<Path, String> publish(EditedContracts contracts) {
        return StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION)
                .files();
    }

    private StubPublisher.Settings settings(boolean update) {
        Path contracts = work.resolve("contracts");
        if (!Files.isDirectory(contracts)) {
            EditedContracts.copy(work);
        }
        return new StubPublisher.Settings(
                contracts, work.resolve("target"), work.resolve("stubs"), EditedContracts.PUBLICATION, update, true);
    }

    private static long lineOf(EditedContracts contracts, String file, String text) {
        String content = contracts.read(file);
        return content.substring(0, content.indexOf(text))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }
}
