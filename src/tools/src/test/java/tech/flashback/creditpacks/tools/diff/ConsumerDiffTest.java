package tech.flashback.creditpacks.tools.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Change;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Report;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The contract diff with consumers' contracts in the tree: every breaking change names whose
 * contracts it breaks, a change that breaks no contract is not breaking even when it removes a
 * field, and what a consumer stops relying on is said as such.
 */
class ConsumerDiffTest {

    /** What a storefront reads of the catalog: each pack's id and price. */
    private static final String STOREFRONT =
            "consumers/web-storefront/credits/packs/available/shouldListPackPrices.groovy";

    private static final String READS_ID_AND_PRICE = """
            import org.springframework.cloud.contract.spec.Contract

            Contract.make {
                name 'shouldListPackPrices'
                request {
                    method GET()
                    urlPath '/credits/packs'
                }
                response {
                    status OK()
                    headers {
                        contentType(applicationJson())
                    }
                    body(success: true, data: [[id: 'pack-1', name: 'Pack 1', price: 19.99]])
                    bodyMatchers {
                        jsonPath('$.data', byType { minOccurrence(1) })
                        jsonPath('$.data[*].id', byRegex(nonBlank()))
                        jsonPath('$.data[*].name', byRegex(nonBlank()))
                        jsonPath('$.data[*].price', byRegex(number()))
                    }
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void aFieldOnlyThePublicContractHoldsBreaksThePublicContractAndNoConsumer() {
        Report report = diff(
                withStorefront("before"),
                withStorefront("after")
                        .edit(
                                EditedContracts.CATALOG,
                                text -> text.replace(" code: 'PACK_1',", "")
                                        .replace(" code: 'PACK_2',", "")
                                        .replace(" code: 'PACK_3',", "")
                                        .replace("            jsonPath('$.data[*].code', byRegex(nonBlank()))\n", "")));

        assertThat(report.broken()).containsExactly("public contract");
        assertThat(report.changes())
                .filteredOn(change -> change.kind() == Kind.BREAKING)
                .extracting(Change::contract)
                .containsOnly("shouldReturnActivePacks");
        assertThat(report.render()).endsWith("consumers built against 1.0.0 would break (public contract)\n");
    }

    @Test
    void aRenamedPriceBreaksEveryConsumerThatReadsItNamingEach() {
        Report report = diff(
                withStorefront("before"),
                withStorefront("after")
                        .edit(
                                EditedContracts.CATALOG,
                                text -> text.replace("price: 19.99]", "amount: 19.99]")
                                        .replace("price: 49.99]", "amount: 49.99]")
                                        .replace("price: 99.99]", "amount: 99.99]")
                                        .replace("$.data[*].price", "$.data[*].amount")));

        assertThat(report.broken()).containsExactly("public contract", "web-storefront");
        assertThat(report.changes())
                .filteredOn(change ->
                        change.kind() == Kind.BREAKING && change.consumers().contains("web-storefront"))
                .singleElement()
                .satisfies(change -> assertThat(change.what())
                        .startsWith("GET /credits/packs in state available: now"
                                + " answered by shouldReturnActivePacks with 200, which breaks what web-storefront relies on:\n"
                                + "$.data[0].price: expected a value (the field is required)"));
    }

    @Test
    void aFieldNoConsumerReadsAnyMoreIsNotBreakingAndTheReportSaysNobodyReliesOnIt() {
        Path baseline = work.resolve("before");
        Path candidate = work.resolve("after");
        consumersOnly(baseline, READS_ID_AND_PRICE);
        consumersOnly(
                candidate,
                READS_ID_AND_PRICE
                        .replace("name: 'Pack 1', ", "")
                        .replace("            jsonPath('$.data[*].name'," + " byRegex(nonBlank()))\n", ""));

        Report report = ContractDiff.compare("1.0.0", publish(baseline), "working tree", publish(candidate));

        assertThat(report.verdict()).as(report.render()).isEqualTo(Kind.ADDITIVE);
        assertThat(report.broken()).isEmpty();
        assertThat(report.changes())
                .extracting(Change::what)
                .contains(
                        "response $.data[*].name: web-storefront no longer relies on it",
                        "response $.data[*].name in state available: no contract relies on it any more (web-storefront did), so the"
                                + " producer may stop sending it");
    }

    @Test
    void aConsumerThatRemovesItsContractReliesOnLessWhichBreaksNobody() {
        Report report = diff(withStorefront("before"), EditedContracts.copy(work.resolve("after")));

        assertThat(report.verdict()).isEqualTo(Kind.ADDITIVE);
        assertThat(report.changes())
                .extracting(Change::contract, Change::what)
                .contains(org.assertj.core.groups.Tuple.tuple(
                        "web-storefront: shouldListPackPrices", "removed: web-storefront no longer relies on it"));
    }

    private EditedContracts withStorefront(String folder) {
        return EditedContracts.copy(work.resolve(folder)).write(STOREFRONT, READS_ID_AND_PRICE);
    }

    /** A tree holding only one consumer's contract, for an endpoint no public contract describes. */
    private static void consumersOnly(Path folder, String contract) {
        EditedContracts.empty(folder).write(STOREFRONT, contract);
    }

    private static PublishedStubs publish(Path folder) {
        return EditedContracts.at(folder.resolve("contracts")).publishTo(folder.resolve("published"));
    }

    private Report diff(EditedContracts baseline, EditedContracts candidate) {
        return ContractDiff.compare(
                "1.0.0",
                baseline.publishTo(work.resolve("published-before")),
                "working tree",
                candidate.publishTo(work.resolve("published-after")));
    }
}
