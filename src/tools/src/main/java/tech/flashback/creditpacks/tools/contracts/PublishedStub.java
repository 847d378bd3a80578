package tech.flashback.creditpacks.tools.contracts;

import java.nio.file.Path;

import tools.jackson.databind.JsonNode;

/**
 * One published stub mapping, read as data: which contract it stubs and in which producer state,
 * the request a consumer sends to reach it, in which stub scenario state it answers (null: in
 * any), the rules its contract holds the producer's answer to, the example body the stub
 * answers with (null when it has none), and the request as the stub matches it (WireMock's
 * request pattern, with any patterns a consumer's values must match). A contract has one stub for
 * its state; a {@code selector} stub answers the same in any state to a request that carries a
 * selector (such as {@code ?simulate=internal-error}) that producers never see.
 */
public record PublishedStub(String contract, String state, String scenarioState, ExampleRequest request,
        ResponseRules rules, boolean selector, JsonNode example, JsonNode requestMatcher, Path mapping) {

    /** "in state storefailure" or "in any state": where a stub user meets this answer. */
    public String where() {
        return scenarioState == null ? "in any state" : "in state " + state;
    }
}
