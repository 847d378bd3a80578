package tech.flashback.creditpacks.statehook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.statehook.StubResponses.StubResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state hook of the reference producer, under its profile: each state really
 * changes what {@code GET /credits/packs} answers (the store really fails for storefailure), and
 * teardown brings back the seeded catalog. Bad state changes get the JSON envelope.
 */
class StateHookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<ProducerState, StubResponse> STUB_RESPONSES = StubResponses.published();

    private static HookProducer producer;

    @BeforeAll
    static void startWithTheHook() {
        producer = HookProducer.withHookOnEmbeddedDatabase();
    }

    @AfterAll
    static void stop() {
        producer.close();
    }

    @Test
    void eachStateChangesTheResponseAndTeardownRestoresTheSeededCatalog() throws Exception {
        for (ProducerState state : ProducerState.values()) {
            HttpResponse<String> setUp = producer.change(state.folder(), "setup");
            assertThat(setUp.statusCode()).as(state.folder()).isEqualTo(200);
            assertThat(JSON.readTree(setUp.body())).isEqualTo(JSON.createObjectNode());
            assertRespondsAsIn(state);

            assertThat(producer.change(state.folder(), "teardown").statusCode()).isEqualTo(200);
            assertRespondsAsIn(ProducerState.AVAILABLE);
        }
    }

    @Test
    void anUnknownStateOrActionOrBodyIsA400Envelope() throws Exception {
        assertEnvelope(
                producer.change("nosuchstate", "setup"),
                "UNKNOWN_STATE",
                "No contract state 'nosuchstate'; this" + " producer knows " + StubResponses.knownStates());
        assertEnvelope(
                producer.change("available", "reset"),
                "UNKNOWN_ACTION",
                "action must be setup or teardown (no action means setup), got 'reset'");
        assertEnvelope(
                producer.stateChange("{not json"),
                "BAD_REQUEST",
                "Send a JSON object such as {\"state\":"
                        + " \"storefailure\", \"action\": \"setup\"} (no state means available, no action means setup), or state"
                        + " and action in the query string with no body");
        assertEnvelope(producer.stateChange("[\"available\"]"), "BAD_REQUEST", StateChange.HOW);
    }

    @Test
    void aStateChangeLargerThanABoundIsRefusedUnread() throws Exception {
        HttpResponse<String> response =
                producer.stateChange("{\"state\":\"" + "x".repeat(100_000) + "\",\"action\":\"setup\",\"params\":{}}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(
                        JSON.readTree(
                                "{\"success\":false,\"error_code\":\"CONTENT_TOO_LARGE\",\"message\":\"A state change is at most 4096 bytes\"}"));
    }

    private static void assertRespondsAsIn(ProducerState state) throws Exception {
        HttpResponse<String> packs = producer.packs();
        assertThat(STUB_RESPONSES.get(state).matches(packs))
                .as("%s answers %s %s", state.folder(), packs.statusCode(), packs.body())
                .isTrue();
    }

    private static void assertEnvelope(HttpResponse<String> response, String errorCode, String message) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body)
                .isEqualTo(JSON.createObjectNode()
                        .put("success", false)
                        .put("error_code", errorCode)
                        .put("message", message));
    }
}
