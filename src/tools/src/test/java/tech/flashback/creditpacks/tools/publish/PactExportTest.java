package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
 * The contracts as Pact files: one per consumer and one for the public contracts, each contract an
 * interaction in its producer state, with the matching rules its published rules say; read back
 * as a consumer's pact, they hold a producer to what the contracts do.
 */
class PactExportTest {

    private static final Path PUBLIC_PACT = Path.of("pacts/public-contract-credit-packs-api.json");

    @TempDir
    Path work;

    @Test
    void thePublicContractsAreOnePactWhoseInteractionsAreInTheirProducerStates() {
        JsonNode pact = PublishedJson.MAPPER.readTree(
                publish(EditedContracts.copy(work)).get(PUBLIC_PACT));

        assertThat(pact.at("/consumer/name").asString()).isEqualTo("public-contract");
        assertThat(pact.at("/provider/name").asString()).isEqualTo("credit-packs-api");
        assertThat(pact.at("/metadata/pactSpecification/version").asString()).isEqualTo("4.0");
        assertThat(pact.path("interactions"))
                .extracting(
                        interaction -> interaction.path("description").asString(),
                        interaction -> interaction.at("/providerStates/0/name").asString(),
                        interaction -> interaction.at("/response/status").asInt())
                .containsExactly(
                        tuple("shouldReturnActivePacks", "available", 200),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", "noactivepacks", 200),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", "retiredpacks", 200),
                        tuple("shouldReturnInternalErrorWhenStoreFails", "storefailure", 500));
    }

    @Test
    void theMatchingRulesSayWhatThePublishedRulesSay() {
        JsonNode catalog = PublishedJson.MAPPER
                .readTree(publish(EditedContracts.copy(work)).get(PUBLIC_PACT))
                .path("interactions")
                .get(0);
        JsonNode body = catalog.at("/response/matchingRules/body");

        assertThat(body.at("/$.data/matchers").toString()).isEqualTo("[{\"match\":\"type\",\"min\":1}]");
        assertThat(body.at("/$.data[*].credits/matchers").toString())
                .isEqualTo("[{\"match\":\"integer\"},{\"match\":\"regex\",\"regex\":\"([1-9]\\\\d*)\"}]");
        assertThat(body.at("/$.data[*].price/matchers/0/match").asString()).isEqualTo("number");
        assertThat(body.at("/$.data[*].id/matchers/0/match").asString()).isEqualTo("regex");
        assertThat(body.has("$.success"))
                .as("a pinned value is compared for equality")
                .isFalse();
        assertThat(catalog.at("/response/matchingRules/header/Content-Type/matchers/0/regex")
                        .asString())
                .isEqualTo("application/json.*");
        assertThat(catalog.at("/response/body/content/data/0/price").decimalValue())
                .isEqualByComparingTo("19.99");
    }

    @Test
    void readBackAsAConsumersPactTheyHoldAProducerToWhatTheContractsDo() {
        EditedContracts contracts = EditedContracts.copy(work);
        String pact = publish(contracts).get(PUBLIC_PACT).replace("\"public-contract\"", "\"round-trip\"");
        contracts.write("consumers/round-trip/round-trip-credit-packs-api.json", pact);

        PublishedStubs published = contracts.publishTo(work.resolve("published"));

        PublishedStub catalog = published.contracts().stream()
                .filter(stub ->
                        "round-trip".equals(stub.consumer()) && stub.contract().equals("shouldReturnActivePacks"))
                .findFirst()
                .orElseThrow();
        assertThat(catalog.rules()
                        .body()
                        .accepts(json("{'success': true, 'data': [{'id': 'x', 'name': 'y', 'code': 'Z', 'credits': 5,"
                                + " 'price': 0}, {'id': 'a', 'name': 'b', 'code': 'C', 'credits': 9, 'price': 3.5}]}")))
                .isTrue();
        assertThat(catalog.rules()
                        .body()
                        .problems(json("{'success': true, 'data': [{'id': 'x', 'name': 'y', 'code': 'Z',"
                                + " 'credits': 5.5, 'price': '1'}]}")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "$.data[0].credits: expected an integer, got the number 5.5",
                        "$.data[0].price: expected a number, got the string \"1\"");
    }

    private Map<Path, String> publish(EditedContracts contracts) {
        return StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION)
                .files();
    }

    private static JsonNode json(String singleQuoted) {
        return PublishedJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
