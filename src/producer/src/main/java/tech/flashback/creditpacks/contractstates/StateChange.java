package tech.flashback.creditpacks.contractstates;

import java.util.Map;

/**
 * A provider-state change request in Pact's shape, so producers that already serve Pact state
 * changes work unchanged: {@code {"state": "storefailure", "action": "setup", "params": {}}}.
 */
public record StateChange(String state, String action, Map<String, Object> params) {

    /** Pact's two actions. */
    public enum Action { setup, teardown }
}
