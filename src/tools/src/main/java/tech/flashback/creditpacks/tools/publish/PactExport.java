package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.cloud.contract.spec.internal.RegexPatterns;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contracts as Pact files (specification 4), for teams whose tooling speaks Pact (Pact's
 * verifiers, pact-stub-server, a Pact Broker): one per consumer, and one for the public contracts.
 * Each contract is an HTTP interaction in its producer state (named as the producer's state hook
 * knows it), with the matching rules its published rules say: types, patterns, array lengths.
 * What a rule says beyond Pact's matchers (a minimum, say) Pact cannot check; the published JSON
 * Schema rules remain the exact ones.
 */
final class PactExport {

    static final String FOLDER = "pacts";
    /** The consumer name of the public contracts' pact: the API reference's, relied on by every unnamed consumer. */
    static final String PUBLIC_CONSUMER = "public-contract";
    /** The record that the build wrote a pact, in its metadata. */
    static final String GENERATED = "contract-tools";

    private PactExport() {}

    /** A pact file per consumer and one for the public contracts, by path relative to the published folder. */
    static Map<Path, String> files(List<PublishedContract> contracts, String provider) {
        Map<String, List<PublishedContract>> byConsumer = new TreeMap<>();
        contracts.forEach(contract -> byConsumer
                .computeIfAbsent(
                        contract.placement().isPublic()
                                ? PUBLIC_CONSUMER
                                : contract.placement().consumer(),
                        unused -> new ArrayList<>())
                .add(contract));
        Map<Path, String> files = new TreeMap<>();
        byConsumer.forEach((consumer, ofConsumer) -> files.put(
                Path.of(FOLDER, consumer + "-" + provider + ".json"),
                PublishedJson.pretty(pact(consumer, provider, ofConsumer))));
        return files;
    }

    private static ObjectNode pact(String consumer, String provider, List<PublishedContract> contracts) {
        ObjectNode pact = PublishedJson.MAPPER.createObjectNode();
        pact.putObject("consumer").put("name", consumer);
        pact.putObject("provider").put("name", provider);
        ArrayNode interactions = pact.putArray("interactions");
        contracts.stream()
                .sorted(Comparator.comparing((PublishedContract contract) ->
                                contract.placement().state())
                        .thenComparing(PublishedContract::name))
                .forEach(contract -> interactions.add(interaction(contract)));
        ObjectNode metadata = pact.putObject("metadata");
        metadata.putObject("pactSpecification").put("version", "4.0");
        metadata.putObject(GENERATED)
                .put("generatedFrom", "the contracts in contracts/, by the build: edit them, not this file");
        return pact;
    }

    private static ObjectNode interaction(PublishedContract contract) {
        ObjectNode interaction = PublishedJson.MAPPER.createObjectNode();
        interaction.put("type", "Synchronous/HTTP");
        interaction.put("description", contract.name());
        interaction
                .putArray("providerStates")
                .addObject()
                .put("name", contract.placement().state());
        interaction.set(
                "request",
                request(PublishedContract.described(contract.mapping()).path("request")));
        interaction.set("response", response(contract));
        return interaction;
    }

    /** The request its test sends, the body as the media type it is sent as. */
    private static ObjectNode request(JsonNode example) {
        ObjectNode request = PublishedJson.MAPPER.createObjectNode();
        request.put("method", example.path("method").asString());
        request.put("path", example.path("path").asString());
        if (example.path("query").isObject() && !example.path("query").isEmpty()) {
            ObjectNode query = request.putObject("query");
            example.path("query")
                    .properties()
                    .forEach(parameter -> query.putArray(parameter.getKey())
                            .add(parameter.getValue().asString()));
        }
        String contentType = headers(example.path("headers"), request);
        if (example.has("body")) {
            request.set("body", body(example.get("body"), contentType == null ? "application/json" : contentType));
        } else if (example.has("bodyText")) {
            request.set("body", body(example.get("bodyText"), contentType == null ? "text/plain" : contentType));
        }
        return request;
    }

    /** The response its stub gives, with the matching rules its published rules say. */
    private static ObjectNode response(PublishedContract contract) {
        JsonNode stubResponse = contract.mapping().path("response");
        ObjectNode response = PublishedJson.MAPPER.createObjectNode();
        response.put("status", contract.status());
        String contentType = headers(stubResponse.path("headers"), response);
        if (stubResponse.has("jsonBody")) {
            response.set(
                    "body", body(stubResponse.get("jsonBody"), contentType == null ? "application/json" : contentType));
        } else if (stubResponse.has("body")) {
            response.set("body", body(stubResponse.get("body"), contentType == null ? "text/plain" : contentType));
        }
        ObjectNode rules = matchingRules(contract);
        if (!rules.isEmpty()) {
            response.set("matchingRules", rules);
        }
        return response;
    }

    /** Puts the headers into {@code message}, if there are any; the Content-Type among them (null: none). */
    private static String headers(JsonNode headers, ObjectNode message) {
        if (!headers.isObject() || headers.isEmpty()) {
            return null;
        }
        String contentType = null;
        ObjectNode pact = message.putObject("headers");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            pact.putArray(header.getKey()).add(header.getValue().asString());
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                contentType = header.getValue().asString();
            }
        }
        return contentType;
    }

    /** Pact's matching rules of the response: its body's, from the published rules, and its headers' patterns. */
    private static ObjectNode matchingRules(PublishedContract contract) {
        ObjectNode rules = PublishedJson.MAPPER.createObjectNode();
        if (contract.rules() != null) {
            Map<String, List<ObjectNode>> body = new LinkedHashMap<>();
            bodyRules(contract.rules(), "$", body);
            if (!body.isEmpty()) {
                ObjectNode byPath = rules.putObject("body");
                body.forEach((path, matchers) -> {
                    ObjectNode rule = byPath.putObject(path);
                    rule.put("combine", "AND");
                    matchers.forEach(rule.putArray("matchers")::add);
                });
            }
        }
        ObjectNode headerRules = PublishedJson.MAPPER.createObjectNode();
        PublishedContract.described(contract.mapping())
                .path("response")
                .path("headers")
                .properties()
                .forEach(header -> {
                    JsonNode pattern = header.getValue().get("matches");
                    if (pattern != null) {
                        ObjectNode rule = headerRules.putObject(header.getKey());
                        rule.put("combine", "AND");
                        rule.putArray("matchers")
                                .addObject()
                                .put("match", "regex")
                                .put("regex", pattern.asString());
                    }
                });
        if (!headerRules.isEmpty()) {
            rules.set("header", headerRules);
        }
        return rules;
    }

    private static ObjectNode body(JsonNode content, String contentType) {
        ObjectNode body = PublishedJson.MAPPER.createObjectNode();
        body.set("content", content);
        body.put("contentType", contentType);
        body.put("encoded", false);
        return body;
    }

    /** Pact's matchers for what a JSON Schema document of the published rules says at {@code path}. */
    static void bodyRules(JsonNode schema, String path, Map<String, List<ObjectNode>> rules) {
        if (schema.has("const")) {
            // Pact compares a value without a matcher for equality: the pinned value.
            return;
        }
        schema.path("allOf").forEach(part -> bodyRules(part, path, rules));
        String type = schema.path("type").asString("");
        switch (type) {
            case "object" ->
                schema.path("properties")
                        .properties()
                        .forEach(property -> bodyRules(property.getValue(), child(path, property.getKey()), rules));
            case "array" -> {
                if (schema.get("items") instanceof ObjectNode items) {
                    ObjectNode matcher = matcher("type");
                    matcher.put("min", schema.path("minItems").asInt(0));
                    if (schema.has("maxItems")) {
                        matcher.put("max", schema.get("maxItems").asInt());
                    }
                    add(rules, path, matcher);
                    bodyRules(items, path + "[*]", rules);
                }
                // prefixItems: the array is pinned, element for element: equality.
            }
            case "string" -> {
                if (schema.has("pattern")) {
                    add(
                            rules,
                            path,
                            matcher("regex")
                                    .put(
                                            "regex",
                                            fullMatch(schema.get("pattern").asString())));
                } else if (schema.path("minLength").asInt(0) > 0) {
                    add(
                            rules,
                            path,
                            matcher("regex")
                                    .put(
                                            "regex",
                                            "[\\s\\S]{"
                                                    + schema.get("minLength").asInt() + ",}"));
                } else {
                    add(rules, path, matcher("type"));
                }
            }
            case "integer" -> {
                add(rules, path, matcher("integer"));
                // Pact checks a pattern against the number as written: the contracts' own numeric patterns say the
                // bound.
                if (schema.has("minimum") && schema.get("minimum").asInt() == 1) {
                    add(
                            rules,
                            path,
                            matcher("regex")
                                    .put("regex", RegexPatterns.positiveInt().pattern()));
                } else if (schema.has("minimum") && schema.get("minimum").asInt() == 0) {
                    add(rules, path, matcher("regex").put("regex", "\\d+"));
                }
            }
            case "number" -> {
                add(rules, path, matcher("number"));
                if (schema.has("minimum") && schema.get("minimum").asDouble() == 0) {
                    add(rules, path, matcher("regex").put("regex", "\\d*\\.\\d+|\\d+"));
                }
            }
            case "boolean" -> add(rules, path, matcher("type"));
            case "null" -> add(rules, path, matcher("null"));
            default -> {}
        }
    }

    /** A published pattern searches (JSON Schema's way, anchored where it must match whole); Pact's matches the whole value. */
    private static String fullMatch(String pattern) {
        if (pattern.startsWith("^(?:") && pattern.endsWith(")$")) {
            return pattern.substring(4, pattern.length() - 2);
        }
        return "[\\s\\S]*(?:" + pattern + ")[\\s\\S]*";
    }

    private static String child(String path, String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*")
                ? path + "." + name
                : path + "['" + name.replace("'", "\\'") + "']";
    }

    private static ObjectNode matcher(String match) {
        return PublishedJson.MAPPER.createObjectNode().put("match", match);
    }

    private static void add(Map<String, List<ObjectNode>> rules, String path, ObjectNode matcher) {
        rules.computeIfAbsent(path, unused -> new ArrayList<>()).add(matcher);
    }
}
