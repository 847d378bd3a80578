package tech.flashback.creditpacks.tools.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Report;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The contract diff's verdict on each class of change that API diff tools (oasdiff, Specmatic,
 * Pact) tell apart, made the way a contract author would make it: breaking when a consumer of the
 * baseline can meet a response it was not promised, additive when it only gains, nothing when
 * no consumer can tell. {@link ContractDiffTest} shows the messages; this is the table.
 */
// Each case publishes its own copy of the contracts: side by side they cost the build little.
@Execution(ExecutionMode.CONCURRENT)
class ChangeClassesTest {

    /** What the report says about a change, in the three ways that matter to a release. */
    private static final String CATALOG = EditedContracts.CATALOG;

    private static final String FAILURE = EditedContracts.FAILURE;
    private static final String CATALOG_BODY_END = "                ]\n        )";

    @TempDir
    Path work;

    static Stream<Arguments> changes() {
        return Stream.of(
                // The request a consumer sends
                change(
                        "path changed",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("urlPath '/credits/packs'", "urlPath '/credits/pack'")),
                change(
                        "path widened to a pattern that still matches",
                        Kind.NONE,
                        CATALOG,
                        t -> t.replace(
                                "urlPath '/credits/packs'",
                                "urlPath(value(consumer(regex('/credits/packs/?')), producer('/credits/packs')))")),
                change("method changed", Kind.BREAKING, CATALOG, t -> t.replace("method GET()", "method POST()")),
                change(
                        "request header now required",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace(
                                "urlPath '/credits/packs'",
                                "urlPath '/credits/packs'\n        headers { header('X-Api-Key', 'key') }")),
                change(
                        "query parameter now required",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace(
                                "urlPath '/credits/packs'",
                                "urlPath('/credits/packs') { queryParameters { parameter 'currency', 'USD' } }")),
                change(
                        "stub selector value changed",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace("'internal-error'", "'store-failure'")),
                change(
                        "stub selector widened to a pattern that still matches",
                        Kind.NONE,
                        FAILURE,
                        t -> t.replace(
                                "'internal-error'",
                                "[matches: 'internal-error|store-down', example: 'internal-error']")),
                change(
                        "stub selector removed",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replaceAll("(?m)^    metadata\\(stubSelector.*$", "")),
                change(
                        "stub selector added",
                        Kind.ADDITIVE,
                        EditedContracts.EMPTY,
                        t -> t.replace(
                                "    request {",
                                "    metadata(stubSelector: [queryParameters: [simulate: 'no-packs']])\n    request {")),
                // The response: status, headers
                change(
                        "status changed",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace("INTERNAL_SERVER_ERROR()", "SERVICE_UNAVAILABLE()")),
                change(
                        "content type changed",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("contentType(applicationJson())", "contentType('text/plain')")),
                // The producer is then held to the charset, which no consumer can tell.
                change(
                        "charset added to the content type",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace(
                                "contentType(applicationJson())", "contentType('application/json;charset=UTF-8')")),
                change(
                        "content type no longer checked",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace(
                                "        headers {\n            contentType(applicationJson())\n        }\n", "")),
                change(
                        "response header now promised",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace(
                                "contentType(applicationJson())",
                                "contentType(applicationJson())\n            header('Cache-Control', 'max-age=1')")),
                // The response body: fields
                change(
                        "field removed",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace(", price: 19.99]", "]")
                                .replace(", price: 49.99]", "]")
                                .replace(", price: 99.99]", "]")
                                .replace(
                                        "            jsonPath('$.data[*].price', byRegex('\\\\d*\\\\.\\\\d+|\\\\d+'))\n",
                                        "")),
                change(
                        "field renamed",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("code:", "sku:").replace("$.data[*].code", "$.data[*].sku")),
                change(
                        "field retyped (number to string)",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("price: 19.99]", "price: '19.99']")
                                .replace("price: 49.99]", "price: '49.99']")
                                .replace("price: 99.99]", "price: '99.99']")
                                .replace("byRegex('\\\\d*\\\\.\\\\d+|\\\\d+')", "byRegex(nonBlank())")),
                change(
                        "field retyped (integer to decimal)",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("byRegex(positiveInt())", "byRegex(number())")),
                change(
                        "field made nullable",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace(
                                "message: 'Failed to retrieve credit packs'\n        )",
                                "message: null\n        )\n        bodyMatchers { jsonPath('$.message', byNull()) }")),
                change(
                        "field added",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace("price: 19.99]", "price: 19.99, currency: 'USD']")
                                .replace("price: 49.99]", "price: 49.99, currency: 'USD']")
                                .replace("price: 99.99]", "price: 99.99, currency: 'USD']")),
                change(
                        "envelope field added",
                        Kind.ADDITIVE,
                        FAILURE,
                        t -> t.replace(
                                "message: 'Failed to retrieve credit packs'",
                                "message: 'Failed to retrieve credit packs',\n                retry_after: 30")),
                change(
                        "keys reordered",
                        Kind.NONE,
                        FAILURE,
                        t -> t.replace(
                                "success: false,\n                error_code: 'INTERNAL_ERROR',",
                                "error_code: 'INTERNAL_ERROR',\n                success: false,")),
                // The response body: values and rules
                change(
                        "pinned value changed",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace("'INTERNAL_ERROR'", "'STORE_DOWN'")),
                change(
                        "pinned value loosened to a pattern",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace(
                                "message: 'Failed to retrieve credit packs'\n        )",
                                "message: 'Failed to retrieve credit packs'\n        )\n        bodyMatchers { jsonPath('$.error_code', byRegex('[A-Z_]+')) }")),
                change(
                        "pinned value loosened to its type",
                        Kind.BREAKING,
                        FAILURE,
                        t -> t.replace(
                                "message: 'Failed to retrieve credit packs'\n        )",
                                "message: 'Failed to retrieve credit packs'\n        )\n        bodyMatchers { jsonPath('$.message', byType()) }")),
                change(
                        "rule loosened (positive to any integer)",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("byRegex(positiveInt())", "byRegex(anInteger())")),
                change(
                        "rule loosened (non-blank to any string)",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace(
                                "jsonPath('$.data[*].name', byRegex(nonBlank()))",
                                "jsonPath('$.data[*].name', byType())")),
                change(
                        "rule tightened (at least two packs)",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace("minOccurrence(1)", "minOccurrence(2)")),
                change(
                        "array may now be empty",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("byType { minOccurrence(1) }", "byType()")),
                change(
                        "array length now bounded",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace(
                                "byType { minOccurrence(1) }", "byType { minOccurrence(1); maxOccurrence(50) }")),
                change(
                        "example value changed under a rule",
                        Kind.ADDITIVE,
                        CATALOG,
                        t -> t.replace("price: 19.99]", "price: 17.99]")),
                change(
                        "second rule on a checked field",
                        Kind.NONE,
                        CATALOG,
                        t -> t.replace(
                                "jsonPath('$.data[*].credits', byRegex(positiveInt()))",
                                "jsonPath('$.data[*].credits', byRegex(positiveInt()))\n            jsonPath('$.data[*].credits', byType())")),
                change(
                        "pack added to a pinned list",
                        Kind.BREAKING,
                        EditedContracts.RETIRED,
                        t -> t.replace(
                                CATALOG_BODY_END,
                                "                        [id: 'pack-4', name: 'Pack 4', code: 'PACK_4', credits: 2500, price: 199.99],\n"
                                        + CATALOG_BODY_END)),
                // Contracts and states
                change(
                        "description changed",
                        Kind.NONE,
                        CATALOG,
                        t -> t.replace("Given the catalog has active packs", "Given packs are on sale")),
                change(
                        "contract ignored",
                        Kind.BREAKING,
                        CATALOG,
                        t -> t.replace("    priority 100", "    ignored()\n    priority 100")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("changes")
    void theReportJudgesWhatConsumersWouldSee(
            String change, Kind expected, String contract, UnaryOperator<String> edit) {
        Report report = diff(EditedContracts.copy(work).edit(contract, edit));

        System.out.printf(
                "| %s | %s | %s |%n",
                change,
                verdict(report),
                report.changes().stream()
                        .filter(c -> c.kind() == (verdict(report) == Kind.BREAKING ? Kind.BREAKING : Kind.ADDITIVE))
                        .findFirst()
                        .map(c -> c.what().lines().findFirst().orElse(""))
                        .orElse(""));
        assertThat(verdict(report)).as(report.render()).isEqualTo(expected);
    }

    static Stream<Arguments> structuralChanges() {
        return Stream.of(
                Arguments.of("contract removed", Kind.BREAKING),
                // The answers are the same; the files named after the contract in stubs/ are not.
                Arguments.of("contract renamed", Kind.ADDITIVE),
                Arguments.of("state added", Kind.ADDITIVE),
                Arguments.of("state removed", Kind.BREAKING),
                Arguments.of("new contract shadows the default state's answer", Kind.BREAKING),
                Arguments.of("priorities swapped", Kind.BREAKING));
    }

    private static final String FAILURE_STUB =
            "mappings/credits/packs/storefailure/shouldReturnInternalErrorWhenStoreFails.json";

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("structuralChanges")
    void contractsAndStatesAddedRemovedOrRenamedAreJudgedToo(String change, Kind expected) {
        EditedContracts edited = EditedContracts.copy(work);
        String catalog = edited.read(CATALOG);
        switch (change) {
            case "contract removed" -> edited.delete(EditedContracts.RETIRED);
            case "contract renamed" ->
                edited.delete(CATALOG)
                        .write(
                                "credits/packs/available/shouldListPacksOnSale.groovy",
                                catalog.replace("'shouldReturnActivePacks'", "'shouldListPacksOnSale'"));
            case "state added" ->
                edited.write(
                        "credits/packs/addedstate/shouldAnswerInTheAddedState.groovy",
                        catalog.replace("'shouldReturnActivePacks'", "'shouldAnswerInTheAddedState'")
                                .replace("    priority 100\n", ""));
            case "state removed" -> edited.delete(EditedContracts.EMPTY);
            default -> {}
        }
        Path published = work.resolve("published");
        edited.publishTo(published);
        // The publisher refuses a stub another one shadows, or two its priorities swapped so; a version
        // published by other means may hold one, so these are made by editing the published stubs.
        switch (change) {
            case "new contract shadows the default state's answer" ->
                EditedContracts.copyStub(
                        published,
                        FAILURE_STUB,
                        "mappings/credits/packs/available/shouldReturnMaintenance.json",
                        stub -> {
                            stub.put("name", "shouldReturnMaintenance").put("requiredScenarioState", "Started");
                            stub.withObject("metadata")
                                    .withObject("contract")
                                    .put("name", "shouldReturnMaintenance")
                                    .put("state", "available");
                        });
            case "priorities swapped" -> {
                EditedContracts.editStub(published, FAILURE_STUB, stub -> stub.put("priority", 200));
                EditedContracts.editStub(
                        published, FAILURE_STUB.replace(".json", ".selector.json"), stub -> stub.put("priority", 200));
            }
            default -> {}
        }

        Report report = ContractDiff.compare(
                "1.0.0", EditedContracts.unedited(), "working tree", PublishedStubs.read(published));

        System.out.printf("| %s | %s |%n", change, verdict(report));
        assertThat(verdict(report)).as(report.render()).isEqualTo(expected);
    }

    private Report diff(EditedContracts candidate) {
        return ContractDiff.compare(
                "1.0.0", EditedContracts.unedited(), "working tree", candidate.publishTo(work.resolve("published")));
    }

    private static Kind verdict(Report report) {
        if (report.breaking() > 0) {
            return Kind.BREAKING;
        }
        return report.changes().isEmpty() ? Kind.NONE : Kind.ADDITIVE;
    }

    private static Arguments change(String change, Kind verdict, String contract, UnaryOperator<String> edit) {
        return Arguments.of(change, verdict, contract, edit);
    }
}
