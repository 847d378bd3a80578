package tech.flashback.creditpacks.contractstates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.CreditPacksApplication;
import tech.flashback.creditpacks.contract.ContractStubs;

/**
 * The contract state hook of the reference producer, under its profile: each state really
 * changes what {@code GET /credits/packs} answers (the store really fails for storefailure), and
 * teardown brings back the seeded catalog. Bad state changes get the JSON envelope.
 */
class ContractStatesHookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ConfigurableApplicationContext producer;
    private static String url;

    @BeforeAll
    static void startWithTheHook() {
        producer = new SpringApplicationBuilder(CreditPacksApplication.class).profiles(ContractStatesController.PROFILE)
                .run("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                        "--spring.datasource.url=jdbc:h2:mem:hook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        url = "http://127.0.0.1:" + ((WebServerApplicationContext) producer).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @Test
    void eachStateChangesTheAnswerAndTeardownRestoresTheSeededCatalog() throws Exception {
        JsonNode catalog = ContractStubs.responseBody("shouldReturnActivePacks");

        assertThat(change("noactivepacks", "setup").statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(packs().body())).isEqualTo(ContractStubs.responseBody("shouldReturnNoPacksWhenNoneIsActive"));

        change("noactivepacks", "teardown");
        assertThat(JSON.readTree(packs().body())).isEqualTo(catalog);

        change("retiredpacks", "setup");
        assertThat(JSON.readTree(packs().body())).isEqualTo(ContractStubs.responseBody("shouldNeverReturnInactiveOrDeletedPacks"));
        change("retiredpacks", "teardown");

        change("storefailure", "setup");
        HttpResponse<String> failed = packs();
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body())).isEqualTo(ContractStubs.responseBody("shouldReturnInternalErrorWhenStoreFails"));

        change("storefailure", "teardown");
        HttpResponse<String> recovered = packs();
        assertThat(recovered.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body())).isEqualTo(catalog);
    }

    @Test
    void anUnknownStateOrActionOrBodyIsA400Envelope() throws Exception {
        assertEnvelope(change("nosuchstate", "setup"), "UNKNOWN_STATE",
                "No contract state 'nosuchstate'; this producer knows available, noactivepacks, retiredpacks, storefailure");
        assertEnvelope(change("available", "reset"), "UNKNOWN_ACTION", "action must be setup or teardown, got 'reset'");
        assertEnvelope(post("{not json"), "BAD_REQUEST",
                "Send {\"state\": \"<contract folder>\", \"action\": \"setup\" or \"teardown\", \"params\": {}}");
    }

    @Test
    void aStateChangeLargerThanABoundIsRefusedUnread() throws Exception {
        HttpResponse<String> response = post("{\"state\":\"" + "x".repeat(100_000) + "\",\"action\":\"setup\",\"params\":{}}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error_code").asString()).isEqualTo("CONTENT_TOO_LARGE");
        assertThat(response.body()).hasSizeLessThan(300);
    }

    private static void assertEnvelope(HttpResponse<String> response, String errorCode, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("error_code").asString()).isEqualTo(errorCode);
        assertThat(body.get("message").asString()).isEqualTo(message);
    }

    private static HttpResponse<String> change(String state, String action) throws IOException, InterruptedException {
        return post("{\"state\":\"" + state + "\",\"action\":\"" + action + "\",\"params\":{}}");
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url + ContractStatesController.PATH)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> packs() throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/credits/packs")).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
