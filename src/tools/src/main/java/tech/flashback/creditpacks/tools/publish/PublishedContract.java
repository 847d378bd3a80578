package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.flashback.creditpacks.tools.publish.ContractTree.Placement;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One contract in its published form, read once from its source and complete: every output of the
 * publication (its stub, its selector stub if it has one, the rules of its response and of its
 * request body, its part of the OpenAPI document and of its consumer's Pact file) and every check
 * of the stubs comes from this value, never from the source again nor from the files written.
 *
 * @param source         the contract's file, as problems name it
 * @param name           the contract's name (its test's, its stub's)
 * @param placement      whose contract it is, its endpoint and producer state
 * @param mappingFile    where its stub goes, relative to the published folder
 * @param mapping        its stub
 * @param selectorFile   where its selector stub goes (null: it has none)
 * @param selectorMapping the stub responding the same in any state to a request carrying the selector
 * @param rulesFile      its response body's rules (null: the response has no body)
 * @param rules          those rules, a JSON Schema document
 * @param requestRulesFile what a consumer may send as the request body (null: the request has no JSON body)
 * @param requestRules   those rules
 */
record PublishedContract(
        Path source,
        String name,
        Placement placement,
        Path mappingFile,
        ObjectNode mapping,
        Path selectorFile,
        ObjectNode selectorMapping,
        Path rulesFile,
        ObjectNode rules,
        Path requestRulesFile,
        ObjectNode requestRules) {

    /**
     * Each document as a read of its published text gives it (a decimal as a decimal, an integer as
     * the smallest integer node): a contract taken over from the last run's record (see
     * {@link LastPublication}) is then the same value as one read from its source, and every output
     * made of either is the same.
     */
    PublishedContract {
        mapping = asRead(mapping);
        selectorMapping = asRead(selectorMapping);
        rules = asRead(rules);
        requestRules = asRead(requestRules);
    }

    private static ObjectNode asRead(ObjectNode document) {
        return document == null
                ? null
                : (ObjectNode) PublishedJson.MAPPER.readTree(PublishedJson.MAPPER.writeValueAsString(document));
    }

    /** Every file it publishes, by path relative to the published folder. */
    Map<Path, String> files() {
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(mappingFile, PublishedJson.pretty(mapping));
        if (selectorFile != null) {
            files.put(selectorFile, PublishedJson.pretty(selectorMapping));
        }
        if (rulesFile != null) {
            files.put(rulesFile, PublishedJson.pretty(rules));
        }
        if (requestRulesFile != null) {
            files.put(requestRulesFile, PublishedJson.pretty(requestRules));
        }
        return files;
    }

    /** The contract as data, as its stub carries it in {@code metadata.contract}. */
    static JsonNode described(JsonNode mapping) {
        return mapping.path("metadata").path("contract");
    }

    /** The request its test sends, which its stub responds to. */
    ExampleRequest request() {
        return ExampleRequest.fromJson(described(mapping).path("request"));
    }

    /** The status of its response. */
    int status() {
        return described(mapping).path("response").path("status").asInt();
    }

    /** How reports name it: {@code credits/packs/available/shouldReturnActivePacks.groovy}, or its consumer's and its own name. */
    String label() {
        return placement.isPublic() ? name : placement.consumer() + ": " + name;
    }
}
