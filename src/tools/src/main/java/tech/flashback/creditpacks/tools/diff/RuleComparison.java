package tech.flashback.creditpacks.tools.diff;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tech.flashback.creditpacks.tools.diff.ContractDiff.Kind;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.HeaderRule;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.ResponseRules;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares the baseline's and the candidate's version of one contract's response rules by what
 * they accept, not by how they are written. Starting from a response both versions accept (a
 * stub's example), it tries the responses a producer could plausibly send instead: each value
 * removed, nulled, retyped, emptied, blanked, made zero or negative, each array emptied, shortened
 * or lengthened, each header another media type. A response the candidate's rules accept and the
 * baseline's reject is a loosening consumers of the baseline can be hurt by (breaking); the
 * reverse is a tightening (the producer is held to more, which no consumer notices). Every such
 * finding names a concrete response. When the rules differ but no response tried tells how, the
 * difference is for a person to review, naming where the rules differ: a gate does not guess in
 * the producer's favour.
 */
final class RuleComparison {

    /**
     * One difference in what the rules accept, and why; {@code where} is the body's JSON path it
     * is about, or null for a header or the rules as a whole.
     */
    record Finding(Kind kind, String where, String what) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> MEDIA_TYPES = List.of(
            "application/json",
            "application/json;charset=UTF-8",
            "application/problem+json",
            "text/plain",
            "text/html",
            "application/xml",
            "*/*",
            "");

    private RuleComparison() {}

    /**
     * @param seeds response bodies to start from; those that both versions accept are used
     * @param baselineLabel the baseline's name, as findings say it ("1.0.0")
     */
    static List<Finding> compare(
            ResponseRules baseline, ResponseRules candidate, List<JsonNode> seeds, String baselineLabel) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        compareHeaders(baseline, candidate, baselineLabel, findings);
        if (baseline.body() != null && candidate.body() == null) {
            findings.put(
                    "body",
                    new Finding(
                            Kind.BREAKING,
                            null,
                            "response body: no longer checked, so a producer may send any" + " (" + baselineLabel
                                    + " held it to rules)"));
        }
        if (baseline.body() != null && candidate.body() != null) {
            // A seed only the candidate's rules accept (its example, say) is itself a response they now allow.
            seeds.stream()
                    .filter(seed -> seed != null
                            && candidate.body().accepts(seed)
                            && !baseline.body().accepts(seed))
                    .forEach(seed -> loosened(baseline.body().problems(seed).get(0), baselineLabel, findings));
            // From a response both accept; failing that, from one the candidate's rules accept (its
            // changes then count only where the baseline's rules refuse more than they refuse in it).
            seeds.stream()
                    .filter(seed -> seed != null
                            && baseline.body().accepts(seed)
                            && candidate.body().accepts(seed))
                    .findFirst()
                    .or(() -> seeds.stream()
                            .filter(seed -> seed != null && candidate.body().accepts(seed))
                            .findFirst())
                    .ifPresent(seed -> compareBodies(baseline.body(), candidate.body(), seed, baselineLabel, findings));
            if (findings.isEmpty()) {
                unexplained(baseline.body().document(), candidate.body().document(), "", baselineLabel, findings);
            }
        }
        return List.copyOf(findings.values());
    }

    /** How many values of a request body's pattern each comparison tries, drawn from the pattern itself. */
    private static final int PATTERN_SAMPLES = 40;

    /**
     * Compares the baseline's and the candidate's version of one contract's request body rules by
     * the requests they accept: the reverse of a response's. A request the baseline's rules
     * accepted and the candidate's refuse breaks the consumers who send it (a field made required, a
     * pattern narrowed, a value pinned); one only the candidate's rules accept is additive. Tried:
     * the baseline's example, each value of it changed as {@link #variants} changes a response's,
     * and values drawn from each pattern of either version. Rules that differ where nothing tried
     * tells how are for a person to review.
     */
    static List<Finding> compareRequests(
            BodyRules baseline,
            BodyRules candidate,
            JsonNode baselineExample,
            JsonNode candidateExample,
            String baselineLabel) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        boolean baselineExampleAccepted = baselineExample != null && baseline.accepts(baselineExample);
        if (baselineExampleAccepted) {
            refusedBaselineExample(candidate, baselineExample, baselineLabel, findings);
        }
        JsonNode seed = baselineExampleAccepted ? baselineExample : candidateExample;
        if (seed != null) {
            compareRequestVariants(baseline, candidate, seed, baselineLabel, findings);
        }
        if (findings.isEmpty()) {
            String difference = firstDifference(baseline.document(), candidate.document(), "");
            if (difference != null) {
                findings.put(
                        "unexplained",
                        new Finding(
                                Kind.NEEDS_REVIEW,
                                null,
                                "request rules changed at " + difference
                                        + ", and no request the diff tried shows whether they now refuse one "
                                        + baselineLabel + " accepted: a person"
                                        + " must look (it counts as failing until then)"));
            }
        }
        return List.copyOf(findings.values());
    }

    /** Where the candidate's rules refuse the baseline's own example request. */
    private static void refusedBaselineExample(
            BodyRules candidate, JsonNode baselineExample, String baselineLabel, Map<String, Finding> findings) {
        for (Problem refused : candidate.problems(baselineExample)) {
            findings.putIfAbsent(
                    "-" + ContractDiff.anyElement(refused.where()),
                    new Finding(
                            Kind.BREAKING,
                            refused.where(),
                            "request body " + refused.where()
                                    + (refused.actual().startsWith("no such field")
                                            ? ": now required, so a request " + baselineLabel + " accepted ("
                                                    + Problem.shorten(baselineExample.toString())
                                                    + ") is refused (expected " + refused.expected() + ")"
                                            : ": " + baselineLabel + "'s example request sends " + refused.actual()
                                                    + ", which is now refused" + " (expected " + refused.expected()
                                                    + ")")));
        }
    }

    /** The seed's variants and pattern samples: each request one version accepts and the other refuses. */
    private static void compareRequestVariants(
            BodyRules baseline,
            BodyRules candidate,
            JsonNode seed,
            String baselineLabel,
            Map<String, Finding> findings) {
        Set<Integer> lengths = lengthBounds(baseline, candidate);
        List<JsonNode> tried = new ArrayList<>(variants(seed, lengths));
        tried.addAll(patternSamples(baseline.document(), seed));
        tried.addAll(patternSamples(candidate.document(), seed));
        for (JsonNode request : tried) {
            boolean baselineAccepts = baseline.accepts(request);
            boolean candidateAccepts = candidate.accepts(request);
            if (baselineAccepts && !candidateAccepts) {
                Problem refused = candidate.problems(request).get(0);
                findings.putIfAbsent(
                        "-" + ContractDiff.anyElement(refused.where()),
                        new Finding(
                                Kind.BREAKING,
                                refused.where(),
                                "request body " + refused.where() + ": a consumer may no longer send "
                                        + sent(refused)
                                        + ", which " + baselineLabel + " accepted (now: expected "
                                        + refused.expected() + ")"));
            } else if (!baselineAccepts && candidateAccepts) {
                Problem refused = baseline.problems(request).get(0);
                findings.putIfAbsent(
                        "+" + ContractDiff.anyElement(refused.where()),
                        new Finding(
                                Kind.ADDITIVE,
                                refused.where(),
                                "request body " + refused.where() + ": a consumer may now also send "
                                        + sent(refused)
                                        + " (" + baselineLabel + ": expected " + refused.expected() + ")"));
            }
        }
    }

    /** What a request the rules judged sent, as a finding names it: a missing value is a request without it. */
    private static String sent(Problem refused) {
        return refused.actual().startsWith("no such") ? "a request without it" : refused.actual();
    }

    /**
     * The seed with each string that a pattern rules replaced by values drawn from that pattern (a
     * generator reads the published pattern as far as it can; every value is judged by the rules
     * themselves, so one it draws wrong only tells nothing).
     */
    private static List<JsonNode> patternSamples(JsonNode schema, JsonNode seed) {
        List<JsonNode> samples = new ArrayList<>();
        collectPatterns(schema, seed, seed, new ArrayList<>(), samples);
        return samples;
    }

    private static void collectPatterns(
            JsonNode schema, JsonNode root, JsonNode node, List<Object> path, List<JsonNode> samples) {
        if (schema == null || !schema.isObject() || node == null) {
            return;
        }
        schema.path("allOf").forEach(part -> collectPatterns(part, root, node, path, samples));
        if (node.isString() && schema.path("pattern").isString()) {
            String pattern = schema.get("pattern")
                    .asString()
                    .replaceFirst("^\\^\\(\\?:", "(")
                    .replace("(?![\\s\\S])", "")
                    .replace("(?:", "(");
            if (!pattern.contains("(?")) {
                try {
                    repackaged.nl.flotsam.xeger.Xeger generator =
                            new repackaged.nl.flotsam.xeger.Xeger(pattern, new java.util.Random(pattern.hashCode()));
                    for (int i = 0; i < PATTERN_SAMPLES; i++) {
                        samples.add(replaced(root, path, NODES.stringNode(generator.generate())));
                    }
                } catch (RuntimeException | StackOverflowError notReadable) {
                    // A pattern the generator does not read: the other requests tried still tell.
                }
            }
        } else if (node.isObject()) {
            schema.path("properties").properties().forEach(property -> {
                List<Object> child = new ArrayList<>(path);
                child.add(property.getKey());
                collectPatterns(property.getValue(), root, node.get(property.getKey()), child, samples);
            });
        } else if (node.isArray() && !node.isEmpty()) {
            List<Object> child = new ArrayList<>(path);
            child.add(0);
            collectPatterns(schema.get("items"), root, node.get(0), child, samples);
        }
    }

    /**
     * The rules differ, but no response tried tells whether the candidate's accept more: a gate must
     * not guess in the producer's favour, so a person must look, and it fails the diff until then.
     */
    private static void unexplained(
            JsonNode baseline, JsonNode candidate, String where, String baselineLabel, Map<String, Finding> findings) {
        String difference = firstDifference(baseline, candidate, where);
        if (difference != null) {
            findings.put(
                    "unexplained",
                    new Finding(
                            Kind.NEEDS_REVIEW,
                            null,
                            "response rules changed at " + difference
                                    + ", and no answer the diff tried shows whether they now accept more than "
                                    + baselineLabel
                                    + "'s: a person must look (it counts as failing until then)"));
        }
    }

    /** Where two schema documents first differ (baselineValue JSON pointer, with both values), ignoring what only documents them. */
    private static String firstDifference(JsonNode baseline, JsonNode candidate, String where) {
        if (baseline.isObject() && candidate.isObject()) {
            return firstDifferentProperty(baseline, candidate, where);
        }
        if (where.endsWith("/required") || where.endsWith("/enum")) {
            // Sets, whatever the order the contract wrote them in.
            Set<JsonNode> baselineValues = new HashSet<>();
            baseline.forEach(baselineValues::add);
            Set<JsonNode> candidateValues = new HashSet<>();
            candidate.forEach(candidateValues::add);
            return baselineValues.equals(candidateValues) ? null : changed(where, baseline, candidate);
        }
        if (baseline.isArray() && candidate.isArray() && baseline.size() == candidate.size()) {
            for (int i = 0; i < baseline.size(); i++) {
                String inner = firstDifference(baseline.get(i), candidate.get(i), where + "/" + i);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return baseline.equals(candidate) ? null : changed(where, baseline, candidate);
    }

    private static String firstDifferentProperty(JsonNode baseline, JsonNode candidate, String where) {
        Set<String> names = new TreeSet<>(baseline.propertyNames());
        names.addAll(candidate.propertyNames());
        for (String name : names) {
            if (where.isEmpty()
                    && List.of("$schema", "$comment", "title", "description").contains(name)) {
                continue;
            }
            JsonNode baselineValue = baseline.get(name);
            JsonNode candidateValue = candidate.get(name);
            if (baselineValue == null || candidateValue == null) {
                return where + "/" + name + " ("
                        + (baselineValue == null
                                ? "added: " + Problem.shorten(String.valueOf(candidateValue))
                                : "removed: " + Problem.shorten(String.valueOf(baselineValue)))
                        + ")";
            }
            String inner = firstDifference(baselineValue, candidateValue, where + "/" + name);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static String changed(String where, JsonNode baseline, JsonNode candidate) {
        return where + " (" + Problem.shorten(baseline.toString()) + " -> " + Problem.shorten(candidate.toString())
                + ")";
    }

    private static void compareHeaders(
            ResponseRules baseline, ResponseRules candidate, String baselineLabel, Map<String, Finding> findings) {
        for (HeaderRule added : candidate.headers()) {
            if (baseline.headers().stream().noneMatch(rule -> rule.name().equalsIgnoreCase(added.name()))) {
                findings.put(
                        "header+ " + added.name(),
                        new Finding(
                                Kind.ADDITIVE,
                                null,
                                "response header " + added.name() + ": now promised, " + added.expected()));
            }
        }
        for (HeaderRule baselineRule : baseline.headers()) {
            Optional<HeaderRule> candidateRule = candidate.headers().stream()
                    .filter(rule -> rule.name().equalsIgnoreCase(baselineRule.name()))
                    .findFirst();
            if (candidateRule.isEmpty()) {
                findings.put(
                        "header " + baselineRule.name(),
                        new Finding(
                                Kind.BREAKING,
                                null,
                                "response header " + baselineRule.name()
                                        + ": no longer checked, so a producer may send any value (" + baselineLabel
                                        + ": " + baselineRule.expected() + ")"));
            } else {
                compareHeader(baselineRule, candidateRule.get(), baselineLabel, findings);
            }
        }
    }

    /** One header's rule in both versions: the values each accepts that the other refuses. */
    private static void compareHeader(
            HeaderRule baselineRule, HeaderRule candidateRule, String baselineLabel, Map<String, Finding> findings) {
        String name = baselineRule.name();
        List<String> values = new ArrayList<>(MEDIA_TYPES);
        // The baseline rule's own value, changed a little: a widened pattern accepts some of them.
        values.addAll(shifted(baselineRule.value()));
        for (String value : values) {
            if (candidateRule.accepts(value) && !baselineRule.accepts(value)) {
                findings.putIfAbsent(
                        "header " + name,
                        new Finding(
                                Kind.BREAKING,
                                null,
                                "response header " + name + ": the rules now accept \"" + value + "\" (" + baselineLabel
                                        + ": " + baselineRule.expected() + ")"));
            } else if (!candidateRule.accepts(value) && baselineRule.accepts(value)) {
                findings.putIfAbsent(
                        "header+ " + name,
                        new Finding(
                                Kind.ADDITIVE,
                                null,
                                "response header " + name + ": the producer is now held to "
                                        + candidateRule.expected()));
            }
        }
        if (!candidateRule.equals(baselineRule)
                && !findings.containsKey("header " + name)
                && !findings.containsKey("header+ " + name)) {
            findings.put(
                    "header " + name,
                    new Finding(
                            Kind.NEEDS_REVIEW,
                            null,
                            "response header " + name + ": "
                                    + baselineRule.expected() + " -> " + candidateRule.expected()
                                    + ", and no value the diff tried shows whether the"
                                    + " new rule accepts more than " + baselineLabel
                                    + "'s: a person must look (it counts as failing until then)"));
        }
    }

    /** A text changed a little in each way a pattern might have been widened: a letter, a digit, a character more or less. */
    private static List<String> shifted(String text) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                variants.add(text.substring(0, i)
                        + (c == 'Q' || c == 'q' ? (char) (c + 1) : (char) (Character.isUpperCase(c) ? 'Q' : 'q'))
                        + text.substring(i + 1));
                break;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                variants.add(
                        text.substring(0, i) + (char) ('0' + (text.charAt(i) - '0' + 1) % 10) + text.substring(i + 1));
                break;
            }
        }
        variants.add(text + "x");
        variants.add("x" + text);
        if (text.length() > 1) {
            variants.add(text.substring(1));
        }
        return variants;
    }

    /** Every length bound either version's rules set: the lengths worth trying on each side of them. */
    private static Set<Integer> lengthBounds(BodyRules baseline, BodyRules candidate) {
        Set<Integer> lengths = new TreeSet<>();
        collectLengthBounds(baseline.document(), lengths);
        collectLengthBounds(candidate.document(), lengths);
        return lengths;
    }

    private static void compareBodies(
            BodyRules baseline,
            BodyRules candidate,
            JsonNode seed,
            String baselineLabel,
            Map<String, Finding> findings) {
        Set<Integer> lengths = lengthBounds(baseline, candidate);
        Set<String> refusedInSeed =
                baseline.problems(seed).stream().map(RuleComparison::key).collect(Collectors.toSet());
        for (JsonNode variant : variants(seed, lengths)) {
            boolean candidateAccepts = candidate.accepts(variant);
            List<Problem> refusedByBaseline = baseline.problems(variant).stream()
                    .filter(problem -> !refusedInSeed.contains(key(problem)))
                    .toList();
            if (candidateAccepts && !refusedByBaseline.isEmpty()) {
                loosened(refusedByBaseline.get(0), baselineLabel, findings);
            } else if (!candidateAccepts && refusedInSeed.isEmpty() && refusedByBaseline.isEmpty()) {
                Problem refused = candidate.problems(variant).get(0);
                findings.putIfAbsent(
                        "+" + key(refused),
                        new Finding(
                                Kind.ADDITIVE,
                                refused.where(),
                                "response " + refused.where() + ": the producer is now held to " + refused.expected()));
            }
        }
    }

    /** A response the baseline's rules refused for {@code refused} and the candidate's accept. */
    private static void loosened(Problem refused, String baselineLabel, Map<String, Finding> findings) {
        String accepted = refused.actual().startsWith("no such field") ? "an answer without it" : refused.actual();
        findings.putIfAbsent(
                key(refused),
                new Finding(
                        Kind.BREAKING,
                        refused.where(),
                        "response " + refused.where() + ": the rules now accept " + accepted + " (" + baselineLabel
                                + ": expected " + refused.expected() + ")"));
    }

    /** One finding per rule and field, not one per array element: $.data[2].id and $.data[0].id alike. */
    private static String key(Problem problem) {
        return ContractDiff.anyElement(problem.where()) + " " + problem.expected();
    }

    /** Each length either version's rules bound an array at, and one past it on both sides. */
    private static void collectLengthBounds(JsonNode schema, Set<Integer> lengths) {
        if (schema.isObject()) {
            for (String bound : List.of("minItems", "maxItems")) {
                if (schema.path(bound).isIntegralNumber()) {
                    int at = schema.path(bound).asInt();
                    lengths.addAll(List.of(Math.max(0, at - 1), at, at + 1));
                }
            }
        }
        schema.forEach(child -> collectLengthBounds(child, lengths));
    }

    /** The seed with one value changed, for every value in it and every plausible change. */
    static List<JsonNode> variants(JsonNode seed, Set<Integer> arrayLengths) {
        List<JsonNode> variants = new ArrayList<>();
        collect(seed, seed, new ArrayList<>(), arrayLengths, variants);
        return variants;
    }

    private static void collect(
            JsonNode root, JsonNode node, List<Object> path, Set<Integer> arrayLengths, List<JsonNode> variants) {
        if (node.isArray() && !node.isEmpty()) {
            for (int length : arrayLengths) {
                ArrayNode resized = NODES.arrayNode();
                while (resized.size() < length) {
                    resized.add(node.get(resized.size() % node.size()).deepCopy());
                }
                variants.add(replaced(root, path, resized));
            }
        }
        for (JsonNode replacement : replacements(node)) {
            variants.add(replaced(root, path, replacement));
        }
        if (!path.isEmpty() && path.get(path.size() - 1) instanceof String) {
            variants.add(replaced(root, path, null));
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                List<Object> child = new ArrayList<>(path);
                child.add(name);
                collect(root, node.get(name), child, arrayLengths, variants);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                collect(root, node.get(i), child, arrayLengths, variants);
            }
        }
    }

    private static List<JsonNode> replacements(JsonNode node) {
        List<JsonNode> values = new ArrayList<>(
                List.of(NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(), NODES.booleanNode(true)));
        if (node.isString()) {
            String text = node.asString();
            for (String other : List.of(
                    "", " ", "\t", "\u00a0", "x", "X", "OTHER_VALUE", text + "_X", text.toLowerCase(Locale.ROOT))) {
                values.add(NODES.stringNode(other));
            }
            shifted(text).forEach(other -> values.add(NODES.stringNode(other)));
            values.add(NODES.numberNode(1));
        } else if (node.isNumber()) {
            values.add(NODES.stringNode(node.asString()));
            for (String other : List.of("0", "-1", "0.5", "-0.5")) {
                values.add(NODES.numberNode(new BigDecimal(other)));
            }
            values.add(NODES.numberNode(node.decimalValue().subtract(BigDecimal.ONE)));
            values.add(NODES.numberNode(node.decimalValue().add(new BigDecimal("0.5"))));
            values.add(NODES.numberNode(0));
            values.add(NODES.numberNode(-1));
        } else if (node.isBoolean()) {
            values.add(NODES.booleanNode(!node.asBoolean()));
            values.add(NODES.stringNode(node.asString()));
        } else if (node.isArray() && !node.isEmpty()) {
            ArrayNode first = NODES.arrayNode().add(node.get(0).deepCopy());
            ArrayNode longer = (ArrayNode) node.deepCopy();
            longer.add(node.get(node.size() - 1).deepCopy());
            values.add(first);
            values.add(longer);
            values.add(NODES.arrayNode().add(NODES.nullNode()));
        } else if (node.isObject()) {
            ObjectNode extended = (ObjectNode) node.deepCopy();
            extended.put("unexpected_field", 1);
            values.add(extended);
            values.add(NODES.stringNode("x"));
        }
        return values;
    }

    /** A copy of {@code root} with the value at {@code path} replaced (or removed, for null). */
    private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode replacement) {
        if (path.isEmpty()) {
            return replacement;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove((String) last);
            } else {
                object.set((String) last, replacement);
            }
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, replacement);
        }
        return copy;
    }
}
