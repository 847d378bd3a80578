package tech.flashback.creditpacks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.flashback.creditpacks.gate.ContractDiff.Change;
import tech.flashback.creditpacks.gate.ContractDiff.Kind;
import tech.flashback.creditpacks.gate.ContractDiff.Report;

/** The breaking-change report between the working tree's contracts and edited copies of them. */
class ContractDiffTest {

    private static final Path CONTRACTS = Path.of("contracts");
    private static final String CATALOG = "credits/packs/available/shouldReturnActivePacks.groovy";
    private static final String FAILURE = "credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.groovy";

    @TempDir
    Path work;

    @Test
    void reportsNothingForTheSameContracts() throws IOException {
        Report report = ContractDiff.compare("old", CONTRACTS, "new", copy(work.resolve("same")));

        assertThat(report.changes()).isEmpty();
        assertThat(report.render()).endsWith("0 breaking, 0 additive\n");
    }

    @Test
    void marksRenamesRetypesAndEnvelopeChangesAsBreakingAndNewFieldsAsAdditive() throws IOException {
        Path edited = copy(work.resolve("edited"));
        edit(edited.resolve(CATALOG), text -> text
                .replace("credits: 100,", "amount: 100,").replace("credits: 500,", "amount: 500,").replace("credits: 1100,", "amount: 1100,")
                .replace("price: 19.99]", "price: '19.99', currency: 'USD']")
                .replace("price: 49.99]", "price: '49.99', currency: 'USD']")
                .replace("price: 99.99]", "price: '99.99', currency: 'USD']"));
        edit(edited.resolve(FAILURE), text -> text
                .replace("status INTERNAL_SERVER_ERROR()", "status SERVICE_UNAVAILABLE()")
                .replace("error_code: 'INTERNAL_ERROR'", "error_code: 'STORE_DOWN'"));

        Report report = ContractDiff.compare("1.0.0", CONTRACTS, "working tree", edited);

        assertThat(report.changes()).containsExactlyInAnyOrder(
                new Change("shouldReturnActivePacks", Kind.BREAKING, "response $.data[*].credits: removed (renamed to $.data[*].amount?)"),
                new Change("shouldReturnActivePacks", Kind.ADDITIVE, "response $.data[*].amount: added (integer)"),
                new Change("shouldReturnActivePacks", Kind.BREAKING, "response $.data[*].price: type number -> string"),
                new Change("shouldReturnActivePacks", Kind.ADDITIVE, "response $.data[*].currency: added (string)"),
                new Change("shouldReturnInternalErrorWhenStoreFails", Kind.BREAKING, "response status: 500 -> 503"),
                new Change("shouldReturnInternalErrorWhenStoreFails", Kind.BREAKING, "response $.error_code: value \"INTERNAL_ERROR\" -> \"STORE_DOWN\""));
        assertThat(report.render()).endsWith("4 breaking, 2 additive: consumers built against 1.0.0 would break\n");
    }

    @Test
    void treatsNewExampleValuesAndANewContractAsAdditive() throws IOException {
        Path edited = copy(work.resolve("examples"));
        edit(edited.resolve(CATALOG), text -> text.replace("price: 19.99]", "price: 17.99]"));
        Files.writeString(edited.resolve("credits/packs/available/shouldReturnPacksForAnyAccept.groovy"),
                Files.readString(edited.resolve(CATALOG)).replace("'shouldReturnActivePacks'", "'shouldReturnPacksForAnyAccept'"));

        Report report = ContractDiff.compare("1.0.0", CONTRACTS, "working tree", edited);

        assertThat(report.breaking()).isZero();
        assertThat(report.changes()).containsExactlyInAnyOrder(
                new Change("shouldReturnActivePacks", Kind.ADDITIVE, "response $.data[*].price: example value 19.99 -> 17.99"),
                new Change("shouldReturnPacksForAnyAccept", Kind.ADDITIVE, "contract added"));
    }

    @Test
    void marksARemovedContractAndAChangedSelectorAsBreaking() throws IOException {
        Path edited = copy(work.resolve("removed"));
        Files.delete(edited.resolve(CATALOG));
        edit(edited.resolve(FAILURE), text -> text.replace("'internal-error'", "'store-failure'"));

        Report report = ContractDiff.compare("1.0.0", CONTRACTS, "working tree", edited);

        assertThat(report.changes()).containsExactlyInAnyOrder(
                new Change("shouldReturnActivePacks", Kind.BREAKING, "contract removed: consumers relying on it lose it"),
                new Change("shouldReturnInternalErrorWhenStoreFails", Kind.BREAKING,
                        "request query parameters: {simulate=internal-error} -> {simulate=store-failure}"));
    }

    @Test
    void marksANewlyRequiredRequestHeaderAndALoosenedResponseCheckAsBreaking() throws IOException {
        Path edited = copy(work.resolve("checks"));
        edit(edited.resolve(CATALOG), text -> text
                .replace("urlPath '/credits/packs'", "urlPath '/credits/packs'\n        headers { header('X-Api-Key', 'consumer-key') }")
                .replace("jsonPath('$.data', byCommand('assertCatalogShape($it)'))", "jsonPath('$.data', byType())"));

        Report report = ContractDiff.compare("1.0.0", CONTRACTS, "working tree", edited);

        assertThat(report.changes()).containsExactlyInAnyOrder(
                new Change("shouldReturnActivePacks", Kind.BREAKING, "request header x-api-key: now required (consumer-key)"),
                new Change("shouldReturnActivePacks", Kind.BREAKING,
                        "response check on $.data: byCommand(assertCatalogShape($it)) -> byType()"));
    }

    @Test
    void treatsAWholeNumberPriceAsAnExampleButADecimalCreditsAsATypeChange() throws IOException {
        Path edited = copy(work.resolve("whole"));
        edit(edited.resolve(CATALOG), text -> text.replace("price: 19.99]", "price: 20]").replace("credits: 100,", "credits: 100.5,"));

        Report report = ContractDiff.compare("1.0.0", CONTRACTS, "working tree", edited);

        assertThat(report.changes()).containsExactlyInAnyOrder(
                new Change("shouldReturnActivePacks", Kind.ADDITIVE, "response $.data[*].price: example value 19.99 -> 20"),
                new Change("shouldReturnActivePacks", Kind.BREAKING, "response $.data[*].credits: type integer -> number"));
    }

    private static Path copy(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(CONTRACTS.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        return target;
    }

    private static void edit(Path file, UnaryOperator<String> change) throws IOException {
        String before = Files.readString(file);
        String after = change.apply(before);
        assertThat(after).as("the edit applies to " + file).isNotEqualTo(before);
        Files.writeString(file, after);
    }
}
