package tech.flashback.creditpacks.tools.verify;

import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.node.ObjectNode;

/**
 * A producer's state hook, driven as Pact drives provider states, so producers that already
 * serve Pact state changes work unchanged: {@code POST <url>} with
 * {@code {"state": "<contract folder>", "action": "setup"|"teardown", "params": {}}}.
 */
final class StateHook {

    enum Action {
        setup,
        teardown
    }

    private final String url;
    private final HttpProbe probe;

    StateHook(String url, HttpProbe probe) {
        this.url = url;
        this.probe = probe;
    }

    /**
     * Null when the hook answered 2xx; otherwise what it answered, naming the state.
     *
     * @throws HttpProbe.Failure when the hook gave no response at all (refused, timed out, too large)
     */
    String change(String state, Action action) throws HttpProbe.Failure {
        ObjectNode body = PublishedJson.MAPPER.createObjectNode();
        body.put("state", state);
        body.put("action", action.name());
        body.putObject("params");
        ObservedResponse response;
        try {
            response = probe.postJson(url, body.toString());
        } catch (HttpProbe.Failure failure) {
            throw new HttpProbe.Failure("state " + state + " " + action + ": " + failure.getMessage());
        }
        if (response.status() / 100 == 2) {
            return null;
        }
        return "state " + state + " " + action + ": POST " + HttpProbe.shown(url) + " answered " + response.status()
                + " " + Problem.shorten(response.bodyText());
    }
}
