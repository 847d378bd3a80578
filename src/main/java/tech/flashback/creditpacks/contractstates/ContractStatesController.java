package tech.flashback.creditpacks.contractstates;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.api.ApiError;

/**
 * The contract state hook: {@code POST /_contract/states} puts this producer into the state a
 * contract is written for (setup) and back to the seeded catalog (teardown), so remote
 * verification runs every contract against a real, running producer. It rewrites the catalog and
 * breaks the store on request, so {@link StateHookSwitch} serves it only under the Spring profile
 * {@value #PROFILE}, and only on the embedded in-memory database unless {@value #REAL_STORE}
 * allows the one this producer is connected to. Not a Spring MVC controller bean for that reason:
 * the switch registers it, or not, once it knows which database it is.
 */
public class ContractStatesController {

    public static final String PROFILE = "contract-states";
    public static final String PATH = "/_contract/states";
    /** Lets the hook rewrite a database other than the embedded in-memory one. */
    public static final String REAL_STORE = "credit-packs.contract-states.real-store";

    private static final Logger log = LoggerFactory.getLogger(ContractStatesController.class);

    private static final int MAX_BODY_BYTES = 4096;

    private final CatalogStates states;
    private final JsonMapper json;

    ContractStatesController(CatalogStates states, JsonMapper json) {
        this.states = states;
        this.json = json;
    }

    public ResponseEntity<?> change(HttpServletRequest request) throws IOException {
        // A state change is a few dozen bytes: read no more than a bound, whatever the client sends.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return ApiError.response(HttpStatus.CONTENT_TOO_LARGE, "CONTENT_TOO_LARGE",
                    "A state change is at most " + MAX_BODY_BYTES + " bytes");
        }
        StateChange change;
        try {
            change = json.readValue(body, StateChange.class);
        } catch (JacksonException | IllegalArgumentException unreadable) {
            return unreadable();
        }
        if (change == null) {
            return unreadable();
        }
        Optional<StateChange.Action> action = Arrays.stream(StateChange.Action.values())
                .filter(known -> known.name().equals(change.action())).findFirst();
        if (action.isEmpty()) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "UNKNOWN_ACTION",
                    "action must be setup or teardown, got " + quoted(change.action()));
        }
        Optional<ContractState> state = ContractState.named(change.state());
        if (state.isEmpty()) {
            return ApiError.response(HttpStatus.BAD_REQUEST, "UNKNOWN_STATE", "No contract state " + quoted(change.state())
                    + "; this producer knows " + Arrays.stream(ContractState.values()).map(ContractState::folder)
                            .collect(Collectors.joining(", ")));
        }
        if (action.get() == StateChange.Action.setup) {
            states.setUp(state.get());
        } else {
            states.tearDown();
        }
        log.info("Contract state {}: {}", action.get(), state.get().folder());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(Map.of());
    }

    private static ResponseEntity<ApiError> unreadable() {
        return ApiError.response(HttpStatus.BAD_REQUEST, "BAD_REQUEST",
                "Send {\"state\": \"<contract folder>\", \"action\": \"setup\" or \"teardown\", \"params\": {}}");
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'";
    }
}
