package tech.flashback.creditpacks.tools.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Change;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Report;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The contract diff on the other endpoints' contracts: request bodies, request matchers judged by
 * the requests they accept (not only each stub's example request), renamed states and moved
 * contracts. The baseline is the fixture tree as published; each candidate is one edit of it.
 */
class OtherEndpointsDiffTest {

    private static final String CHECKOUT = "credits/packs/buy/purchasable/shouldStartACheckoutForAnActivePack.groovy";
    private static final String UNKNOWN = "credits/packs/buy/purchasable/shouldReturnNotFoundForAnUnknownPack.groovy";
    private static final String DOWN =
            "credits/packs/buy/checkoutdown/shouldReturnServiceUnavailableWhenCheckoutIsDown.groovy";
    private static final String ORDERS = "orders/anyorder/shouldReturnTheOrdersOfTheTokensOwner.groovy";
    private static final String UNAUTHORIZED = "orders/anyorder/shouldRejectARequestWithoutAToken.groovy";
    private static final String LOAN = "loans/open/shouldCreateALoanApplication.groovy";
    private static final String DELETE = "loans/open/shouldDeleteALoanApplication.groovy";

    @TempDir
    Path work;

    @Test
    void theSameContractsChangeNothing() {
        Report report = diff(contracts -> {});

        assertThat(report.changes()).as(report.render()).isEmpty();
    }

    @Test
    void aRequestBodyFieldMadeRequiredBreaks() {
        Report report = diff(contracts -> contracts.edit(
                CHECKOUT,
                text -> text.replace(
                        "body(packId: $(consumer(regex('pack-[1-3]')), producer('pack-1')))",
                        "body(packId: $(consumer(regex('pack-[1-3]')), producer('pack-1')), quantity: 1)")));

        assertThat(breaking(report, "shouldStartACheckoutForAnActivePack"))
                .contains(
                        "request body $.quantity: now required, so a request 1.0.0 accepted ({\"packId\":\"pack-1\"}) is refused"
                                + " (expected a value (the field is required))");
    }

    @Test
    void aRequestBodyRuleTightenedBreaksNamingAValueNoLongerAccepted() {
        Report report = diff(contracts ->
                contracts.edit(CHECKOUT, text -> text.replace("regex('pack-[1-3]')", "regex('pack-[12]')")));

        assertThat(breaking(report, "shouldStartACheckoutForAnActivePack"))
                .contains(
                        "request body $.packId: a consumer may no longer send the string \"pack-3\", which 1.0.0 accepted (now: expected a"
                                + " string matching ^(?:pack-[12])(?![\\s\\S]))");
    }

    @Test
    void aRequestBodyRuleLoosenedIsAdditive() {
        Report report = diff(contracts ->
                contracts.edit(LOAN, text -> text.replace("byRegex('[A-Z]{3}')", "byRegex('[A-Z]{3,4}')")));

        assertThat(report.breaking()).as(report.render()).isZero();
        assertThat(report.changes()).extracting(Change::kind).containsOnly(Kind.ADDITIVE);
        assertThat(report.changes())
                .extracting(Change::what)
                .anySatisfy(
                        what -> assertThat(what).startsWith("request body $.currency: a consumer may now also send"));
    }

    @Test
    void aMatcherThatNowChecksTheQueryStringBreaksThoughItsExampleRequestIsStillAnswered() {
        Report report = diff(
                contracts -> contracts.edit(UNAUTHORIZED, text -> text.replace("urlPath '/orders'", "url '/orders'")));

        assertThat(breaking(report, "shouldRejectARequestWithoutAToken"))
                .containsExactly(
                        "GET /orders?unexpected=1 in state anyorder: no stub answers it any more (the stubs answer 404)");
    }

    @Test
    void aMatcherThatNowChecksAHeaderItIgnoredBeforeBreaks() {
        Report report = diff(contracts -> contracts.edit(
                DELETE,
                text -> text.replace(
                        "url '/loans/42'",
                        "url '/loans/42'\n        headers {\n            header('X-Api-Version', '2')\n        }")));

        assertThat(breaking(report, "shouldDeleteALoanApplication"))
                .containsExactly("DELETE /loans/42 in state open: no stub answers it any more (the stubs answer 404)");
    }

    @Test
    void aMatcherThatNowChecksABodyItIgnoredBeforeBreaks() {
        Report report = diff(contracts -> contracts.edit(
                ORDERS, text -> text.replace("urlPath '/orders'\n", "urlPath '/orders'\n        body(page: 1)\n")));

        assertThat(breaking(report, "shouldReturnTheOrdersOfTheTokensOwner"))
                .containsExactly(
                        "GET /orders [Authorization: Bearer abc.def.ghi, X-Request-Id: 0badcafe] in state anyorder: now answered by"
                                + " shouldRejectARequestWithoutAToken with 401, which breaks the old rules:\nstatus: expected 200, got 401\n"
                                + "$.orders: expected a value (the field is required), got no such field (fields: error)");
    }

    @Test
    void aBodyTheOldStubTookWhateverItWasIsJudgedByTheRequestsItTook() {
        // As a stub published before an empty JSON body was held to its rules: it answered any body.
        Path baseline = work.resolve("published-baseline");
        EditedContracts.withOtherEndpoints(work.resolve("baseline")).publishTo(baseline);
        EditedContracts.editStub(
                baseline,
                "mappings/credits/packs/buy/purchasable/shouldReturnBadRequestWithoutAPackId.json",
                stub -> stub.withObject("request").remove("bodyPatterns"));

        Report report = ContractDiff.compare(
                "1.0.0",
                PublishedStubs.read(baseline),
                "working tree",
                EditedContracts.withOtherEndpoints(work.resolve("candidate"))
                        .publishTo(work.resolve("published-candidate")));

        assertThat(breaking(report, "shouldReturnBadRequestWithoutAPackId"))
                .containsExactly(
                        "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] in state purchasable: no stub"
                                + " answers it any more (the stubs answer 404)");
    }

    @Test
    void aRenamedDefaultStateIsReportedAndAStateStubUsersSwitchToBreaks() {
        Report report = diff(contracts -> {
            for (String contract : List.of(
                    CHECKOUT, UNKNOWN, "credits/packs/buy/purchasable/shouldReturnBadRequestWithoutAPackId.groovy")) {
                String text = contracts.read(contract);
                contracts.delete(contract).write(contract.replace("/purchasable/", "/onsale/"), text);
            }
            String down = contracts.read(DOWN);
            contracts.delete(DOWN).write(DOWN.replace("/checkoutdown/", "/paymentdown/"), down);
            contracts.edit(
                    "credits/packs/buy/states.properties",
                    text -> text.replace("default=purchasable", "default=onsale"));
        });

        assertThat(report.changes())
                .contains(
                        new Change(
                                "(states)",
                                Kind.ADDITIVE,
                                "state purchasable of the scenario credit-packs-buy renamed to onsale: stub"
                                        + " users reach it as before (the scenario's Started state); a producer's state hook is now asked to set up onsale"),
                        new Change(
                                "shouldReturnServiceUnavailableWhenCheckoutIsDown",
                                Kind.BREAKING,
                                "state checkoutdown: renamed to paymentdown,"
                                        + " so stub users who switch the scenario credit-packs-buy to checkoutdown get an error; a producer's state hook"
                                        + " is now asked to set up paymentdown"));
        assertThat(report.changes())
                .extracting(Change::what)
                .noneMatch(what -> what.startsWith("state onsale added") || what.startsWith("state paymentdown added"));
        // Stub users break, but no consumer's contract does: the summary names nobody rather than an empty list.
        assertThat(report.broken()).isEmpty();
        assertThat(report.render()).endsWith(": consumers built against 1.0.0 would break\n");
    }

    @Test
    void aContractMovedIntoASubfolderOfItsStateIsReported() {
        Report report = diff(contracts -> {
            String text = contracts.read(UNKNOWN);
            contracts.delete(UNKNOWN).write(UNKNOWN.replace("/purchasable/", "/purchasable/errors/"), text);
        });

        assertThat(report.changes())
                .containsExactly(
                        new Change(
                                "shouldReturnNotFoundForAnUnknownPack",
                                Kind.ADDITIVE,
                                "moved within its state: its stub is now mappings/credits/packs/buy/purchasable/errors/shouldReturnNotFoundForAnUnknownPack.json"
                                        + " (was mappings/credits/packs/buy/purchasable/shouldReturnNotFoundForAnUnknownPack.json), its rules beside it"));
    }

    private Report diff(java.util.function.Consumer<EditedContracts> edit) {
        PublishedStubs baseline = EditedContracts.uneditedWithOtherEndpoints();
        EditedContracts candidate = EditedContracts.withOtherEndpoints(work.resolve("candidate"));
        edit.accept(candidate);
        return ContractDiff.compare(
                "1.0.0", baseline, "working tree", candidate.publishTo(work.resolve("published-candidate")));
    }

    private static List<String> breaking(Report report, String contract) {
        return report.changes().stream()
                .filter(change ->
                        change.kind() == Kind.BREAKING && change.contract().equals(contract))
                .map(Change::what)
                .toList();
    }
}
