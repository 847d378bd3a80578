package tech.flashback.creditpacks.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import tech.flashback.creditpacks.consumer.CreditPacksClient.CreditPacksException;
import tech.flashback.creditpacks.consumer.CreditPacksClient.Pack;
import tools.jackson.databind.JsonNode;

/**
 * The client against its own stubs: those published from its contracts in
 * contracts/consumers/java-client/, which the producer's build verifies the producer against.
 * With stubs per consumer, Stub Runner loads only the stubs under a path that holds the consumer's
 * name, so these tests pass only as long as what the client relies on is what its contracts say.
 */
class CreditPacksClientOwnStubsTest {

    private static final String OWN = "consumers/" + ProducerStubs.CONSUMER;

    @RegisterExtension
    static final StubRunnerExtension STUBS = ProducerStubs.ownOnly();

    private final StubServer server = ProducerStubs.serverOf(STUBS);
    private final CreditPacksClient client = CreditPacksClient.forBaseUrl(server.url());

    @BeforeEach
    void resetTheStubs() {
        server.reset();
    }

    @Test
    void loadsTheConsumersOwnStubsAndNoneOfThePublicOnes() {
        List<JsonNode> own = ProducerStubs.mappingsUnder(OWN);

        assertThat(own)
                .isNotEmpty()
                .allSatisfy(stub -> assertThat(ProducerStubs.consumerOf(stub)).isEqualTo(ProducerStubs.CONSUMER));
        assertThat(server.mappings())
                .extracting(ProducerStubs::label)
                .containsExactlyInAnyOrderElementsOf(
                        own.stream().map(ProducerStubs::label).toList());
    }

    @Test
    void listsThePacksOfItsOwnStubInTheDefaultState() {
        JsonNode stub = ProducerStubs.answeringIn(OWN, "Started");

        List<Pack> packs = client.getCreditsPacks();

        assertThat(packs).isNotEmpty().containsExactlyElementsOf(ProducerStubs.packsOf(stub));
        assertThat(ProducerStubs.label(server.stubThatAnsweredTheRequest())).isEqualTo(ProducerStubs.label(stub));
    }

    @Test
    void listsNoPacksInTheNoActivePacksState() {
        JsonNode stub = ProducerStubs.answeringIn(OWN, "noactivepacks");
        server.switchTo("noactivepacks");

        List<Pack> packs = client.getCreditsPacks();

        assertThat(packs).isEmpty();
        assertThat(ProducerStubs.label(server.stubThatAnsweredTheRequest())).isEqualTo(ProducerStubs.label(stub));
    }

    @Test
    void surfacesTheStatusErrorCodeAndMessageOfTheStoreFailure() {
        JsonNode stub = ProducerStubs.answeringIn(OWN, "storefailure");
        server.switchTo("storefailure");

        assertThatExceptionOfType(CreditPacksException.class)
                .isThrownBy(client::getCreditsPacks)
                .satisfies(failure -> {
                    assertThat(failure.status())
                            .isEqualTo(stub.at("/response/status").asInt())
                            .isEqualTo(500);
                    assertThat(failure.errorCode())
                            .isEqualTo(stub.at("/response/jsonBody/error_code").asString())
                            .isNotBlank();
                    assertThat(failure.getMessage())
                            .isEqualTo(stub.at("/response/jsonBody/message").asString());
                });
        assertThat(ProducerStubs.label(server.stubThatAnsweredTheRequest())).isEqualTo(ProducerStubs.label(stub));
    }

    @Test
    void hasNoStateItHasNoContractFor() {
        Set<String> own = scenarioStates(ProducerStubs.mappingsUnder(OWN));
        Set<String> theProducers = scenarioStates(ProducerStubs.mappingsUnder("credits/packs"));
        Set<String> withoutContract = new TreeSet<>(theProducers);
        withoutContract.removeAll(own);
        assertThat(withoutContract)
                .as("the producer's states the client has no contract for")
                .isNotEmpty();

        for (String state : withoutContract) {
            HttpResponse<String> refused = server.requestState(state);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("does not support state " + state);
        }
        assertThat(client.getCreditsPacks())
                .as("still in the state it was in")
                .containsExactlyElementsOf(ProducerStubs.packsOf(ProducerStubs.answeringIn(OWN, "Started")));
    }

    /** The public stubs' selector is not among its stubs: the parameter is ignored, as a real producer ignores it. */
    @Test
    void getsNothingOfThePublicStubsNotEvenTheirStoreFailureSelector() {
        JsonNode stub = ProducerStubs.answeringIn(OWN, "Started");
        CreditPacksClient selecting =
                new CreditPacksClient(URI.create(server.url() + "/credits/packs?simulate=internal-error"));

        List<Pack> packs = selecting.getCreditsPacks();

        assertThat(packs).containsExactlyElementsOf(ProducerStubs.packsOf(stub));
        assertThat(ProducerStubs.label(server.stubThatAnsweredTheRequest())).isEqualTo(ProducerStubs.label(stub));
    }

    private static Set<String> scenarioStates(List<JsonNode> stubs) {
        return stubs.stream()
                .filter(stub -> stub.has("requiredScenarioState"))
                .map(stub -> stub.path("requiredScenarioState").asString())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
