package tech.flashback.creditpacks.tools.usage;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who relies on what: per producer state and JSON path, the consumers whose contracts require the
 * producer to send it ("public contract" for the public ones). A producer team reads here what it
 * may stop sending: a path nobody requires breaks nobody.
 */
public record FieldUsage(Map<String, Map<String, Set<String>>> byState) {

    /** Who relies on each path of each state's responses, from the contracts' published rules. */
    public static FieldUsage of(PublishedStubs stubs) {
        Map<String, Map<String, Set<String>>> byState = new TreeMap<>();
        for (PublishedStub contract : stubs.contracts()) {
            if (contract.rules().body() == null) {
                continue;
            }
            String owner = contract.owner();
            Map<String, Set<String>> paths = byState.computeIfAbsent(contract.state(), unused -> new TreeMap<>(PATHS));
            for (String path : requiredPaths(contract.rules().body().document())) {
                paths.computeIfAbsent(path, unused -> new TreeSet<>(OWNERS)).add(owner);
            }
        }
        return new FieldUsage(byState);
    }

    /** The paths a body's rules require a producer to send: each field its objects require, {@code [*]} for any element. */
    public static Set<String> requiredPaths(JsonNode schema) {
        Set<String> paths = new LinkedHashSet<>();
        collect(schema, "$", paths);
        return paths;
    }

    private static void collect(JsonNode schema, String path, Set<String> paths) {
        schema.path("allOf").forEach(part -> collect(part, path, paths));
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String child = path + "." + required.asString();
            paths.add(child);
            collect(properties.path(required.asString()), child, paths);
        }
        if (schema.path("items").isObject()) {
            collect(schema.get("items"), path + "[*]", paths);
        }
        schema.path("prefixItems").forEach(element -> collect(element, path + "[*]", paths));
    }

    /** The public contract first, then consumers by name. */
    private static final Comparator<String> OWNERS = Comparator.comparing(
                    (String owner) -> !owner.equals(PublishedStub.PUBLIC_CONTRACT))
            .thenComparing(Comparator.naturalOrder());
    /** A path before the paths below it. */
    private static final Comparator<String> PATHS =
            Comparator.comparing((String path) -> path.replace("[*]", "").replace('.', '\u0001'));

    public String render() {
        StringBuilder text =
                new StringBuilder("What the contracts rely on, by producer state: who would break if the producer"
                        + " stopped sending each field\n");
        int width = byState.values().stream()
                .flatMap(paths -> paths.keySet().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0);
        byState.forEach((state, paths) -> {
            text.append("state ").append(state).append('\n');
            paths.forEach((path, owners) ->
                    text.append(String.format("  %-" + width + "s  %s%n", path, String.join(", ", owners))));
        });
        return text.toString();
    }

    public String json() {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("schemaVersion", 1);
        json.put("tool", "usage");
        ObjectNode states = json.putObject("states");
        byState.forEach((state, paths) -> {
            ObjectNode ofState = states.putObject(state);
            paths.forEach((path, owners) -> owners.forEach(ofState.withArray(path)::add));
        });
        return PublishedJson.pretty(json);
    }
}
