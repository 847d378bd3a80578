package tech.flashback.creditpacks.tools.published;

import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * One published stub mapping, read as data: which contract it stubs (and whose: a consumer's, or
 * null for the public contracts), in which producer state, the request a consumer sends to reach
 * it, the WireMock scenario of its endpoint and the state of it the stub answers in (null: in
 * any), the rules its contract holds the producer's response to, what a consumer may send as the
 * request body (null: no JSON body), the example body the stub answers with (null when it has
 * none), and the request as the stub matches it (WireMock's request pattern). A contract has one
 * stub for its state; a {@code selector} stub answers the same in any state to a request that
 * carries a selector (such as {@code ?simulate=internal-error}) that producers never see. A contract
 * read from a consumer's Pact file names it ({@code pact}, relative to the contracts folder; null otherwise).
 */
public record PublishedStub(
        String contract,
        String consumer,
        String state,
        String scenario,
        String scenarioState,
        ExampleRequest request,
        ResponseRules rules,
        BodyRules requestRules,
        boolean selector,
        JsonNode example,
        JsonNode requestMatcher,
        Path mapping,
        String pact) {

    /** How reports name the owner of the public contracts: the API reference's, relied on by every unnamed consumer. */
    public static final String PUBLIC_CONTRACT = "public contract";

    /** Whose contract this is, as reports name them: its consumer, or the public contract. */
    public String owner() {
        return consumer == null ? PUBLIC_CONTRACT : consumer;
    }

    /** "in state storefailure" or "in any state": where a stub user meets this response. */
    public String where() {
        return scenarioState == null ? "in any state" : "in state " + state;
    }

    /** How reports name the contract: its name, after its consumer's for a consumer's own. */
    public String label() {
        return consumer == null ? contract : consumer + ": " + contract;
    }

    /** Whether this stub answers in its endpoint's default state: the one a producer without a state hook is in. */
    public boolean inDefaultState() {
        return PublishedStubs.STARTED.equals(scenarioState);
    }
}
