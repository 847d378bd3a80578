package tech.flashback.creditpacks.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;
import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.consumer.CreditPacksClient.CreditPacksException;
import tech.flashback.creditpacks.consumer.CreditPacksClient.Pack;
import tech.flashback.creditpacks.contract.ContractStubs;

/**
 * A Java consumer's tests, offline, as a consumer team runs them: Stub Runner serves the stubs
 * in their published form (the folder the stubs jar is packed from is on the test classpath,
 * see pom.xml), and the typed client talks to it over HTTP. Each producer state is a state of
 * the stubs' WireMock scenario: a test switches it, never the client's request.
 */
class CreditPacksClientStubRunnerTest {

    @RegisterExtension
    static final StubRunnerExtension STUBS = new StubRunnerExtension()
            .downloadStub("tech.flashback", "credit-packs-api", System.getProperty("project.version"), "stubs")
            .stubsMode(StubsMode.CLASSPATH);

    private static final HttpClient ADMIN = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Each test starts where a consumer's test starts: WireMock's Started state, the catalog. */
    @BeforeEach
    void resetStubStates() throws Exception {
        send(HttpRequest.newBuilder(URI.create(stubUrl() + "/__admin/scenarios/reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void listsTheDocumentedPacksWithExactPrices() {
        List<Pack> packs = CreditPacksClient.forBaseUrl(stubUrl()).getCreditsPacks();

        assertThat(packs).containsExactlyElementsOf(packsOf(ContractStubs.responseBody("shouldReturnActivePacks")));
    }

    @Test
    void surfacesTheStoreFailureOfTheStoreFailureStateToTheCallerWithTheSameRequest() throws Exception {
        CreditPacksClient client = CreditPacksClient.forBaseUrl(stubUrl());

        switchStubsTo("storefailure");

        assertThatExceptionOfType(CreditPacksException.class).isThrownBy(client::getCreditsPacks)
                .satisfies(CreditPacksClientStubRunnerTest::isTheDocumentedStoreFailure);
    }

    @Test
    void listsNoPacksInTheNoActivePacksStateAndTheCatalogAgainAfterAReset() throws Exception {
        CreditPacksClient client = CreditPacksClient.forBaseUrl(stubUrl());

        switchStubsTo("noactivepacks");
        assertThat(client.getCreditsPacks()).isEmpty();

        send(HttpRequest.newBuilder(URI.create(stubUrl() + "/__admin/scenarios/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(client.getCreditsPacks()).containsExactlyElementsOf(packsOf(ContractStubs.responseBody("shouldReturnActivePacks")));
    }

    @Test
    void surfacesTheSelectedStoreFailureInTheDefaultState() {
        CreditPacksClient client = new CreditPacksClient(URI.create(stubUrl() + "/credits/packs?simulate=internal-error"));

        assertThatExceptionOfType(CreditPacksException.class).isThrownBy(client::getCreditsPacks)
                .satisfies(CreditPacksClientStubRunnerTest::isTheDocumentedStoreFailure);
    }

    /** What an end-to-end test does: the WireMock scenario call, the application's request unchanged. */
    private static void switchStubsTo(String state) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stubUrl() + "/__admin/scenarios/credit-packs/state"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + state + "\"}")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return ADMIN.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void isTheDocumentedStoreFailure(CreditPacksException failure) {
        JsonNode error = ContractStubs.responseBody("shouldReturnInternalErrorWhenStoreFails");
        assertThat(failure.status()).isEqualTo(500);
        assertThat(failure.errorCode()).isEqualTo(error.get("error_code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(failure.getMessage()).isEqualTo(error.get("message").asString());
    }

    private static String stubUrl() {
        return STUBS.findStubUrl("credit-packs-api").toString();
    }

    /** The packs as the contract's stub states them, prices read exactly as written. */
    private static List<Pack> packsOf(JsonNode body) {
        List<Pack> packs = new ArrayList<>();
        for (JsonNode pack : body.get("data")) {
            packs.add(new Pack(pack.get("id").asString(), pack.get("name").asString(), pack.get("code").asString(),
                    pack.get("credits").asInt(), new BigDecimal(pack.get("price").toString())));
        }
        return packs;
    }
}
