package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cloud.contract.verifier.config.TestFramework;
import org.springframework.cloud.contract.verifier.config.TestMode;
import tech.flashback.creditpacks.tools.EditedContracts;

/**
 * The build's publish step as a contract author's loop runs it, with its record of the last run:
 * nothing changed is no work and no file touched; an edit is published, its test regenerated, and
 * only the files whose content it changes are written; and nothing a failed run or a hand left
 * behind is ever taken for up to date.
 */
class PublishingWhatChangedTest {

    private static final String CATALOG_STUB = "mappings/credits/packs/available/shouldReturnActivePacks.json";
    private static final String CATALOG_TEST =
            "tech/flashback/creditpacks/contracttests/credits/packs/AvailableTest.java";
    /** Before any run of a test: a file with this time was not written since. */
    private static final FileTime LONG_AGO = FileTime.fromMillis(86_400_000L);

    @TempDir
    Path work;

    @Test
    void anUnchangedTreeIsNoWorkAndTouchesNoFile() {
        EditedContracts contracts = EditedContracts.copy(work);
        assertThat(StubPublisher.run(settings(contracts, true)).run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        backdateEveryOutput();

        StubPublisher.Outcome again = StubPublisher.run(settings(contracts, true));

        assertThat(again.run()).isEqualTo(StubPublisher.Run.UP_TO_DATE);
        assertThat(again.updated()).isEmpty();
        assertThat(writtenSinceBackdated()).isEmpty();
        assertThat(StubPublisher.run(settings(contracts, false)).run())
                .as("a check of what an update left")
                .isEqualTo(StubPublisher.Run.UP_TO_DATE);
    }

    @Test
    void anEditedValueIsPublishedAndOnlyTheFilesItChangesAreWritten() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        backdateEveryOutput();
        contracts.edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.49]"));

        StubPublisher.Outcome edited = StubPublisher.run(settings(contracts, true));

        assertThat(edited.run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        assertThat(edited.updated())
                .containsExactlyInAnyOrder(
                        "differs: " + committed().resolve(CATALOG_STUB)
                                + ":18: the contracts give `\"price\" : 19.49`, the file has `\"price\" : 19.99`",
                        "differs: " + committed().resolve("openapi.yaml")
                                + ":92: the contracts give `price: 19.49`, the file has `price: 19.99`",
                        "differs: " + committed().resolve("pacts/public-contract-credit-packs-api.json")
                                + ":37: the contracts give `\"price\" : 19.49`, the file has `\"price\" : 19.99`");
        assertThat(writtenSinceBackdated())
                .containsExactlyInAnyOrder(
                        "published/" + CATALOG_STUB,
                        "published/openapi.json",
                        "published/pacts/public-contract-credit-packs-api.json",
                        "published/contracts/" + EditedContracts.CATALOG,
                        "stubs/" + CATALOG_STUB,
                        "stubs/openapi.yaml",
                        "stubs/pacts/public-contract-credit-packs-api.json");
        assertThat(committed().resolve(CATALOG_STUB)).content().contains("\"price\" : 19.49");
        assertThat(StubPublisher.run(settings(contracts, false)).run()).isEqualTo(StubPublisher.Run.UP_TO_DATE);
    }

    @Test
    void anEditOfWhatATestChecksRewritesThatTestAlone() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        String before = read(tests().resolve(CATALOG_TEST));
        backdateEveryOutput();
        contracts.edit(
                EditedContracts.CATALOG,
                text -> text.replace("byType { minOccurrence(1) }", "byType { minOccurrence(2) }"));

        StubPublisher.run(settings(contracts, true));

        assertThat(writtenSinceBackdated())
                .filteredOn(file -> file.startsWith("tests/"))
                .containsExactly("tests/" + CATALOG_TEST);
        assertThat(read(tests().resolve(CATALOG_TEST)))
                .isEqualTo(before.replace(".hasSizeGreaterThanOrEqualTo(1)", ".hasSizeGreaterThanOrEqualTo(2)"));
    }

    @Test
    void anEditUndoneIsPublishedBackByteForByte() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        String stub = read(committed().resolve(CATALOG_STUB));
        String test = read(tests().resolve(CATALOG_TEST));
        String original = contracts.read(EditedContracts.CATALOG);
        contracts.edit(
                EditedContracts.CATALOG,
                text -> text.replace("byType { minOccurrence(1) }", "byType { minOccurrence(2) }")
                        .replace("price: 19.99]", "price: 19.49]"));
        StubPublisher.run(settings(contracts, true));

        contracts.write(EditedContracts.CATALOG, original);
        StubPublisher.run(settings(contracts, true));

        assertThat(read(committed().resolve(CATALOG_STUB))).isEqualTo(stub);
        assertThat(read(tests().resolve(CATALOG_TEST))).isEqualTo(test);
    }

    @Test
    void aDeletedContractTakesItsStubAndItsTestAway() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));

        contracts.delete(EditedContracts.RETIRED);
        StubPublisher.run(settings(contracts, true));

        assertThat(committed().resolve("mappings/credits/packs/retiredpacks")).doesNotExist();
        assertThat(work.resolve("published/mappings/credits/packs/retiredpacks"))
                .doesNotExist();
        assertThat(tests().resolve("tech/flashback/creditpacks/contracttests/credits/packs/RetiredpacksTest.java"))
                .doesNotExist();
        assertThat(tests().resolve(CATALOG_TEST)).exists();
    }

    @Test
    void staleStubsFailEveryCheckNotOnlyTheFirst() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        contracts.edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.49]"));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(contracts, false)))
                .withMessageContaining("differs: " + committed().resolve(CATALOG_STUB));
        assertThatIllegalStateException()
                .as("the same tree, checked again")
                .isThrownBy(() -> StubPublisher.run(settings(contracts, false)))
                .withMessageContaining("differs: " + committed().resolve(CATALOG_STUB));
    }

    @Test
    void aContractGroovyCannotReadIsNamedByThePublicationWhileItsTestsAreGeneratedBeside() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        contracts.edit(EditedContracts.CATALOG, text -> text.replace("    priority 100\n", "    priority 100 +\n"));

        for (int run = 0; run < 2; run++) {
            assertThatIllegalStateException()
                    .isThrownBy(() -> StubPublisher.run(settings(contracts, true)))
                    .withMessageStartingWith("The contracts cannot be published:\n  "
                            + contracts.root().resolve(EditedContracts.CATALOG))
                    .withMessageContaining("Spring Cloud Contract cannot read it as a contract");
        }
        assertThat(record()).as("nothing recorded as up to date").doesNotExist();
    }

    @Test
    void aStubEditedByHandAfterAPassingCheckFailsTheNextCheck() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Path stub = committed().resolve(CATALOG_STUB);
        Files.writeString(stub, read(stub).replace("\"credits\" : 100", "\"credits\" : 101"));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(contracts, false)))
                .withMessageContaining("differs: " + stub
                        + ":17: the contracts give `\"credits\" : 100,`, the file has `\"credits\" : 101,`");
    }

    @Test
    void aFileDroppedIntoTheCommittedCopyFailsTheNextCheckAndIsLeftInPlace() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Path notes = committed().resolve("NOTES.txt");
        Files.writeString(notes, "why the stubs look the way they do\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(contracts, false)))
                .withMessageContaining(notes + " (not written by the build");
        assertThat(notes).hasContent("why the stubs look the way they do");
    }

    @Test
    void aGeneratedTestDeletedOrEditedBehindTheBuildsBackIsWrittenAgain() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Path test = tests().resolve(CATALOG_TEST);
        String generated = read(test);

        Files.writeString(test, generated.replace("isEqualTo(200)", "isEqualTo(201)"));
        assertThat(StubPublisher.run(settings(contracts, false)).run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        assertThat(test).hasContent(generated);

        Files.delete(test);
        assertThat(StubPublisher.run(settings(contracts, false)).run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        assertThat(test).hasContent(generated);
    }

    @Test
    void aFileOfSomeoneElsesInTheTestsFolderIsRefusedAndLeftInPlace() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Path mine = tests().resolve("tech/flashback/creditpacks/contracttests/MyOwnTest.java");
        Files.writeString(mine, "class MyOwnTest {}\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(contracts, false)))
                .withMessageStartingWith("Cannot publish into " + tests() + ": it holds files no publication wrote"
                        + " ([tech/flashback/creditpacks/contracttests/MyOwnTest.java])");
        assertThat(mine).hasContent("class MyOwnTest {}");
    }

    @Test
    void otherSettingsAreAnotherPublication() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        StubPublisher.Settings retitled = new StubPublisher.Settings(
                contracts.root(),
                work.resolve("published"),
                committed(),
                new StubPublisher.Publication("Another title", "1", "credit-packs-api"),
                true,
                true,
                contractTests(),
                record());

        StubPublisher.Outcome outcome = StubPublisher.run(retitled);

        assertThat(outcome.run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        assertThat(outcome.updated())
                .containsExactly(
                        "differs: " + committed().resolve("openapi.yaml")
                                + ":3: the contracts give `title: \"Another title\"`, the file has `title: \"Flashback platform API: credit packs\"`");
    }

    @Test
    void aRecordThatCannotBeReadIsAFullRun() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Files.writeString(record(), "{ cut short");

        assertThat(StubPublisher.run(settings(contracts, false)).run()).isEqualTo(StubPublisher.Run.PUBLISHED);
        assertThat(StubPublisher.run(settings(contracts, false)).run()).isEqualTo(StubPublisher.Run.UP_TO_DATE);
    }

    @Test
    void theTestsAreSpringCloudContractsOwnOneClassPerContractFolder() {
        StubPublisher.run(settings(EditedContracts.copy(work), true));

        assertThat(PublishedFiles.under(tests()).stream()
                        .map(file -> tests().relativize(file).toString()))
                .containsExactlyInAnyOrder(
                        ".publication",
                        CATALOG_TEST,
                        "tech/flashback/creditpacks/contracttests/credits/packs/NoactivepacksTest.java",
                        "tech/flashback/creditpacks/contracttests/credits/packs/RetiredpacksTest.java",
                        "tech/flashback/creditpacks/contracttests/credits/packs/StorefailureTest.java");
        assertThat(read(tests().resolve(CATALOG_TEST)))
                .startsWith(
                        "package tech.flashback.creditpacks.contracttests.credits.packs;\n\nimport tech.flashback.creditpacks.contracttests.ContractBase;\n")
                .contains(
                        "public class AvailableTest extends ContractBase {",
                        "public void validate_shouldReturnActivePacks() throws Exception {");
    }

    @Test
    void anEditPublishedOverTheRecordGivesTheBytesOfAPublicationFromScratch() {
        EditedContracts contracts = EditedContracts.withOtherEndpoints(work)
                .write(ConsumerContractsTest.STOREFRONT, ConsumerContractsTest.STOREFRONT_CATALOG);
        StubPublisher.run(settings(contracts, true));
        contracts.edit(
                EditedContracts.CATALOG,
                text -> text.replace("byType { minOccurrence(1) }", "byType { minOccurrence(2) }")
                        .replace("price: 19.99]", "price: 19.49]"));
        contracts.edit(
                ConsumerContractsTest.STOREFRONT,
                text -> text.replace("number()", "positiveInt()").replace("19.99", "20"));
        StubPublisher.run(settings(contracts, true));

        Path scratch = work.resolve("scratch");
        EditedContracts same = EditedContracts.withOtherEndpoints(scratch);
        PublishedFiles.under(contracts.root())
                .forEach(file -> same.write(contracts.root().relativize(file).toString(), read(file)));
        StubPublisher.run(new StubPublisher.Settings(
                same.root(),
                scratch.resolve("published"),
                scratch.resolve("stubs"),
                EditedContracts.PUBLICATION,
                true,
                true,
                new ContractTests(
                        scratch.resolve("tests"),
                        "tech.flashback.creditpacks.contracttests",
                        "tech.flashback.creditpacks.contracttests.ContractBase",
                        TestFramework.JUNIT5,
                        TestMode.MOCKMVC),
                null));

        for (String folder : new String[] {"published", "stubs", "tests"}) {
            assertThat(contents(work.resolve(folder))).as(folder).isEqualTo(contents(scratch.resolve(folder)));
        }
        assertThat(read(committed().resolve(CATALOG_STUB))).contains("\"price\" : 19.49");
        assertThat(read(tests().resolve(CATALOG_TEST))).contains(".hasSizeGreaterThanOrEqualTo(2)");
    }

    @Test
    void afterAnEditOfOneContractTheRecordHandsOverTheOthersAndItsFolderAloneHasTestsToGenerate() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        contracts.edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.49]"));

        StubPublisher.Earlier earlier = earlier(contracts);

        assertThat(earlier.publications().keySet())
                .containsExactlyInAnyOrder(
                        Path.of(EditedContracts.EMPTY),
                        Path.of(EditedContracts.FAILURE),
                        Path.of(EditedContracts.RETIRED));
        assertThat(earlier.publications().get(Path.of(EditedContracts.EMPTY)).published())
                .extracting(PublishedContract::name)
                .containsExactly("shouldReturnNoPacksWhenNoneIsActive");
        assertThat(earlier.changedFolders()).containsExactly(Path.of("credits/packs/available"));
    }

    @Test
    void aContractAddedOrAnotherFileOfTheTreeEditedHandsOverNothing() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));

        contracts.write(
                "credits/packs/noactivepacks/shouldAlsoAnswerHead.groovy",
                contracts
                        .read(EditedContracts.EMPTY)
                        .replace("'shouldReturnNoPacksWhenNoneIsActive'", "'shouldAlsoAnswerHead'"));
        assertThat(earlier(contracts)).isEqualTo(StubPublisher.Earlier.NONE);

        contracts
                .delete("credits/packs/noactivepacks/shouldAlsoAnswerHead.groovy")
                .edit("credits/packs/README.md", text -> text + "\nMore.\n");
        assertThat(earlier(contracts)).isEqualTo(StubPublisher.Earlier.NONE);
    }

    @Test
    void aGeneratedTestChangedBehindTheBuildsBackHasEveryTestGeneratedAgain() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        contracts.edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.49]"));
        Path other = tests().resolve("tech/flashback/creditpacks/contracttests/credits/packs/StorefailureTest.java");
        String generated = read(other);
        Files.writeString(other, generated.replace("isEqualTo(500)", "isEqualTo(501)"));

        assertThat(earlier(contracts).changedFolders()).isNull();
        StubPublisher.run(settings(contracts, true));
        assertThat(other).hasContent(generated);
    }

    @Test
    void theTestsOfSomeFoldersAreTheirsAsAllFoldersTestsHaveThem() {
        EditedContracts contracts = EditedContracts.withOtherEndpoints(work)
                .write(ConsumerContractsTest.STOREFRONT, ConsumerContractsTest.STOREFRONT_CATALOG);

        Map<Path, String> all = contractTests().generate(contracts.root(), null);
        Map<Path, String> some = contractTests()
                .generate(contracts.root(), Set.of(Path.of("credits/packs/available"), Path.of("books/shelved")));

        assertThat(some)
                .containsOnlyKeys(
                        Path.of(CATALOG_TEST),
                        Path.of("tech/flashback/creditpacks/contracttests/books/ShelvedTest.java"),
                        Path.of(
                                "tech/flashback/creditpacks/contracttests/consumers/web_storefront/credits/packs/AvailableTest.java"));
        some.forEach((file, text) -> assertThat(text).as(file.toString()).isEqualTo(all.get(file)));
        assertThat(all).hasSizeGreaterThan(some.size());
    }

    @Test
    void theStubsChecksLookAtTheRequestsNotTheResponses() {
        EditedContracts contracts = EditedContracts.copy(work);
        StubPublisher.run(settings(contracts, true));
        Set<String> checked = LastPublication.read(record()).orElseThrow().checkedViews();

        contracts.edit(EditedContracts.CATALOG, text -> text.replace("price: 19.99]", "price: 19.49]"));
        StubPublisher.run(settings(contracts, true));
        assertThat(LastPublication.read(record()).orElseThrow().checkedViews())
                .as("a response edited: the checks as they passed")
                .isEqualTo(checked);

        contracts.edit(EditedContracts.CATALOG, text -> text.replace("priority 100", "priority 90"));
        StubPublisher.run(settings(contracts, true));
        assertThat(LastPublication.read(record()).orElseThrow().checkedViews())
                .as("a priority edited: checked again")
                .hasSize(1)
                .doesNotContainAnyElementsOf(checked);
    }

    @Test
    void aRequestEditedIntoATieIsRefusedThoughItsStubsPassedTheirChecksBefore() {
        String onSale = "credits/packs/available/shouldListThePacksOnSale.groovy";
        EditedContracts contracts = EditedContracts.copy(work)
                .write(
                        onSale,
                        EditedContracts.copy(work.resolve("original"))
                                .read(EditedContracts.CATALOG)
                                .replace("'shouldReturnActivePacks'", "'shouldListThePacksOnSale'")
                                .replace("urlPath '/credits/packs'", "urlPath '/credits/packs/on-sale'"));
        StubPublisher.run(settings(contracts, true));

        contracts.edit(onSale, text -> text.replace("urlPath '/credits/packs/on-sale'", "urlPath '/credits/packs'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> StubPublisher.run(settings(contracts, true)))
                .withMessageContaining("is also answered by")
                .withMessageContaining("at the same priority 100, so which one answers is WireMock's choice");
    }

    private StubPublisher.Earlier earlier(EditedContracts contracts) {
        StubPublisher.Settings settings = settings(contracts, true);
        return LastPublication.read(record())
                .orElseThrow()
                .earlier(LastPublication.inputs(settings), LastPublication.outputs(settings));
    }

    private static Map<String, String> contents(Path folder) {
        Map<String, String> contents = new TreeMap<>();
        PublishedFiles.under(folder)
                .forEach(file -> contents.put(folder.relativize(file).toString(), read(file)));
        return contents;
    }

    private StubPublisher.Settings settings(EditedContracts contracts, boolean update) {
        return new StubPublisher.Settings(
                contracts.root(),
                work.resolve("published"),
                committed(),
                EditedContracts.PUBLICATION,
                update,
                true,
                contractTests(),
                record());
    }

    private ContractTests contractTests() {
        return new ContractTests(
                tests(),
                "tech.flashback.creditpacks.contracttests",
                "tech.flashback.creditpacks.contracttests.ContractBase",
                TestFramework.JUNIT5,
                TestMode.MOCKMVC);
    }

    private Path committed() {
        return work.resolve("stubs");
    }

    private Path tests() {
        return work.resolve("tests");
    }

    private Path record() {
        return work.resolve("build/last-run.json");
    }

    /** Every file of the three outputs gets a time long past, so that a file written since shows by its time. */
    private void backdateEveryOutput() {
        for (Path folder : outputs()) {
            for (Path file : PublishedFiles.under(folder)) {
                try {
                    Files.setLastModifiedTime(file, LONG_AGO);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The files of the outputs written since {@link #backdateEveryOutput()}, as {@code <folder>/<path>}. */
    private Set<String> writtenSinceBackdated() {
        Set<String> written = new TreeSet<>();
        for (Path folder : outputs()) {
            for (Path file : PublishedFiles.under(folder)) {
                try {
                    if (!Files.getLastModifiedTime(file).equals(LONG_AGO)) {
                        written.add(work.relativize(file).toString());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return written;
    }

    private Path[] outputs() {
        return new Path[] {work.resolve("published"), committed(), tests()};
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
