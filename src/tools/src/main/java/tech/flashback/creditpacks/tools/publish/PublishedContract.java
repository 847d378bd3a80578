package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ObjectNode;

import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.publish.ContractTree.Placement;

/**
 * One contract in its published form, read once from its source and complete: every file the
 * publication holds for it (its stub, its selector stub if it has one, the rules of its response
 * and of its request body) comes from this value.
 *
 * @param source         the contract's file, as problems name it
 * @param name           the contract's name (its test's, its stub's)
 * @param placement      whose contract it is, its endpoint and producer state
 * @param mappingFile    where its stub goes, relative to the published folder
 * @param mapping        its stub
 * @param selectorFile   where its selector stub goes (null: it has none)
 * @param selectorMapping the stub answering the same in any state to a request carrying the selector
 * @param rulesFile      its response body's rules (null: the response has no body)
 * @param rules          those rules, a JSON Schema document
 * @param requestRulesFile what a consumer may send as the request body (null: the request has no JSON body)
 * @param requestRules   those rules
 */
record PublishedContract(Path source, String name, Placement placement, Path mappingFile, ObjectNode mapping, Path selectorFile,
        ObjectNode selectorMapping, Path rulesFile, ObjectNode rules, Path requestRulesFile, ObjectNode requestRules) {

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

    /** How reports name it: {@code credits/packs/available/shouldReturnActivePacks.groovy}, or its consumer's and its own name. */
    String label() {
        return placement.isPublic() ? name : placement.consumer() + ": " + name;
    }
}
