package tech.flashback.creditpacks.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.spec.internal.DslProperty;
import org.springframework.cloud.contract.verifier.util.ContractVerifierDslConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What changed for consumers between two versions of the contracts, each change marked BREAKING
 * or ADDITIVE, in the spirit of Specmatic's backward-compatibility check. Contracts are matched
 * by name and compared on what a consumer relies on: the request it sends (method, path, query
 * parameters, required headers), the status, the content type, the response body's fields and
 * their JSON types, and the checks the producer is held to (body matchers). Values the contract pins
 * (checked by equality, such as the 500 envelope's error_code and message) must stay the same;
 * values under a body matcher (the catalog's example packs) are examples, and their change is
 * reported as additive.
 *
 * <p>{@code ./mvnw test -Pcontract-diff -Dbaseline.version=1.0.0 [-Dcandidate.version=1.1.0]
 * [-Dbaseline.repository=URL]}: without a candidate version, the working tree's contracts/.
 * Exits non-zero when anything is breaking.
 */
public final class ContractDiff {

    enum Kind { BREAKING, ADDITIVE }

    record Change(String contract, Kind kind, String what) {
    }

    record Report(String oldLabel, String newLabel, List<Change> changes) {

        long breaking() {
            return changes.stream().filter(change -> change.kind() == Kind.BREAKING).count();
        }

        String render() {
            StringBuilder text = new StringBuilder("Contract changes for consumers: " + oldLabel + " -> " + newLabel + "\n");
            changes.stream().collect(Collectors.groupingBy(Change::contract, TreeMap::new, Collectors.toList()))
                    .forEach((contract, changesOfContract) -> {
                        text.append(contract).append('\n');
                        changesOfContract.forEach(change -> text.append(String.format("  %-9s %s%n", change.kind(), change.what())));
                    });
            return text.append(String.format("%d breaking, %d additive%s%n", breaking(), changes.size() - breaking(),
                    breaking() > 0 ? ": consumers built against " + oldLabel + " would break" : "")).toString();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContractDiff() {
    }

    public static void main(String[] args) {
        String baseline = System.getProperty("baseline.version", "").trim();
        if (baseline.isBlank()) {
            throw new IllegalArgumentException("Name the published version to compare with: -Dbaseline.version=1.0.0");
        }
        String candidate = System.getProperty("candidate.version", "").trim();
        String repository = System.getProperty("baseline.repository", "").trim();
        String repo = repository.isBlank() ? null : repository;
        Report report = compare(baseline, PublishedContracts.resolve(baseline, repo),
                candidate.isBlank() ? "working tree" : candidate,
                candidate.isBlank() ? Path.of("contracts") : PublishedContracts.resolve(candidate, repo));
        System.out.print(report.render());
        if (report.breaking() > 0) {
            throw new IllegalStateException(report.breaking() + " breaking change(s) from " + baseline + " (report above)");
        }
    }

    static Report compare(String oldLabel, Path oldContracts, String newLabel, Path newContracts) {
        Map<String, Contract> before = load(oldContracts);
        Map<String, Contract> after = load(newContracts);
        List<Change> changes = new ArrayList<>();
        before.forEach((name, contract) -> {
            if (!after.containsKey(name)) {
                changes.add(new Change(name, Kind.BREAKING, "contract removed: consumers relying on it lose it"));
            } else {
                compare(name, contract, after.get(name), changes);
            }
        });
        after.keySet().stream().filter(name -> !before.containsKey(name))
                .forEach(name -> changes.add(new Change(name, Kind.ADDITIVE, "contract added")));
        return new Report(oldLabel, newLabel, changes);
    }

    private static void compare(String name, Contract before, Contract after, List<Change> changes) {
        compareValue(name, "request method", before.getRequest().getMethod(), after.getRequest().getMethod(), changes);
        compareValue(name, "request path", urlPath(before), urlPath(after), changes);
        Map<String, Object> queryBefore = query(before);
        Map<String, Object> queryAfter = query(after);
        if (!queryBefore.equals(queryAfter)) {
            changes.add(new Change(name, Kind.BREAKING, "request query parameters: " + queryBefore + " -> " + queryAfter));
        }
        compareRequestHeaders(name, before, after, changes);
        compareValue(name, "response status", before.getResponse().getStatus(), after.getResponse().getStatus(), changes);
        compareValue(name, "response Content-Type", contentType(before), contentType(after), changes);
        compareBodies(name, before, after, changes);
        compareChecks(name, before, after, changes);
    }

    /** A header the request must now carry breaks consumers that do not send it; one no longer required does not. */
    private static void compareRequestHeaders(String name, Contract before, Contract after, List<Change> changes) {
        Map<String, String> headersBefore = requestHeaders(before);
        Map<String, String> headersAfter = requestHeaders(after);
        headersAfter.forEach((header, value) -> {
            if (!headersBefore.containsKey(header)) {
                changes.add(new Change(name, Kind.BREAKING, "request header " + header + ": now required (" + value + ")"));
            } else if (!headersBefore.get(header).equals(value)) {
                changes.add(new Change(name, Kind.BREAKING, "request header " + header + ": " + headersBefore.get(header) + " -> " + value));
            }
        });
        headersBefore.keySet().stream().filter(header -> !headersAfter.containsKey(header))
                .forEach(header -> changes.add(new Change(name, Kind.ADDITIVE, "request header " + header + ": no longer required")));
    }

    /**
     * The response checks (body matchers) are what the producer is held to: one removed or changed
     * lets a producer send what consumers of the old version do not expect; a new one only holds
     * the producer to more.
     */
    private static void compareChecks(String name, Contract before, Contract after, List<Change> changes) {
        Map<String, String> checksBefore = checks(before);
        Map<String, String> checksAfter = checks(after);
        checksBefore.forEach((path, check) -> {
            if (!checksAfter.containsKey(path)) {
                changes.add(new Change(name, Kind.BREAKING, "response check on " + path + " removed (" + check + ")"));
            } else if (!checksAfter.get(path).equals(check)) {
                changes.add(new Change(name, Kind.BREAKING, "response check on " + path + ": " + check + " -> " + checksAfter.get(path)));
            }
        });
        checksAfter.forEach((path, check) -> {
            if (!checksBefore.containsKey(path)) {
                changes.add(new Change(name, Kind.ADDITIVE, "response check on " + path + " added (" + check + ")"));
            }
        });
    }

    private static void compareBodies(String name, Contract before, Contract after, List<Change> changes) {
        Map<String, JsonNode> fieldsBefore = fields(before);
        Map<String, JsonNode> fieldsAfter = fields(after);
        List<String> matchedBefore = matcherPaths(before);
        List<String> removed = new ArrayList<>();
        fieldsBefore.forEach((path, value) -> {
            JsonNode now = fieldsAfter.get(path);
            boolean example = matchedBefore.stream().anyMatch(path::startsWith);
            if (now == null) {
                removed.add(path);
            } else if (!type(value).equals(type(now)) && !(example && !value.isIntegralNumber() && now.isNumber())) {
                // Under a body matcher a decimal is an example: 19.99 -> 20 stays a number to
                // consumers. An integer that becomes a decimal (credits 100 -> 100.5) is a new type.
                changes.add(new Change(name, Kind.BREAKING, "response " + path + ": type " + type(value) + " -> " + type(now)));
            } else if (value.isValueNode() && !value.equals(now)) {
                changes.add(new Change(name, example ? Kind.ADDITIVE : Kind.BREAKING, "response " + path + ": "
                        + (example ? "example value " : "value ") + value + " -> " + now));
            }
        });
        for (String path : removed) {
            String renamedTo = fieldsAfter.keySet().stream()
                    .filter(candidate -> !fieldsBefore.containsKey(candidate) && parent(candidate).equals(parent(path))
                            && type(fieldsAfter.get(candidate)).equals(type(fieldsBefore.get(path))))
                    .findFirst().map(candidate -> " (renamed to " + candidate + "?)").orElse("");
            changes.add(new Change(name, Kind.BREAKING, "response " + path + ": removed" + renamedTo));
        }
        fieldsAfter.forEach((path, value) -> {
            if (!fieldsBefore.containsKey(path)) {
                changes.add(new Change(name, Kind.ADDITIVE, "response " + path + ": added (" + type(value) + ")"));
            }
        });
    }

    /** Every field of the response body as a JSON path; array elements are merged under {@code [*]}. */
    private static Map<String, JsonNode> fields(Contract contract) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        if (contract.getResponse().getBody() != null) {
            flatten("$", JSON.valueToTree(clientSide(contract.getResponse().getBody())), fields);
        }
        return fields;
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> fields) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                String child = path + "." + field.getKey();
                fields.put(child, field.getValue());
                flatten(child, field.getValue(), fields);
            });
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                Map<String, JsonNode> elementFields = new LinkedHashMap<>();
                flatten(path + "[*]", element, elementFields);
                elementFields.forEach(fields::putIfAbsent);
            }
        }
    }

    private static String type(JsonNode node) {
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String parent(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    private static List<String> matcherPaths(Contract contract) {
        if (contract.getResponse().getBodyMatchers() == null) {
            return List.of();
        }
        return contract.getResponse().getBodyMatchers().matchers().stream().map(BodyMatcher::path).toList();
    }

    private static Map<String, String> checks(Contract contract) {
        Map<String, String> checks = new TreeMap<>();
        if (contract.getResponse().getBodyMatchers() != null) {
            for (BodyMatcher matcher : contract.getResponse().getBodyMatchers().matchers()) {
                // As the DSL spells it: byCommand(...), byType(), byRegex(...), with byType's bounds.
                String kind = matcher.matchingType().name();
                checks.put(matcher.path(), "by" + kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT)
                        + "(" + (matcher.value() != null ? matcher.value() : "") + ")"
                        + (matcher.minTypeOccurrence() != null ? " min " + matcher.minTypeOccurrence() : "")
                        + (matcher.maxTypeOccurrence() != null ? " max " + matcher.maxTypeOccurrence() : ""));
            }
        }
        return checks;
    }

    private static Map<String, String> requestHeaders(Contract contract) {
        Map<String, String> headers = new TreeMap<>();
        if (contract.getRequest().getHeaders() != null) {
            contract.getRequest().getHeaders().getEntries().forEach(header ->
                    headers.put(header.getName().toLowerCase(Locale.ROOT), String.valueOf(clientSide(header))));
        }
        return headers;
    }

    private static void compareValue(String name, String what, Object before, Object after, List<Change> changes) {
        Object oldValue = clientSide(before);
        Object newValue = clientSide(after);
        if (!Objects.equals(String.valueOf(oldValue), String.valueOf(newValue))) {
            changes.add(new Change(name, Kind.BREAKING, what + ": " + oldValue + " -> " + newValue));
        }
    }

    private static Object urlPath(Contract contract) {
        return contract.getRequest().getUrlPath() != null ? contract.getRequest().getUrlPath() : contract.getRequest().getUrl();
    }

    private static Map<String, Object> query(Contract contract) {
        var url = contract.getRequest().getUrlPath() != null ? contract.getRequest().getUrlPath() : contract.getRequest().getUrl();
        Map<String, Object> parameters = new TreeMap<>();
        if (url != null && url.getQueryParameters() != null) {
            url.getQueryParameters().getParameters().forEach(p -> parameters.put(p.getName(), String.valueOf(clientSide(p))));
        }
        return parameters;
    }

    private static Object contentType(Contract contract) {
        if (contract.getResponse().getHeaders() == null) {
            return null;
        }
        return contract.getResponse().getHeaders().getEntries().stream()
                .filter(header -> header.getName().equalsIgnoreCase("Content-Type"))
                .map(ContractDiff::clientSide).findFirst().orElse(null);
    }

    /** What a consumer sees: the client side of every dynamic property, recursively. */
    private static Object clientSide(Object value) {
        if (value instanceof DslProperty<?> property) {
            return clientSide(property.getClientValue());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), clientSide(entry)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(ContractDiff::clientSide).toList();
        }
        return value;
    }

    private static Map<String, Contract> load(Path root) {
        Map<String, Contract> contracts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".groovy")).sorted().toList()) {
                for (Contract contract : ContractVerifierDslConverter.convertAsCollection(root.toFile(), file.toFile())) {
                    contracts.put(contract.getName() != null ? contract.getName() : root.relativize(file).toString(), contract);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contracts;
    }
}
