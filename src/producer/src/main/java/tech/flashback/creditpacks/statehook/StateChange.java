package tech.flashback.creditpacks.statehook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * A provider-state change as Pact's verifiers send it, so a Pact verifier drives this producer
 * with nothing but the hook's URL. What they send differs, and every form is taken:
 * <ul>
 * <li>the Rust verifier (Pact JS, pact-core, pact_verifier_cli): {@code {"action": "setup",
 *     "params": {...}, "state": "..."}}, {@code "state": ""} for an interaction without one;</li>
 * <li>pact-jvm: {@code {"state": "..."}}, with {@code params} only when there are some and
 *     {@code action} only when teardown calls are enabled (off by default), so no action means
 *     setup;</li>
 * <li>the Ruby verifier of older Pact JS: {@code {"consumer": ..., "state": ..., "states": [...],
 *     "params": {...}}}, {@code "state": null} without one, and never an action;</li>
 * <li>either of the first two told not to use a body: {@code ?state=...&action=...} and one query
 *     parameter per param, with no body at all.</li>
 * </ul>
 * So: no state, a null or blank one means {@link ProducerState#AVAILABLE}, the state a producer
 * starts in; no action means setup; params and every other field are ignored, whatever their shape.
 */
record StateChange(ProducerState state, Action action) {

    /** Pact's two actions. */
    enum Action {
        setup,
        teardown;

        String verb() {
            return this == setup ? "set up" : "tear down";
        }
    }

    /** What to send, for a request the hook cannot read. */
    static final String HOW = "Send a JSON object such as {\"state\": \"storefailure\", \"action\": \"setup\"}"
            + " (no state means available, no action means setup), or state and action in the query string with no body";

    /** Why the hook does not act on a request: its status, error code and message. */
    static final class Refused extends Exception {

        final HttpStatus status;
        final String errorCode;

        Refused(HttpStatus status, String errorCode, String message) {
            super(message, null, false, false);
            this.status = status;
            this.errorCode = errorCode;
        }
    }

    /** From a JSON body: an object, or {@code null} (no fields at all). */
    static StateChange fromJson(JsonNode body) throws Refused {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new StateChange(ProducerState.AVAILABLE, Action.setup);
        }
        if (!body.isObject()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "BAD_REQUEST", HOW);
        }
        return new StateChange(state(text(body.get("state"))), action(text(body.get("action"))));
    }

    /** From the query string of a request without a body: its first {@code state} and {@code action}. */
    static StateChange fromQuery(String rawQuery) throws Refused {
        Optional<String> state = Optional.empty();
        Optional<String> action = Optional.empty();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (name.equals("state") && state.isEmpty()) {
                state = Optional.of(value);
            } else if (name.equals("action") && action.isEmpty()) {
                action = Optional.of(value);
            }
        }
        return new StateChange(state(state.orElse(null)), action(action.orElse(null)));
    }

    /** The unknown-state message, naming every state this producer knows. */
    static String unknownState(String name) {
        return "No contract state " + quoted(name) + "; this producer knows "
                + Arrays.stream(ProducerState.values())
                        .map(state -> state == ProducerState.AVAILABLE
                                ? state.folder() + " (also for no state)"
                                : state.folder())
                        .collect(Collectors.joining(", "));
    }

    private static ProducerState state(String name) throws Refused {
        if (name == null || name.isBlank()) {
            return ProducerState.AVAILABLE;
        }
        return ProducerState.named(name)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "UNKNOWN_STATE", unknownState(name)));
    }

    private static Action action(String name) throws Refused {
        if (name == null || name.isBlank()) {
            return Action.setup;
        }
        return Arrays.stream(Action.values())
                .filter(known -> known.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new Refused(
                        HttpStatus.BAD_REQUEST,
                        "UNKNOWN_ACTION",
                        "action must be setup or teardown (no action means setup), got " + quoted(name)));
    }

    /** A field's text: null when absent or null, the JSON itself when it is not a string. */
    private static String text(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return null;
        }
        return field.isString() ? field.asString() : field.toString();
    }

    private static String decoded(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // Shown as sent: "No contract state 'a%zz'" says what is wrong well enough.
            return encoded;
        }
    }

    private static String quoted(String text) {
        return "'" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'";
    }
}
