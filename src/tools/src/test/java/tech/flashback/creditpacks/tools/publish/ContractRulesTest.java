package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * The rules a contract's example body and standard matchers publish, as JSON Schema: what they
 * accept, what they refuse, and the contracts the build refuses to publish, each with the file
 * and the line to fix.
 */
class ContractRulesTest {

    @TempDir
    Path work;

    @Test
    void theCatalogsRulesHoldEveryPackToTheShapeNotToTheExampleValues() {
        BodyRules rules = rules(EditedContracts.copy(work), "shouldReturnActivePacks");

        assertThat(rules.accepts(
                        json("{'success':true,'data':[{'id':'x','name':'X','code':'X','credits':1,'price':0}]}")))
                .isTrue();
        assertThat(
                        rules.accepts(
                                json(
                                        "{'success':true,'data':[{'id':'x','name':'X','code':'X','credits':1,'price':5,'currency':'USD'}],'extra':1}")))
                .isTrue();
        assertThat(
                        rules.problems(
                                json(
                                        "{'success':true,'data':[{'id':'x','name':'X','code':'X','credits':1,'price':1},"
                                                + "{'id':' ','name':'X','code':'X','credits':1,'price':1},{'id':'x','name':'X','code':'X','credits':1.5,'price':-0.01}]}")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "$.data[1].id: expected a string with a non-blank character, got the string \" \"",
                        "$.data[2].credits: expected an integer, got the number 1.5",
                        "$.data[2].price: expected at least 0, got the number -0.01");
        assertThat(rules.problems(json("{'success':true,'data':[]}")))
                .extracting(Object::toString)
                .containsExactly("$.data: expected at least 1 element(s), got an empty array");
    }

    @Test
    void blankMeansWhiteSpaceAsJavaScriptAndPythonValidatorsReadTheRuleNoBreakSpaceIncluded() {
        BodyRules rules = rules(EditedContracts.copy(work), "shouldReturnActivePacks");

        for (String blank : new String[] {"", " ", "\\t\\n", "\u00a0", "\u2003\u3000"}) {
            assertThat(rules.accepts(json("{'success':true,'data':[{'id':'x','name':'" + blank
                            + "','code':'X','credits':1,'price':0}]}")))
                    .as("name %s", blank)
                    .isFalse();
        }
        assertThat(
                        rules.accepts(
                                json(
                                        "{'success':true,'data':[{'id':'x','name':' Pack\u00a01 ','code':'X','credits':1,'price':0}]}")))
                .isTrue();
    }

    @Test
    void valuesWithoutARuleArePinnedAndAnEmptyExampleArrayStaysEmpty() {
        EditedContracts contracts = EditedContracts.copy(work);

        assertThat(rules(contracts, "shouldReturnNoPacksWhenNoneIsActive")
                        .problems(json("{'success':true,'data':[{'id':'x'}]}")))
                .extracting(Object::toString)
                .containsExactly("$.data: expected an empty array, got an array of 1 [{\"id\":\"x\"}]");
        assertThat(rules(contracts, "shouldReturnInternalErrorWhenStoreFails")
                        .problems(json("{'success':false,'error_code':'INTERNAL_ERROR','message':'Store down'}")))
                .extracting(Object::toString)
                .containsExactly(
                        "$.message: expected exactly \"Failed to retrieve credit packs\", got the string \"Store down\"");
    }

    @Test
    void aPinnedArrayHoldsEveryElementInItsPlaceAndItsLength() {
        BodyRules rules = rules(EditedContracts.copy(work), "shouldNeverReturnInactiveOrDeletedPacks");
        JsonNode leaked = json(
                "{'success':true,'data':[{'id':'pack-1','name':'Pack 1','code':'PACK_1','credits':100,'price':19.99},"
                        + "{'id':'pack-2','name':'Pack 2','code':'PACK_2','credits':500,'price':49.99},"
                        + "{'id':'pack-3','name':'Pack 3','code':'PACK_3','credits':1100,'price':99.99},"
                        + "{'id':'retired-deleted','name':'Hidden','code':'RETIRED_DELETED','credits':10,'price':1.00}]}");

        assertThat(rules.problems(leaked))
                .singleElement()
                .asString()
                .startsWith(
                        "$.data[3]: expected no element (the contract lists exactly 3), got an object {\"id\":\"retired-deleted\",");
        assertThat(rules.accepts(json(
                        "{'success':true,'data':[{'id':'pack-1','name':'Pack 1','code':'PACK_1','credits':100,'price':19.990},"
                                + "{'id':'pack-2','name':'Pack 2','code':'PACK_2','credits':500,'price':49.99},"
                                + "{'id':'pack-3','name':'Pack 3','code':'PACK_3','credits':1100.0,'price':99.99}]}")))
                .as("numbers are compared by value, as JSON does")
                .isTrue();
    }

    @Test
    void aFieldWhoseExampleBecomesAStringMustBeAStringAndIsAPatternOverTheWholeValue() {
        BodyRules rules = rules(
                EditedContracts.copy(work)
                        .edit(
                                EditedContracts.CATALOG,
                                text -> text.replace("credits: 100,", "credits: '100',")
                                        .replace("credits: 500,", "credits: '500',")
                                        .replace("credits: 1100,", "credits: '1100',")),
                "shouldReturnActivePacks");

        assertThat(rules.problems(
                        json("{'success':true,'data':[{'id':'x','name':'X','code':'X','credits':100,'price':1},"
                                + "{'id':'x','name':'X','code':'X','credits':'0100','price':1}]}")))
                .extracting(Object::toString)
                .containsExactly(
                        "$.data[0].credits: expected a string, got the number 100",
                        "$.data[1].credits: expected a string matching ^(?:([1-9][0-9]*))(?![\\s\\S]), got the string \"0100\"");
    }

    @Test
    void byTypeOnAContainerKeepsTheTypesBelowItAndByEqualityPinsOneValueThere() {
        BodyRules rules = rules(
                EditedContracts.copy(work)
                        .edit(
                                EditedContracts.FAILURE,
                                text -> text.replace(
                                        "message: 'Failed to retrieve credit packs'\n        )",
                                        "message: 'Failed to retrieve credit packs'\n        )\n        bodyMatchers {\n"
                                                + "            jsonPath('$', byType())\n            jsonPath('$.error_code', byEquality())\n        }")),
                "shouldReturnInternalErrorWhenStoreFails");

        assertThat(rules.accepts(json("{'success':true,'error_code':'INTERNAL_ERROR','message':'other words'}")))
                .isTrue();
        assertThat(rules.problems(json("{'success':'no','error_code':'OTHER','message':1}")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "$.success: expected a boolean, got the string \"no\"",
                        "$.error_code: expected exactly \"INTERNAL_ERROR\", got the string \"OTHER\"",
                        "$.message: expected a string, got the number 1");
    }

    @Test
    void aMatcherThatSelectsNothingIsRefusedNamingTheFileAndLine() {
        EditedContracts renamed = EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("credits: 100,", "amount: 100,")
                                .replace("credits: 500,", "amount: 500,")
                                .replace("credits: 1100,", "amount: 1100,"));

        assertThatIllegalStateException()
                .isThrownBy(() -> renamed.publishTo(work.resolve("published")))
                .withMessageContaining(
                        renamed.root().resolve(EditedContracts.CATALOG) + ":" + line(renamed, "$.data[*].credits")
                                + ": jsonPath '$.data[*].credits' selects nothing in the example body");
    }

    @Test
    void anExampleThatBreaksItsOwnRulesIsRefusedNamingTheFileAndLine() {
        EditedContracts broken = EditedContracts.copy(work)
                .edit(EditedContracts.CATALOG, text -> text.replace("credits: 100,", "credits: 0,"));

        assertThatIllegalStateException()
                .isThrownBy(() -> broken.publishTo(work.resolve("published")))
                .withMessageContaining(
                        broken.root().resolve(EditedContracts.CATALOG) + ":" + line(broken, "$.data[*].credits")
                                + ": the example body breaks the contract's own rules:\n    $.data[0].credits: expected at least 1, got the number 0");
    }

    @Test
    void rulesThatCannotBePublishedAsDataAreRefusedWithWhatToUseInstead() {
        EditedContracts command = EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("byRegex(positiveInt())", "byCommand('assertPositive($it)')")
                                .replace("byRegex('\\\\d*\\\\.\\\\d+|\\\\d+')", "byRegex('[0-9]+\\\\.[0-9]{2}')"));

        assertThatIllegalStateException()
                .isThrownBy(() -> command.publishTo(work.resolve("published")))
                .withMessageContaining(
                        "byCommand(assertPositive($it)) on '$.data[*].credits' runs code, which cannot be published as a rule");
        EditedContracts numeric = EditedContracts.copy(work.resolve("numeric"))
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace("byRegex('\\\\d*\\\\.\\\\d+|\\\\d+')", "byRegex('[0-9]+\\\\.[0-9]{2}')"));
        assertThatIllegalStateException()
                .isThrownBy(() -> numeric.publishTo(work.resolve("published-numeric")))
                .withMessageContaining(
                        "byRegex('[0-9]+\\.[0-9]{2}') on the number at '$.data[*].price' has no exact JSON Schema meaning;"
                                + " use one of");
    }

    @Test
    void aPatternOnlyJavaReadsOrAMatcherThatCannotDescribeAnArrayIsRefused() {
        EditedContracts caseless = EditedContracts.copy(work)
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "jsonPath('$.data[*].code', byRegex(nonBlank()))",
                                "jsonPath('$.data[*].code', byRegex('(?i)pack_\\\\d+'))"));
        assertThatIllegalStateException()
                .isThrownBy(() -> caseless.publishTo(work.resolve("published")))
                .withMessageContaining(
                        "byRegex('(?i)pack_\\d+') on '$.data[*].code' uses an inline flag such as (?i), which JavaScript"
                                + " does not have: a published rule must mean the same in Java, JavaScript and Python (JSON Schema and OpenAPI"
                                + " validators), so say it without it");

        EditedContracts nullArray = EditedContracts.copy(work.resolve("null"))
                .edit(
                        EditedContracts.CATALOG,
                        text -> text.replace(
                                "jsonPath('$.data', byType { minOccurrence(1) })", "jsonPath('$.data', byNull())"));
        assertThatIllegalStateException()
                .isThrownBy(() -> nullArray.publishTo(work.resolve("published-null")))
                .withMessageContaining(
                        "byNull() on '$.data', whose example is an array: only byType() and byEquality() say something"
                                + " about a whole object or array");
    }

    @Test
    void whatWouldMakeThePublishedFormUnstableOrUnsafeIsRefusedNamingTheFile() {
        assertRefused(
                EditedContracts.CATALOG,
                text -> text.replace(
                        "contentType(applicationJson())", "header('Cache-Control', regex('max-age=[0-9]+'))"),
                "the stub's Cache-Control header is only a pattern");
        assertRefused(
                EditedContracts.CATALOG,
                text -> text.replace(
                        "jsonPath('$.data[*].code', byRegex(nonBlank()))",
                        "jsonPath('$.data[*].code', byRegex('([A-Z0-9]+_?)+'))"),
                "a repeated group that itself repeats");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace(
                        "message: 'Failed to retrieve credit packs'", "message: fromRequest().header('X-Id')"),
                "the stub's answer depends on the request");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace("'internal-error'", "~/internal-.*/"),
                "the selector's parameter 'simulate' is internal-.*: give it a value");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace("'internal-error'", "[matches: 'store-down', example: 'internal-error']"),
                "the selector's parameter 'simulate': the example 'internal-error' does not match its own pattern store-down");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace("'internal-error'", "[matches: '(?i)internal-error', example: 'x']"),
                "the selector's parameter 'simulate' has the pattern (?i)internal-error, which uses an inline flag");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace("'internal-error'", "[matches: 'x', example: 'x', exmaple: 'y']"),
                "(unknown: exmaple)");
        assertRefused(
                EditedContracts.FAILURE,
                text -> text.replace("'internal-error'", "[matches: 'x{,3}', example: 'x']"),
                "has the pattern x{,3}, which uses {,3}, which is not a repetition such as {2,3} (Python reads {,3} as {0,3},"
                        + " Java refuses it, JavaScript takes it as text");
    }

    @Test
    void aContractInAnotherFormatIsRefusedRatherThanLeftOut() {
        EditedContracts withYaml =
                EditedContracts.copy(work).write("credits/packs/available/shouldAnswerYaml.yml", "name: x\n");

        assertThatIllegalStateException()
                .isThrownBy(() -> withYaml.publishTo(work.resolve("published")))
                .withMessageContaining("only Groovy contracts are")
                .withMessageContaining("shouldAnswerYaml.yml");
    }

    private void assertRefused(String contract, java.util.function.UnaryOperator<String> edit, String reason) {
        Path copy = work.resolve("refused-" + reason.hashCode());
        EditedContracts edited = EditedContracts.copy(copy).edit(contract, edit);
        assertThatIllegalStateException()
                .isThrownBy(() -> edited.publishTo(copy.resolve("published")))
                .withMessageContaining(edited.root().resolve(contract).toString())
                .withMessageContaining(reason);
    }

    private static BodyRules rules(EditedContracts contracts, String contract) {
        PublishedStubs published = contracts.publishTo(contracts.root().resolveSibling("published-" + contract));
        return published.contracts().stream()
                .filter(stub -> stub.contract().equals(contract))
                .findFirst()
                .map(PublishedStub::rules)
                .orElseThrow()
                .body();
    }

    private static JsonNode json(String singleQuoted) {
        return PublishedJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    private static int line(EditedContracts contracts, String text) {
        String contract = contracts.read(EditedContracts.CATALOG);
        return (int) contract.substring(0, contract.indexOf(text))
                        .chars()
                        .filter(c -> c == '\n')
                        .count()
                + 1;
    }
}
