package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * A consumer's Pact file, as Pact JS wrote it in the consumer's own tests, dropped unchanged into
 * the consumer's folder: published like the consumer's contracts, in the producer state its
 * provider state names (directly, through the consumer's table, or the default without one),
 * with rules from the pact's matching rules.
 */
class PactContractsTest {

    @TempDir
    Path work;

    @Test
    void eachInteractionIsPublishedInTheProducerStateItsProviderStateNames() {
        PublishedStubs published = withAllFourPacts().publishTo(work.resolve("published"));

        assertThat(published.contracts())
                .filteredOn(stub -> stub.consumer() != null)
                .extracting(
                        PublishedStub::label,
                        PublishedStub::state,
                        PublishedStub::scenarioState,
                        stub -> stub.mapping().toString())
                .containsExactlyInAnyOrder(
                        tuple(
                                "mobile-app: a request for the credit packs",
                                "available",
                                "Started",
                                "mappings/consumers/mobile-app/credits/packs/available/a_request_for_the_credit_packs.json"),
                        tuple(
                                "ops-console: a request for the credit packs when the store fails",
                                "storefailure",
                                "storefailure",
                                "mappings/consumers/ops-console/credits/packs/storefailure/a_request_for_the_credit_packs_when_the_store_fails.json"),
                        tuple(
                                "reporting: a request for the credit packs",
                                "available",
                                "Started",
                                "mappings/consumers/reporting/credits/packs/available/a_request_for_the_credit_packs.json"),
                        tuple(
                                "web-storefront: a request for the credit packs",
                                "available",
                                "Started",
                                "mappings/consumers/web-storefront/credits/packs/available/a_request_for_the_credit_packs.json"));
    }

    @Test
    void theStubMatchesThePactsRequestAndRanksBelowEveryPublicStub() {
        Path published = work.resolve("published");
        withAllFourPacts().publishTo(published);

        JsonNode stub = PublishedJson.read(published.resolve(
                "mappings/consumers/web-storefront/credits/packs/available/" + "a_request_for_the_credit_packs.json"));
        assertThat(stub.path("priority").asInt()).isEqualTo(1005);
        assertThat(stub.path("request").toString())
                .isEqualTo(
                        "{\"method\":\"GET\",\"urlPath\":\"/credits/packs\",\"headers\":{\"Accept\":{\"equalTo\":\"application/json\"}}}");
        assertThat(stub.at("/metadata/contract/pact").asString())
                .isEqualTo("consumers/web-storefront/web-storefront-credit-packs-api.json");
    }

    @Test
    void theRulesAreThePactsMatchingRules() {
        PublishedStubs published = withAllFourPacts().publishTo(work.resolve("published"));
        PublishedStub storefront = published.contracts().stream()
                .filter(stub -> "web-storefront".equals(stub.consumer()))
                .findFirst()
                .orElseThrow();

        assertThat(
                        storefront
                                .rules()
                                .body()
                                .accepts(
                                        json(
                                                "{'success': true, 'data': [{'id': 'x', 'name': 'y', 'credits': 7,"
                                                        + " 'price': 1.5, 'code': 'extra fields are allowed'}, {'id': 'a', 'name': 'b', 'credits': 2, 'price': 3}]}")))
                .isTrue();
        assertThat(storefront
                        .rules()
                        .body()
                        .problems(json("{'success': true, 'data': [{'id': 'x', 'name': 'y', 'credits': 7.5,"
                                + " 'price': '1.50'}]}")))
                .extracting(Object::toString)
                .containsExactlyInAnyOrder(
                        "$.data[0].credits: expected an integer, got the number 7.5",
                        "$.data[0].price: expected a number, got the string \"1.50\"");
        assertThat(storefront.rules().body().problems(json("{'success': true, 'data': []}")))
                .extracting(Object::toString)
                .containsExactly("$.data: expected at least 1 element(s), got an empty array");
        PublishedStub opsConsole = published.contracts().stream()
                .filter(stub -> "ops-console".equals(stub.consumer()))
                .findFirst()
                .orElseThrow();
        assertThat(opsConsole.rules().status()).isEqualTo(500);
        assertThat(opsConsole
                        .rules()
                        .body()
                        .accepts(json("{'success': false, 'error_code': 'INTERNAL_ERROR', 'message': 'any'}")))
                .isTrue();
        assertThat(opsConsole
                        .rules()
                        .body()
                        .accepts(json("{'success': false, 'error_code': 'OTHER', 'message': 'any'}")))
                .isFalse();
    }

    @Test
    void aProviderStateInTheConsumersOwnWordsThatNoTableMapsFailsNamingTheProducersStates() {
        EditedContracts contracts = EditedContracts.copy(work);
        copyPact(contracts, "mobile-app");

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining(
                        "mobile-app-credit-packs-api.json (interaction \"a request for the credit packs\"): its provider"
                                + " state \"credit packs exist\" names no state of the producer, whose states are available, noactivepacks,"
                                + " retiredpacks, storefailure: map it to one in "
                                + contracts.root().resolve("consumers/mobile-app/provider-states.properties")
                                + " (a line: credit packs exist = <producer state>)");
    }

    @Test
    void aPactOfAnotherConsumerThanItsFoldersIsRefused() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        Path pact = contracts.root().resolve("consumers/web-storefront/web-storefront-credit-packs-api.json");
        Files.createDirectories(pact.getParent());
        Files.copy(Path.of("src/tools/src/test/resources/pacts/reporting-credit-packs-api.json"), pact);

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining(
                        pact + ": the pact's consumer is reporting, but it sits in the folder of web-storefront");
    }

    @Test
    void aMatchingRuleThePublishedRulesCannotSayIsRefusedNamingIt() {
        EditedContracts contracts = EditedContracts.copy(work);
        copyPact(contracts, "reporting");
        contracts.edit(
                "consumers/reporting/reporting-credit-packs-api.json",
                text -> text.replaceFirst("\"match\": \"integer\"", "\"match\": \"arrayContains\""));

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining(
                        "(interaction \"a request for the credit packs\"): the matching rule on $.data[*].credits is"
                                + " {\"match\":\"arrayContains\"}, which the published rules cannot say yet");
    }

    @Test
    void anInteractionWithAnEndpointThePublicContractsDoNotPublishIsRefused() {
        EditedContracts contracts = EditedContracts.copy(work);
        copyPact(contracts, "reporting");
        contracts.edit(
                "consumers/reporting/reporting-credit-packs-api.json",
                text -> text.replace("\"path\": \"/credits/packs\"", "\"path\": \"/credits/balance\""));

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining("no public contract answers GET /credits/balance");
    }

    private EditedContracts withAllFourPacts() {
        EditedContracts contracts = EditedContracts.copy(work);
        for (String consumer : new String[] {"web-storefront", "mobile-app", "reporting", "ops-console"}) {
            copyPact(contracts, consumer);
        }
        contracts.write(
                "consumers/mobile-app/provider-states.properties",
                "# The mobile app's words for the producer's states\n" + "credit packs exist = available\n");
        contracts.write("consumers/ops-console/provider-states.properties", "the store is down = storefailure\n");
        return contracts;
    }

    private static void copyPact(EditedContracts contracts, String consumer) {
        Path pact =
                contracts.root().resolve("consumers").resolve(consumer).resolve(consumer + "-credit-packs-api.json");
        try {
            Files.createDirectories(pact.getParent());
            Files.copy(Path.of("src/tools/src/test/resources/pacts").resolve(pact.getFileName()), pact);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String singleQuoted) {
        return PublishedJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
