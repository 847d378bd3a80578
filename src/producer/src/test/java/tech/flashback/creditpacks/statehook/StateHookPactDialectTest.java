package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tech.flashback.creditpacks.statehook.RawExchange.Response;
import tech.flashback.creditpacks.statehook.StubResponses.StubResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state hook takes state changes exactly as Pact's verifiers send them, so a Pact verifier
 * configured with nothing but the hook's URL drives this producer. Each request below is written
 * byte for byte as its verifier writes it (read from their sources):
 * <ul>
 * <li>Pact JS 16 with {@code providerStatesSetupUrl}: pact-core 19 runs the Rust verifier
 *     (pact_verifier 1.3 in libpact_ffi 0.5.4) with teardown and a body, reqwest writing it
 *     ({@code rust/pact_verifier/src/callback_executors.rs}, {@code provider_client.rs});</li>
 * <li>pact-jvm, Apache HttpClient 5 writing it ({@code provider/.../ProviderClient.kt},
 *     {@code makeStateChangeRequest}): a pretty-printed body in UTF-8, or with
 *     {@code stateChangeUsesBody=false} a query string and no body; {@code action} only with
 *     {@code stateChangeTeardown=true}, which is off by default;</li>
 * <li>the Ruby pact-provider-verifier of Pact JS 9 and older ({@code set_up_provider_state.rb}):
 *     consumer, state and states, never an action, {@code "state": null} for no state.</li>
 * </ul>
 * Isolated, as {@link StateHookDatabaseTest} is, for the log line it reads from the console.
 */
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class StateHookPactDialectTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<ProducerState, StubResponse> STUB_RESPONSES = StubResponses.published();
    private static final String UNKNOWN_STATE_MESSAGE = "; this producer knows " + StubResponses.knownStates();

    private static HookProducer producer;

    @BeforeAll
    static void startWithTheHook() {
        producer = HookProducer.withHookOnEmbeddedDatabase();
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @BeforeEach
    void startFromTheSeededCatalog() throws Exception {
        assertThat(producer.change("available", "teardown").statusCode()).isEqualTo(200);
    }

    @Test
    void takesTheRustVerifiersBodyForEveryStateAndItsTeardown() throws Exception {
        for (ProducerState state : ProducerState.values()) {
            assertDone(rustVerifier(state.folder(), "setup", "{}"));
            assertRespondsAsIn(state);

            assertDone(rustVerifier(state.folder(), "teardown", "{}"));
            assertRespondsAsIn(ProducerState.AVAILABLE);
        }
    }

    @Test
    void takesTheRustVerifiersEmptyStateOfAnInteractionWithoutOneAsTheDefaultState() throws Exception {
        assertDone(rustVerifier("noactivepacks", "setup", "{}"));

        assertDone(rustVerifier("", "setup", "{}"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
        assertDone(rustVerifier("", "teardown", "{}"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
    }

    @Test
    void takesTheRustVerifiersStateChangeInTheQueryStringParamsIncluded() throws Exception {
        // pact_verifier_cli --state-change-as-query: the keys sorted, each param a key of its own, no body.
        assertDone(rustVerifierInQuery("action=setup&id=10&state=noactivepacks"));
        assertRespondsAsIn(ProducerState.NOACTIVEPACKS);

        assertDone(rustVerifierInQuery("action=teardown&id=10&state=noactivepacks"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
    }

    @Test
    void takesPactJvmsBodyWithoutAnActionAsASetup() throws Exception {
        assertDone(pactJvm("{\n  \"state\": \"noactivepacks\"\n}"));
        assertRespondsAsIn(ProducerState.NOACTIVEPACKS);

        // With stateChangeTeardown=true and params.
        assertDone(
                pactJvm(
                        "{\n  \"action\": \"teardown\",\n  \"params\": {\n    \"id\": 10\n  },\n  \"state\": \"noactivepacks\"\n}"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
        assertDone(
                pactJvm(
                        "{\n  \"action\": \"setup\",\n  \"params\": {\n    \"id\": 10\n  },\n  \"state\": \"retiredpacks\"\n}"));
        assertRespondsAsIn(ProducerState.RETIREDPACKS);
    }

    @Test
    void takesPactJvmsStateChangeInTheQueryStringWithNoBody() throws Exception {
        // stateChangeUsesBody=false: no body, no Content-Type, no Content-Length.
        assertDone(pactJvmInQuery("state=storefailure"));
        assertRespondsAsIn(ProducerState.STOREFAILURE);

        assertDone(pactJvmInQuery("state=storefailure&id=10&action=teardown"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
        assertDone(pactJvmInQuery("state=noactivepacks&action=setup"));
        assertRespondsAsIn(ProducerState.NOACTIVEPACKS);
        // An interaction without a state.
        assertDone(pactJvmInQuery("state="));
        assertRespondsAsIn(ProducerState.AVAILABLE);
    }

    @Test
    void takesTheRubyVerifiersNullStateAsTheDefaultState() throws Exception {
        assertDone(rubyVerifier("\"retiredpacks\""));
        assertRespondsAsIn(ProducerState.RETIREDPACKS);

        assertDone(rubyVerifier("null"));
        assertRespondsAsIn(ProducerState.AVAILABLE);
    }

    @Test
    void takesAJsonBodyWhateverItsContentTypeSays() throws Exception {
        // curl -X POST .../_contract/states -d '{"state": "noactivepacks"}' sends it as a form.
        String body = "{\"state\": \"noactivepacks\"}";
        assertDone(RawExchange.send(
                producer.port,
                "POST /_contract/states HTTP/1.1\r\nHost: 127.0.0.1:" + producer.port
                        + "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\nContent-Length: " + RawExchange.length(body)
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                body));
        assertRespondsAsIn(ProducerState.NOACTIVEPACKS);
    }

    @Test
    void ignoresParamsOfAnyShape() throws Exception {
        for (String params : List.of(
                "null",
                "[]",
                "\"text\"",
                "42",
                "true",
                "{\"id\":10,\"name\":\"Pack 1\",\"nested\":{\"list\":[1,{\"deep\":[null,2.5]}]}}")) {
            assertDone(rustVerifier("noactivepacks", "setup", params));
            assertRespondsAsIn(ProducerState.NOACTIVEPACKS);
            assertDone(rustVerifier("noactivepacks", "teardown", params));
            assertRespondsAsIn(ProducerState.AVAILABLE);
        }
    }

    @Test
    void answersAnUnknownStateWithA400NamingTheStatesItKnowsAndLogsIt(CapturedOutput output) throws Exception {
        assertDone(rustVerifier("noactivepacks", "setup", "{}"));

        assertRefused(
                rustVerifier("packs exist", "setup", "{}"),
                "UNKNOWN_STATE",
                "No contract state 'packs exist'" + UNKNOWN_STATE_MESSAGE);
        assertRefused(
                pactJvmInQuery("state=a+pack+is+on+sale"),
                "UNKNOWN_STATE",
                "No contract state 'a pack is on sale'" + UNKNOWN_STATE_MESSAGE);
        assertRefused(
                rubyVerifier("\"the catalog is empty\""),
                "UNKNOWN_STATE",
                "No contract state 'the catalog is empty'" + UNKNOWN_STATE_MESSAGE);
        assertRefused(
                rustVerifier("available", "reset", "{}"),
                "UNKNOWN_ACTION",
                "action must be setup or teardown (no action means setup), got 'reset'");

        assertRespondsAsIn(ProducerState.NOACTIVEPACKS);
        // Pact's Rust verifier and pact-jvm print only the status of a refused change: the producer's
        // log is where the reason reaches whoever runs them.
        assertThat(output.getAll().lines().filter(line -> line.contains("'packs exist'")))
                .singleElement()
                .asString()
                .containsPattern(" INFO .*\\.StateHookController +: ")
                .endsWith(": Contract state change refused (400 UNKNOWN_STATE): No contract state 'packs exist'"
                        + UNKNOWN_STATE_MESSAGE);
    }

    /** Pact JS 16 (pact-core 19, the Rust verifier): a compact body, keys in order, a plain JSON type. */
    private static Response rustVerifier(String state, String action, String params) throws Exception {
        String body = "{\"action\":\"" + action + "\",\"params\":" + params + ",\"state\":\"" + state + "\"}";
        return RawExchange.send(
                producer.port,
                "POST /_contract/states HTTP/1.1\r\ncontent-type: application/json\r\n"
                        + "accept: */*\r\nhost: 127.0.0.1:" + producer.port + "\r\ncontent-length: "
                        + RawExchange.length(body) + "\r\n",
                body);
    }

    private static Response rustVerifierInQuery(String query) throws Exception {
        return RawExchange.send(
                producer.port,
                "POST /_contract/states?" + query + " HTTP/1.1\r\naccept: */*\r\nhost: 127.0.0.1:" + producer.port
                        + "\r\ncontent-length: 0\r\n",
                "");
    }

    /** pact-jvm: Apache HttpClient 5, a pretty-printed body, a JSON type with its charset. */
    private static Response pactJvm(String body) throws Exception {
        return RawExchange.send(
                producer.port,
                "POST /_contract/states HTTP/1.1\r\nAccept-Encoding: gzip, x-gzip, deflate\r\n"
                        + "Content-Length: " + RawExchange.length(body)
                        + "\r\nContent-Type: application/json; charset=UTF-8\r\n"
                        + "Host: 127.0.0.1:" + producer.port + "\r\nConnection: keep-alive\r\n"
                        + "User-Agent: Apache-HttpClient/5.4.4 (Java/17.0.16)\r\n",
                body);
    }

    private static Response pactJvmInQuery(String query) throws Exception {
        return RawExchange.send(
                producer.port,
                "POST /_contract/states?" + query + " HTTP/1.1\r\n"
                        + "Accept-Encoding: gzip, x-gzip, deflate\r\nHost: 127.0.0.1:" + producer.port
                        + "\r\nConnection: keep-alive\r\n"
                        + "User-Agent: Apache-HttpClient/5.4.4 (Java/17.0.16)\r\n",
                "");
    }

    /** The Ruby pact-provider-verifier: Faraday over Net::HTTP, consumer, state and states, no action. */
    private static Response rubyVerifier(String stateJson) throws Exception {
        String body = "{\"consumer\":\"credit-packs-web\",\"state\":" + stateJson + ",\"states\":[" + stateJson
                + "],\"params\":{}}";
        return RawExchange.send(
                producer.port,
                "POST /_contract/states HTTP/1.1\r\nContent-Type: application/json\r\n"
                        + "User-Agent: Faraday v0.17.6\r\nAccept-Encoding: gzip;q=1.0,deflate;q=0.6,identity;q=0.3\r\nAccept: */*\r\n"
                        + "Connection: close\r\nHost: 127.0.0.1:" + producer.port + "\r\nContent-Length: "
                        + RawExchange.length(body)
                        + "\r\n",
                body);
    }

    private static void assertDone(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode());
    }

    private static void assertRefused(Response response, String errorCode, String message) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).isEqualTo("application/json");
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.createObjectNode()
                        .put("success", false)
                        .put("error_code", errorCode)
                        .put("message", message));
    }

    private static void assertRespondsAsIn(ProducerState state) throws Exception {
        HttpResponse<String> packs = producer.packs();
        assertThat(STUB_RESPONSES.get(state).matches(packs))
                .as("%s answers %s %s", state.folder(), packs.statusCode(), packs.body())
                .isTrue();
    }
}
