package tech.flashback.creditpacks.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import tech.flashback.creditpacks.consumer.CreditPacksClient.CreditPacksException;
import tools.jackson.databind.JsonNode;

/**
 * The client against the producer's public stubs, offline, as a consumer team runs it: Stub Runner
 * serves every published stub (the folder the stubs jar is packed from is on the test classpath,
 * see pom.xml) on a random port, and the client talks to it over HTTP. Each producer state is a
 * state of the stubs' WireMock scenario: a test switches it, never the client's request.
 */
class CreditPacksClientStubRunnerTest {

    /** The public stubs: contracts/credits/packs/ (a consumer's own are under consumers/). */
    private static final String PUBLIC = "credits/packs";

    @RegisterExtension
    static final StubRunnerExtension STUBS = ProducerStubs.all();

    private final StubServer server = ProducerStubs.serverOf(STUBS);

    /** Each test starts where a consumer's test starts: WireMock's Started state, the catalog. */
    @BeforeEach
    void resetTheStubs() {
        server.reset();
    }

    @Test
    void listsTheDocumentedPacksWithExactPrices() {
        List<CreditPacksClient.Pack> packs =
                CreditPacksClient.forBaseUrl(server.url()).getCreditsPacks();

        assertThat(packs)
                .isNotEmpty()
                .containsExactlyElementsOf(ProducerStubs.packsOf(ProducerStubs.answeringIn(PUBLIC, "Started")));
    }

    @Test
    void surfacesTheStoreFailureOfTheStoreFailureStateToTheCallerWithTheSameRequest() {
        CreditPacksClient client = CreditPacksClient.forBaseUrl(server.url());

        server.switchTo("storefailure");

        assertThatExceptionOfType(CreditPacksException.class)
                .isThrownBy(client::getCreditsPacks)
                .satisfies(failure ->
                        isTheDocumentedStoreFailure(failure, ProducerStubs.answeringIn(PUBLIC, "storefailure")));
    }

    @Test
    void listsNoPacksInTheNoActivePacksStateAndTheCatalogAgainAfterAReset() {
        CreditPacksClient client = CreditPacksClient.forBaseUrl(server.url());

        server.switchTo("noactivepacks");
        assertThat(client.getCreditsPacks()).isEmpty();

        server.reset();
        assertThat(client.getCreditsPacks())
                .containsExactlyElementsOf(ProducerStubs.packsOf(ProducerStubs.answeringIn(PUBLIC, "Started")));
    }

    @Test
    void surfacesTheSelectedStoreFailureInTheDefaultState() {
        CreditPacksClient client =
                new CreditPacksClient(URI.create(server.url() + "/credits/packs?simulate=internal-error"));

        assertThatExceptionOfType(CreditPacksException.class)
                .isThrownBy(client::getCreditsPacks)
                .satisfies(failure ->
                        isTheDocumentedStoreFailure(failure, ProducerStubs.answeringIn(PUBLIC, "storefailure")));
    }

    /**
     * Without stubs per consumer, Stub Runner loads every published stub, the consumers' own among
     * them; they rank below every public stub, so in every state the public stub still answers the
     * client's request, which is exactly the request the client's own stubs match.
     */
    @Test
    void thePublicStubsAnswerInEveryStateThoughEveryConsumersOwnStubsAreLoadedToo() {
        List<JsonNode> published = ProducerStubs.mappingsUnder("");
        assertThat(published)
                .as("the consumers' own stubs are published")
                .anyMatch(stub -> ProducerStubs.consumerOf(stub) != null);
        assertThat(server.mappings())
                .extracting(ProducerStubs::label)
                .as("every published stub is loaded")
                .containsExactlyInAnyOrderElementsOf(
                        published.stream().map(ProducerStubs::label).toList());
        List<JsonNode> statesStubs = ProducerStubs.mappingsUnder(PUBLIC).stream()
                .filter(stub -> stub.has("requiredScenarioState"))
                .toList();
        assertThat(statesStubs)
                .extracting(stub -> stub.path("requiredScenarioState").asString())
                .as("one public stub per producer state")
                .doesNotHaveDuplicates()
                .contains("Started", "noactivepacks", "retiredpacks", "storefailure");
        CreditPacksClient client = CreditPacksClient.forBaseUrl(server.url());

        for (JsonNode stub : statesStubs) {
            server.reset();
            server.switchTo(stub.path("requiredScenarioState").asString());

            if (stub.at("/response/status").asInt() == 200) {
                assertThat(client.getCreditsPacks())
                        .as(ProducerStubs.label(stub))
                        .containsExactlyElementsOf(ProducerStubs.packsOf(stub));
            } else {
                assertThatExceptionOfType(CreditPacksException.class)
                        .as(ProducerStubs.label(stub))
                        .isThrownBy(client::getCreditsPacks)
                        .satisfies(failure -> isTheDocumentedStoreFailure(failure, stub));
            }
            assertThat(ProducerStubs.label(server.stubThatAnsweredTheRequest()))
                    .as("the stub answering in state "
                            + stub.path("requiredScenarioState").asString())
                    .isEqualTo(ProducerStubs.label(stub));
        }
    }

    private static void isTheDocumentedStoreFailure(CreditPacksException failure, JsonNode stub) {
        JsonNode error = stub.at("/response/jsonBody");
        assertThat(failure.status())
                .isEqualTo(stub.at("/response/status").asInt())
                .isEqualTo(500);
        assertThat(failure.errorCode())
                .isEqualTo(error.get("error_code").asString())
                .isEqualTo("INTERNAL_ERROR");
        assertThat(failure.getMessage()).isEqualTo(error.get("message").asString());
    }
}
