package tech.flashback.creditpacks.statehook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tech.flashback.creditpacks.api.ApiError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state hook: {@code POST /_contract/states} puts this producer into the state a
 * contract is written for (setup) and back to the seeded catalog (teardown), so remote
 * verification, or a Pact verifier, runs every contract against a real, running producer. It
 * rewrites the catalog and breaks the store on request, so {@link StateHookSwitch} serves it only
 * under the Spring profile {@value #PROFILE}, and only on the embedded in-memory database unless
 * {@value #REAL_STORE} allows the one this producer is connected to. Not a Spring MVC controller
 * bean for that reason: the switch registers it, or not, once it knows which database it is.
 */
public class StateHookController {

    public static final String PROFILE = "contract-states";
    public static final String PATH = "/_contract/states";
    /** Lets the hook rewrite a database other than the embedded in-memory one. */
    public static final String REAL_STORE = "credit-packs.contract-states.real-store";

    private static final Logger log = LoggerFactory.getLogger(StateHookController.class);

    private static final int MAX_BODY_BYTES = 4096;

    private final CatalogStates states;
    private final JsonMapper json;

    StateHookController(CatalogStates states, JsonMapper json) {
        this.states = states;
        this.json = json;
    }

    /**
     * The state change in the body (any content type: curl's default form type included) or, when
     * there is no body, in the query string. Answered 200 {@code {}} once the state is in place.
     */
    public ResponseEntity<?> change(HttpServletRequest request) throws IOException {
        // A state change is a few dozen bytes: read no more than a bound, whatever the client sends.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return ApiError.response(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "CONTENT_TOO_LARGE",
                    "A state change is at most " + MAX_BODY_BYTES + " bytes");
        }
        StateChange change;
        try {
            change = new String(body, StandardCharsets.UTF_8).isBlank()
                    ? StateChange.fromQuery(request.getQueryString())
                    : StateChange.fromJson(read(body));
        } catch (StateChange.Refused refused) {
            // Pact's verifiers print the status of a refused change, never its body: the log is where
            // the message reaches whoever runs the verifier against this producer.
            log.info(
                    "Contract state change refused ({} {}): {}",
                    refused.status.value(),
                    refused.errorCode,
                    refused.getMessage());
            return ApiError.response(refused.status, refused.errorCode, refused.getMessage());
        }
        return apply(change);
    }

    /** Sets the state up or tears it down: 200 {@code {}} once it is in place, 503 when the store failed. */
    private ResponseEntity<?> apply(StateChange change) {
        try {
            if (change.action() == StateChange.Action.setup) {
                states.setUp(change.state());
            } else {
                states.tearDown();
            }
        } catch (DataAccessException storeFailed) {
            log.error(
                    "Contract state {} of {} failed: {}",
                    change.action(),
                    change.state().folder(),
                    storeFailed.getMessage());
            // 503: Pact's verifiers retry a state change that answers 5xx, and the store may recover.
            return ApiError.response(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "STORE_UNAVAILABLE",
                    "Could not " + change.action().verb() + " contract state "
                            + change.state().folder() + ": the store failed; this producer's log says why");
        }
        log.info("Contract state {}: {}", change.action(), change.state().folder());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    private JsonNode read(byte[] body) throws StateChange.Refused {
        try {
            return json.readTree(body);
        } catch (JacksonException unreadable) {
            throw new StateChange.Refused(HttpStatus.BAD_REQUEST, "BAD_REQUEST", StateChange.HOW);
        }
    }
}
