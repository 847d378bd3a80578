package tech.flashback.creditpacks.tools.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
 * The contract diff between this tree's published contracts (as in {@code stubs/}) and edited
 * copies, published as the build would: every verdict here is about what a consumer of the
 * baseline would meet, whatever the edit looks like in the contract's text.
 */
class ContractDiffTest {

    private static final String CATALOG = "shouldReturnActivePacks";
    private static final String FAILURE = "shouldReturnInternalErrorWhenStoreFails";

    @TempDir
    Path work;

    @Test
    void reportsNothingForTheSameContracts() {
        Report report = diff(EditedContracts.copy(work));

        assertThat(report.changes()).isEmpty();
        assertThat(report.render()).endsWith("0 breaking, 0 additive\n");
    }

    @Test
    void aRenamedFieldBreaksAndItsNewNameIsAdditive() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("credits: 100,", "amount: 100,")
                                .replace("credits: 500,", "amount: 500,")
                                .replace("credits: 1100,", "amount: 1100,")
                                .replace("$.data[*].credits", "$.data[*].amount")));

        assertThat(breaking(report, CATALOG))
                .anySatisfy(what -> assertThat(what)
                        .contains("GET /credits/packs in state available")
                        .contains("$.data[0].credits: expected a value (the field is required), got no such field"));
        assertThat(report.changes())
                .contains(new Change(CATALOG, Kind.ADDITIVE, "response $.data[*].amount: added (number)"));
        assertThat(report.render()).endsWith("consumers built against 1.0.0 would break (public contract)\n");
    }

    @Test
    void swappedPrioritiesBreakTheSelectorAndSayNothingElse() {
        // The publisher refuses a selector stub the catalog shadows; a version published by other means may hold one.
        Path swapped = publishedCopy();
        EditedContracts.editStub(swapped, CATALOG_STUB, stub -> stub.put("priority", 1));
        EditedContracts.editStub(swapped, FAILURE_STUB, stub -> stub.put("priority", 100));
        EditedContracts.editStub(swapped, FAILURE_SELECTOR_STUB, stub -> stub.put("priority", 100));

        Report report =
                ContractDiff.compare("1.0.0", EditedContracts.unedited(), "working tree", PublishedStubs.read(swapped));

        assertThat(breaking(report, FAILURE))
                .anySatisfy(what -> assertThat(what)
                        .startsWith("GET /credits/packs?simulate=internal-error in state available: now answered by "
                                + CATALOG + " with 200")
                        .contains("status: expected 500, got 200"));
        // The catalog answering the selector is not a rename, its rules are not the 500's new rules,
        // and the shadowed selector stub is not new.
        assertThat(report.changes())
                .extracting(Change::what)
                .allSatisfy(what -> assertThat(what).startsWith("GET /credits/packs?simulate=internal-error in state"));
    }

    @Test
    void aNewContractThatShadowsThePlainRequestBreaksIt() {
        Path shadowing = publishedCopy();
        EditedContracts.copyStub(
                shadowing,
                FAILURE_STUB,
                "mappings/credits/packs/available/shouldReturnServiceUnavailable.json",
                stub -> {
                    stub.put("name", "shouldReturnServiceUnavailable");
                    stub.put("requiredScenarioState", "Started");
                    stub.withObject("response").put("status", 503);
                    stub.withObject("metadata")
                            .withObject("contract")
                            .put("name", "shouldReturnServiceUnavailable")
                            .put("state", "available")
                            .withObject("response")
                            .put("status", 503);
                });

        Report report = ContractDiff.compare(
                "1.0.0", EditedContracts.unedited(), "working tree", PublishedStubs.read(shadowing));

        assertThat(breaking(report, CATALOG))
                .anySatisfy(
                        what -> assertThat(what)
                                .startsWith(
                                        "GET /credits/packs in state available: now answered by shouldReturnServiceUnavailable with 503"));
    }

    @Test
    void anIgnoredContractBreaksForItsStubUsers() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("    priority 100", "    ignored()\n    priority 100")));

        assertThat(breaking(report, CATALOG))
                .anySatisfy(
                        what -> assertThat(what)
                                .startsWith(
                                        "GET /credits/packs in state available: no stub answers it any more (the stubs answer 404"));
    }

    @Test
    void aValueChangedOnAnyElementOfAPinnedArrayBreaks() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.RETIRED,
                        text -> text.replace("credits: 1100, price: 99.99", "credits: 1100, price: '99.99'")));

        assertThat(breaking(report, "shouldNeverReturnInactiveOrDeletedPacks"))
                .anySatisfy(what ->
                        assertThat(what).contains("$.data[2].price: expected exactly 99.99, got the string \"99.99\""));
    }

    @Test
    void aPinnedValueLoosenedToAPatternBreaks() {
        Report report = diff(
                EditedContracts.copy(work)
                        .edit(
                                EditedContracts.FAILURE,
                                text -> text.replace(
                                        "message: 'Failed to retrieve credit packs'\n        )",
                                        "message: 'Failed to retrieve credit packs'\n        )\n        bodyMatchers { jsonPath('$.error_code', byRegex('[A-Z_]+')) }")));

        assertThat(breaking(report, FAILURE))
                .containsExactly(
                        "response $.error_code: the rules now accept the string \"X\" (1.0.0: expected exactly \"INTERNAL_ERROR\")");
    }

    @Test
    void aMessageLoosenedToNullBreaks() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace(
                                "message: 'Failed to retrieve credit packs'\n        )",
                                "message: null\n        )\n        bodyMatchers { jsonPath('$.message', byNull()) }")));

        assertThat(breaking(report, FAILURE))
                .isNotEmpty()
                .allSatisfy(
                        what -> assertThat(what)
                                .endsWith(
                                        "which breaks the old rules:\n$.message: expected exactly \"Failed to retrieve credit packs\", got null"));
    }

    @Test
    void aLoosenedRuleBreaksEvenWithTheSameExample() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("byType { minOccurrence(1) }", "byType()")
                                .replace("byRegex(positiveInt())", "byRegex(anInteger())")));

        assertThat(breaking(report, CATALOG))
                .containsExactlyInAnyOrder(
                        "response $.data: the rules now accept an empty array (1.0.0: expected at least 1 element(s))",
                        "response $.data[0].credits: the rules now accept the number 0 (1.0.0: expected at least 1)");
    }

    @Test
    void aRenamedContractWithTheSameRequestAndResponseChangesNothing() {
        EditedContracts renamed = EditedContracts.copy(work);
        String text = renamed.read(EditedContracts.CATALOG);
        renamed.delete(EditedContracts.CATALOG)
                .write(
                        "credits/packs/available/shouldListThePacksOnSale.groovy",
                        text.replace("'shouldReturnActivePacks'", "'shouldListThePacksOnSale'"));

        assertThat(diff(renamed).changes())
                .containsExactly(
                        new Change(
                                CATALOG,
                                Kind.ADDITIVE,
                                "renamed to shouldListThePacksOnSale:"
                                        + " the same answers, but its stub and rules files in stubs/ are named after the new name"));
    }

    @Test
    void aPathWidenedToAPatternThatStillMatchesChangesNothing() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "urlPath '/credits/packs'",
                                "urlPath(value(consumer(regex('/credits/packs/?')), producer('/credits/packs')))")));

        assertThat(report.breaking()).isZero();
    }

    @Test
    void theSelectorWidenedToAPatternThatStillMatchesChangesNothing() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace(
                                "'internal-error'",
                                "[matches: 'internal-error|store-down', example: 'internal-error']")));

        assertThat(report.changes()).isEmpty();
    }

    @Test
    void aCharsetOnTheContentTypeIsNotBreaking() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "contentType(applicationJson())", "contentType('application/json;charset=UTF-8')")));

        assertThat(report.breaking()).isZero();
    }

    @Test
    void aSecondCheckOnACheckedFieldIsNotBreaking() {
        Report report = diff(
                EditedContracts.copy(work)
                        .edit(
                                EditedContracts.CATALOG,
                                text -> text.replace(
                                        "            jsonPath('$.data[*].credits', byRegex(positiveInt()))",
                                        "            jsonPath('$.data[*].credits', byRegex(positiveInt()))\n            jsonPath('$.data[*].credits', byType())")));

        assertThat(report.breaking()).isZero();
    }

    @Test
    void aRemovedStateBreaksForItsStubUsers() {
        Report report = diff(EditedContracts.copy(work).delete(EditedContracts.EMPTY));

        assertThat(breaking(report, "shouldReturnNoPacksWhenNoneIsActive"))
                .singleElement()
                .asString()
                .startsWith(
                        "state noactivepacks: removed, so stub users who switch the scenario credit-packs to it get an error");
    }

    @Test
    void aRenamedStateBreaksForItsStubUsersAndSaysWhatItIsNowCalled() {
        EditedContracts edited = EditedContracts.copy(work);
        String empty = edited.read(EditedContracts.EMPTY);
        edited.delete(EditedContracts.EMPTY)
                .write("credits/packs/nopacks/shouldReturnNoPacksWhenNoneIsActive.groovy", empty);

        Report report = diff(edited);

        assertThat(report.changes())
                .containsExactly(new Change(
                        "shouldReturnNoPacksWhenNoneIsActive",
                        Kind.BREAKING,
                        "state noactivepacks: renamed to nopacks, so stub users who switch the scenario credit-packs to noactivepacks get an"
                                + " error; a producer's state hook is now asked to set up nopacks"));
    }

    @Test
    void aNewlyRequiredRequestHeaderBreaks() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "urlPath '/credits/packs'",
                                "urlPath '/credits/packs'\n        headers { header('X-Api-Key', 'consumer-key') }")));

        assertThat(breaking(report, CATALOG))
                .containsExactly(
                        "GET /credits/packs in state available: no stub answers it any more (the stubs answer 404)");
        assertThat(report.changes())
                .contains(new Change(
                        CATALOG,
                        Kind.ADDITIVE,
                        "contract added: GET /credits/packs [X-Api-Key: consumer-key] in state available"));
    }

    @Test
    void aChangedStatusOrErrorCodeBreaks() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace("status INTERNAL_SERVER_ERROR()", "status SERVICE_UNAVAILABLE()")
                                .replace("error_code: 'INTERNAL_ERROR'", "error_code: 'STORE_DOWN'")));

        assertThat(breaking(report, FAILURE))
                .anySatisfy(what -> assertThat(what)
                        .contains("status: expected 500, got 503")
                        .contains("$.error_code: expected exactly \"INTERNAL_ERROR\", got the string \"STORE_DOWN\""));
    }

    @Test
    void newExampleValuesAndANewFieldAreAdditive() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("price: 19.99]", "price: 17.99, currency: 'USD']")
                                .replace("price: 49.99]", "price: 49.99, currency: 'USD']")
                                .replace("price: 99.99]", "price: 99.99, currency: 'USD']")));

        assertThat(report.breaking()).isZero();
        assertThat(report.changes())
                .contains(
                        new Change(CATALOG, Kind.ADDITIVE, "response $.data[*].currency: added (string)"),
                        new Change(CATALOG, Kind.ADDITIVE, "stub example $.data[0].price: 19.99 -> 17.99"));
    }

    @Test
    void contractsThatBreakTheirOwnRulesAreRefusedBeforeAnyDiff() {
        EditedContracts edited = EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replace("credits: 500,", "credits: '500',"));

        assertThatIllegalStateException()
                .isThrownBy(() -> diff(edited))
                .withMessageContaining(EditedContracts.CATALOG.replace("available/", "available/"))
                .withMessageContaining("follow different rules");
    }

    @Test
    void eachBrokenContractIsNamedEvenWhenTheyAllGetTheSameAnswer() {
        EditedContracts moved = EditedContracts.copy(work);
        for (String contract : List.of(
                EditedContracts.CATALOG, EditedContracts.FAILURE, EditedContracts.EMPTY, EditedContracts.RETIRED)) {
            moved.edit(contract, text -> text.replace("urlPath '/credits/packs'", "urlPath '/v2/credits/packs'"));
        }

        Report report = diff(moved);

        assertThat(report.changes())
                .filteredOn(change -> change.kind() == Kind.BREAKING)
                .extracting(Change::contract)
                .contains(
                        CATALOG,
                        FAILURE,
                        "shouldReturnNoPacksWhenNoneIsActive",
                        "shouldNeverReturnInactiveOrDeletedPacks");
        assertThat(breaking(report, CATALOG))
                .containsExactly(
                        "GET /credits/packs in state available: no stub answers it any more (the stubs answer 404)");
    }

    @Test
    void aRenamedScenarioBreaksEveryStubUserWhoSwitchesStates() {
        PublishedStubs renamed = EditedContracts.copy(work)
                .edit(EditedContracts.STATES, text -> text.replace("scenario=credit-packs", "scenario=packs"))
                .publishTo(work.resolve("renamed"));

        Report report = ContractDiff.compare("1.0.0", EditedContracts.unedited(), "working tree", renamed);

        assertThat(report.changes())
                .contains(
                        new Change(
                                "(states)",
                                Kind.BREAKING,
                                "the stubs' scenario credit-packs is now packs: stub users who switch states by its name get a 404"));
    }

    @Test
    void aSelectorPatternNarrowedAroundItsExampleIsBreakingAndWidenedIsNot() {
        String pattern = "[matches: 'internal-error|store-down', example: 'internal-error']";
        EditedContracts baseline = EditedContracts.copy(work.resolve("before"))
                .edit(EditedContracts.FAILURE, text -> text.replace("'internal-error'", pattern));
        PublishedStubs published = baseline.publishTo(work.resolve("published-before"));
        EditedContracts narrowed = EditedContracts.copy(work.resolve("narrowed"));
        EditedContracts widened = EditedContracts.copy(work.resolve("widened"))
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace(
                                "'internal-error'", pattern.replace("store-down'", "(store-down|maintenance)'")));

        Report narrowing = ContractDiff.compare(
                "1.0.0", published, "narrowed", narrowed.publishTo(work.resolve("published-narrowed")));
        Report widening = ContractDiff.compare(
                "1.0.0", published, "widened", widened.publishTo(work.resolve("published-widened")));

        assertThat(narrowing.verdict()).isEqualTo(Kind.NEEDS_REVIEW);
        assertThat(changes(narrowing, FAILURE, Kind.NEEDS_REVIEW))
                .containsExactly(
                        "request parameter simulate: the stubs matched"
                                + " {\"matches\":\"internal-error|store-down\"}, now {\"equalTo\":\"internal-error\"}: a stub user sending a value"
                                + " only the old pattern allowed may get another answer: a person must look (it counts as failing until then)");
        assertThat(widening.breaking()).as(widening.render()).isZero();
    }

    @Test
    void aNewStubThatTakesValuesAnOldPatternPromisedBreaksItsOldAnswer() {
        String pattern = "[matches: 'internal-error|store-down', example: 'internal-error']";
        EditedContracts baseline = EditedContracts.copy(work.resolve("before"))
                .edit(EditedContracts.FAILURE, text -> text.replace("'internal-error'", pattern));
        EditedContracts candidate = EditedContracts.copy(work.resolve("after"))
                .edit(EditedContracts.FAILURE, text -> text.replace("'internal-error'", pattern));
        candidate.write(
                "credits/packs/maintenance/shouldReturnStoreDown.groovy",
                candidate
                        .read(EditedContracts.FAILURE)
                        .replace("'shouldReturnInternalErrorWhenStoreFails'", "'shouldReturnStoreDown'")
                        .replace("INTERNAL_SERVER_ERROR()", "SERVICE_UNAVAILABLE()")
                        .replace("priority 1\n", "priority 0\n")
                        .replace(pattern, "'store-down'"));

        Report report = diff(baseline, candidate);

        assertThat(breaking(report, FAILURE))
                .containsExactly("GET /credits/packs?simulate=store-down in states available,"
                        + " noactivepacks, retiredpacks, storefailure: now answered by shouldReturnStoreDown with 503, which breaks the old"
                        + " rules:\nstatus: expected 500, got 503");
    }

    @Test
    void aNewSelectorValueTheOldStubsAnsweredOnlyByNotLookingIsAdditive() {
        String pathPattern = "urlPath(value(consumer(regex('/credits/packs/?')), producer('/credits/packs')))";
        EditedContracts baseline = EditedContracts.copy(work.resolve("before"))
                .edit(EditedContracts.CATALOG, text -> text.replace("urlPath '/credits/packs'", pathPattern));
        EditedContracts candidate = EditedContracts.copy(work.resolve("after"))
                .edit(EditedContracts.CATALOG, text -> text.replace("urlPath '/credits/packs'", pathPattern))
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace(
                                "    request {",
                                "    metadata(stubSelector: [queryParameters: [simulate: 'no-packs']])\n    request {"));

        Report report = diff(baseline, candidate);

        assertThat(report.breaking()).as(report.render()).isZero();
        assertThat(report.changes())
                .extracting(Change::what)
                .anySatisfy(what -> assertThat(what).startsWith("stub selector added"));
    }

    @Test
    void aLoosenedRuleIsNamedBesideAValueTheReplayShowsBroken() {
        Report report = diff(EditedContracts.copy(work)
                .edit(
                        EditedContracts.FAILURE,
                        text -> text.replace(
                                "message: 'Failed to retrieve credit packs'\n        )",
                                "message: null\n        )\n"
                                        + "        bodyMatchers {\n            jsonPath('$.message', byNull())\n"
                                        + "            jsonPath('$.error_code', byRegex('[A-Z_]+'))\n        }")));

        assertThat(breaking(report, FAILURE))
                .contains(
                        "response $.error_code: the rules now accept the string \"X\" (1.0.0: expected exactly \"INTERNAL_ERROR\")");
    }

    @Test
    void aNewContractThatAnswersTheSameInPlaceOfAnOldOneThatStaysIsNoRename() {
        Path shadowing = publishedCopy();
        EditedContracts.copyStub(
                shadowing, CATALOG_STUB, "mappings/credits/packs/available/shouldListThePacksOnSale.json", stub -> {
                    stub.put("name", "shouldListThePacksOnSale").put("priority", 50);
                    stub.withObject("metadata").withObject("contract").put("name", "shouldListThePacksOnSale");
                });

        assertThat(ContractDiff.compare(
                                "1.0.0", EditedContracts.unedited(), "working tree", PublishedStubs.read(shadowing))
                        .changes())
                .as("the same answers to every request")
                .isEmpty();
    }

    @Test
    void aWidenedPatternOrARemovedLengthBoundIsCaughtByTheAnswersTheyNowAccept() {
        EditedContracts baseline = EditedContracts.copy(work.resolve("before"))
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                        "jsonPath('$.data[*].code', byRegex(nonBlank()))",
                                        "jsonPath('$.data[*].code', byRegex('PACK_\\\\d+'))")
                                .replace(
                                        "byType { minOccurrence(1) }",
                                        "byType { minOccurrence(1); maxOccurrence(200) }"));
        EditedContracts candidate = EditedContracts.copy(work.resolve("after"))
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "jsonPath('$.data[*].code', byRegex(nonBlank()))",
                                "jsonPath('$.data[*].code', byRegex('[A-Z]+_\\\\d+'))"));

        Report report = diff(baseline, candidate);

        assertThat(breaking(report, CATALOG))
                .containsExactlyInAnyOrder(
                        "response $.data[0].code: the rules now accept the string \"QACK_1\" (1.0.0: expected a string matching"
                                + " ^(?:PACK_[0-9]+)(?![\\s\\S]))",
                        "response $.data: the rules now accept an array of 201 elements (1.0.0: expected at most 200 element(s))");
    }

    @Test
    void aContractWithoutABodyIsPublishedAndItsLostBodyIsBreaking() {
        EditedContracts bodiless =
                EditedContracts.copy(work).edit(EditedContracts.FAILURE, text -> text.replace("""
                        body(
                                success: false,
                                error_code: 'INTERNAL_ERROR',
                                message: 'Failed to retrieve credit packs'
                        )
                """, ""));

        Report report = diff(bodiless);

        assertThat(breaking(report, FAILURE))
                .contains("response body: no longer checked, so a producer may send any (1.0.0 held it to rules)");
    }

    private static final String CATALOG_STUB = "mappings/credits/packs/available/shouldReturnActivePacks.json";
    private static final String FAILURE_STUB =
            "mappings/credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.json";
    private static final String FAILURE_SELECTOR_STUB =
            "mappings/credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.selector.json";

    /** The fixture's contracts, published into a folder of the test's own, to edit. */
    private Path publishedCopy() {
        Path published = work.resolve("published");
        EditedContracts.copy(work).publishTo(published);
        return published;
    }

    private Report diff(EditedContracts candidate) {
        return ContractDiff.compare(
                "1.0.0", EditedContracts.unedited(), "working tree", candidate.publishTo(work.resolve("published")));
    }

    /** Between two edited versions, the first published as 1.0.0. */
    private Report diff(EditedContracts baseline, EditedContracts candidate) {
        return ContractDiff.compare(
                "1.0.0",
                baseline.publishTo(work.resolve("published-before")),
                "working tree",
                candidate.publishTo(work.resolve("published-after")));
    }

    private static List<String> changes(Report report, String contract, Kind kind) {
        return report.changes().stream()
                .filter(change -> change.kind() == kind && change.contract().equals(contract))
                .map(Change::what)
                .toList();
    }

    private static List<String> breaking(Report report, String contract) {
        System.out.print(report.render());
        return report.changes().stream()
                .filter(change ->
                        change.kind() == Kind.BREAKING && change.contract().equals(contract))
                .map(Change::what)
                .toList();
    }
}
