package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

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
 * A consumer's own contracts in the producer's repository ({@code contracts/consumers/<consumer>/}):
 * published under the consumer's name, in the producer's states, without changing what the
 * public stubs answer.
 */
class ConsumerContractsTest {

    /** What a storefront reads of the catalog: each pack's id and price, nothing else. */
    static final String STOREFRONT_CATALOG = """
            import org.springframework.cloud.contract.spec.Contract

            Contract.make {
                name 'shouldListPackPrices'
                description 'The storefront shows each pack by its id and price.'
                request {
                    method GET()
                    urlPath '/credits/packs'
                }
                response {
                    status OK()
                    headers {
                        contentType(applicationJson())
                    }
                    body(success: true, data: [[id: 'pack-1', price: 19.99]])
                    bodyMatchers {
                        jsonPath('$.data', byType { minOccurrence(1) })
                        jsonPath('$.data[*].id', byRegex(nonBlank()))
                        jsonPath('$.data[*].price', byRegex(number()))
                    }
                }
            }
            """;

    static final String STOREFRONT = "consumers/web-storefront/credits/packs/available/shouldListPackPrices.groovy";

    @TempDir
    Path work;

    @Test
    void aConsumersContractIsPublishedUnderItsNameRankedBelowEveryPublicStub() {
        EditedContracts contracts = EditedContracts.copy(work).write(STOREFRONT, STOREFRONT_CATALOG);

        Map<Path, String> files = StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION)
                .files();

        JsonNode stub = PublishedJson.MAPPER.readTree(files.get(
                Path.of("mappings/consumers/web-storefront/credits/packs/available/shouldListPackPrices.json")));
        assertThat(stub.path("priority").asInt()).as("below every public stub").isEqualTo(1005);
        assertThat(stub.path("scenarioName").asString()).isEqualTo("credit-packs");
        assertThat(stub.path("requiredScenarioState").asString()).isEqualTo("Started");
        assertThat(stub.at("/metadata/contract/consumer").asString()).isEqualTo("web-storefront");
        assertThat(files)
                .containsKey(Path.of(
                        "rules/consumers/web-storefront/credits/packs/available/shouldListPackPrices.schema.json"));
    }

    @Test
    void theConsumersContractsChangeNothingThePublicStubsPublish() {
        Map<Path, String> alone = StubPublisher.publish(
                        EditedContracts.copy(work.resolve("alone")).root(), EditedContracts.PUBLICATION)
                .files();
        Map<Path, String> withConsumer = StubPublisher.publish(
                        EditedContracts.copy(work.resolve("with"))
                                .write(STOREFRONT, STOREFRONT_CATALOG)
                                .root(),
                        EditedContracts.PUBLICATION)
                .files();

        alone.forEach((file, text) -> {
            if (!file.toString().equals("openapi.yaml")) {
                assertThat(withConsumer.get(file)).as(file.toString()).isEqualTo(text);
            }
        });
    }

    @Test
    void readAsPublishedEachStubKnowsItsConsumer() {
        PublishedStubs published =
                EditedContracts.copy(work).write(STOREFRONT, STOREFRONT_CATALOG).publishTo(work.resolve("published"));

        assertThat(published.consumers()).containsExactly("web-storefront");
        assertThat(published.contracts())
                .filteredOn(stub -> stub.consumer() != null)
                .extracting(PublishedStub::label)
                .containsExactly("web-storefront: shouldListPackPrices");
    }

    @Test
    void twoConsumersMayEachHaveAContractOfTheSameName() {
        EditedContracts contracts = EditedContracts.copy(work)
                .write(STOREFRONT, STOREFRONT_CATALOG)
                .write(STOREFRONT.replace("web-storefront", "mobile-app"), STOREFRONT_CATALOG);

        PublishedStubs published = contracts.publishTo(work.resolve("published"));

        assertThat(published.consumers()).containsExactly("mobile-app", "web-storefront");
    }

    @Test
    void aConsumerContractInAStateTheProducerDoesNotHaveIsRefusedNamingTheStatesThereAre() {
        EditedContracts contracts =
                EditedContracts.copy(work).write(STOREFRONT.replace("/available/", "/onsale/"), STOREFRONT_CATALOG);

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining(
                        "Consumer contracts in state onsale of "
                                + contracts.root().resolve("credits/packs")
                                + ": the producer has no such state (its states are available, noactivepacks, retiredpacks, storefailure)");
    }

    @Test
    void twoOfOneConsumersStubsAnsweringOneRequestAreRefusedWhileTheSameRequestAsAPublicStubIsNot() {
        EditedContracts contracts = EditedContracts.copy(work)
                .write(STOREFRONT, STOREFRONT_CATALOG)
                .write(
                        STOREFRONT.replace("shouldListPackPrices.groovy", "shouldListPackIds.groovy"),
                        STOREFRONT_CATALOG.replace("'shouldListPackPrices'", "'shouldListPackIds'"));

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining("(web-storefront: shouldListPackIds)")
                .withMessageContaining("is also answered by web-storefront: shouldListPackPrices")
                .withMessageContaining("which one answers is WireMock's choice");
    }

    @Test
    void aConsumerFolderNamedOtherwiseThanAConsumerIsRefused() {
        EditedContracts contracts = EditedContracts.copy(work)
                .write(STOREFRONT.replace("web-storefront", "Web Storefront"), STOREFRONT_CATALOG);

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining("the consumer folder 'Web Storefront' must be a consumer's name in lower case");
    }
}
