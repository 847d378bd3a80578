package tech.flashback.creditpacks.tools.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a baseline stub's request matcher that accept a consumer's values by a pattern (a
 * path pattern, a query parameter or header that {@code matches}), compared with the matcher of
 * the candidate's stub that responds to the same request. The diff replays one example request per
 * stub, so a pattern narrowed around that example would pass unseen: the candidate's matcher counts
 * as accepting every value the baseline's pattern did only when it is the same pattern, holds every
 * one of its alternatives, or no longer checks the part at all. Anything else is for a person to
 * review.
 */
final class RequestPatterns {

    private static final List<Map.Entry<String, String>> URL_PATTERNS =
            List.of(Map.entry("urlPathPattern", "path"), Map.entry("urlPattern", "URL"));

    /** An inline flag or other (? construct but a plain group, a back-reference, a quote, a nested class. */
    private static final Pattern CONTEXTUAL = Pattern.compile("\\(\\?(?!:)|\\\\[1-9kQE]|\\[[^\\]]*\\[|\\[\\]");

    private RequestPatterns() {}

    /** A line per part whose baseline pattern the candidate's matcher may no longer accept in full. */
    static List<String> narrowed(JsonNode baselineMatcher, JsonNode candidateMatcher) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> url : URL_PATTERNS) {
            if (baselineMatcher.has(url.getKey())) {
                narrowedUrl(url.getKey(), url.getValue(), baselineMatcher, candidateMatcher)
                        .ifPresent(parts::add);
            }
        }
        for (String group : List.of("queryParameters", "headers")) {
            baselineMatcher
                    .path(group)
                    .properties()
                    .forEach(entry -> narrowedParameterOrHeader(
                                    group, entry.getKey(), entry.getValue(), candidateMatcher)
                            .ifPresent(parts::add));
        }
        return parts;
    }

    /** The baseline's URL pattern {@code key} against the candidate's. */
    private static Optional<String> narrowedUrl(
            String key, String part, JsonNode baselineMatcher, JsonNode candidateMatcher) {
        String baselinePattern = baselineMatcher.get(key).asString();
        String candidatePattern =
                candidateMatcher.has(key) ? candidateMatcher.get(key).asString() : null;
        if (candidatePattern != null && covers(candidatePattern, baselinePattern)) {
            return Optional.empty();
        }
        return Optional.of(line(
                "request " + part,
                baselinePattern,
                candidatePattern == null ? describeUrl(candidateMatcher) : candidatePattern));
    }

    /** The baseline's rule for one query parameter or header ({@code group}) against the candidate's. */
    private static Optional<String> narrowedParameterOrHeader(
            String group, String name, JsonNode baselineRule, JsonNode candidateMatcher) {
        if (exact(baselineRule)) {
            return Optional.empty();
        }
        boolean headers = group.equals("headers");
        JsonNode candidateRule = headers
                ? header(candidateMatcher, name)
                : candidateMatcher.path(group).get(name);
        String part = (headers ? "request header " : "request parameter ") + name;
        if (candidateRule == null) {
            // No longer checked, unless the candidate's stub checks its whole URL, query string included.
            return !headers && (candidateMatcher.has("url") || candidateMatcher.has("urlPattern"))
                    ? Optional.of(line(part, baselineRule.toString(), describeUrl(candidateMatcher)))
                    : Optional.empty();
        }
        boolean covered = baselineRule.equals(candidateRule)
                || baselineRule.size() == 1
                        && baselineRule.has("matches")
                        && candidateRule.size() == 1
                        && candidateRule.has("matches")
                        && covers(
                                candidateRule.get("matches").asString(),
                                baselineRule.get("matches").asString());
        return covered ? Optional.empty() : Optional.of(line(part, baselineRule.toString(), candidateRule.toString()));
    }

    /**
     * Whether a baseline stub promised its response to {@code request} through a pattern: the request
     * differs from the stub's own example request in a part the stub checks loosely (its path by
     * a pattern, a parameter or header by anything but one value). A request that differs only
     * in parts the stub does not look at (an unknown query parameter) got that response by chance.
     */
    static boolean promised(JsonNode matcher, ExampleRequest example, ExampleRequest request) {
        boolean wholeUrl = matcher.has("urlPattern");
        if (!request.path().equals(example.path()) && (wholeUrl || matcher.has("urlPathPattern"))) {
            return true;
        }
        Set<String> parameters = new HashSet<>(example.query().keySet());
        parameters.addAll(request.query().keySet());
        for (String name : parameters) {
            if (!Objects.equals(example.query().get(name), request.query().get(name))
                    && (wholeUrl || loose(matcher.path("queryParameters").get(name)))) {
                return true;
            }
        }
        Map<String, String> exampleHeaders = lowerCaseNames(example.headers());
        Map<String, String> requestHeaders = lowerCaseNames(request.headers());
        Set<String> headers = new HashSet<>(exampleHeaders.keySet());
        headers.addAll(requestHeaders.keySet());
        for (String name : headers) {
            if (!Objects.equals(exampleHeaders.get(name), requestHeaders.get(name)) && loose(header(matcher, name))) {
                return true;
            }
        }
        return false;
    }

    /** A request that differs from an example in one part: the query string, a header, or the body. */
    record Variant(String part, ExampleRequest request) {}

    /**
     * The example with one part changed as a consumer's request may differ from it: an unknown
     * query parameter or header added, each parameter and header left out or given another value,
     * the body left out, not JSON, or (a JSON body) each value changed as the rule comparison
     * changes a value. Which of them the baseline's stubs respond to as they respond to the example is theirs to say.
     */
    static List<Variant> variants(ExampleRequest example) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("query", example.withQuery(Map.of("unexpected", "1"))));
        for (String name : example.query().keySet()) {
            Map<String, String> without = new java.util.LinkedHashMap<>(example.query());
            without.remove(name);
            variants.add(new Variant(
                    "query",
                    new ExampleRequest(example.method(), example.path(), without, example.headers(), example.body())));
            variants.add(new Variant("query", example.withQuery(Map.of(name, "x"))));
        }
        Map<String, String> extra = new java.util.LinkedHashMap<>(example.headers());
        extra.put("X-Unexpected", "1");
        variants.add(new Variant(
                "header",
                new ExampleRequest(example.method(), example.path(), example.query(), extra, example.body())));
        for (String name : example.headers().keySet()) {
            Map<String, String> without = new java.util.LinkedHashMap<>(example.headers());
            without.remove(name);
            variants.add(new Variant(
                    "header",
                    new ExampleRequest(example.method(), example.path(), example.query(), without, example.body())));
            Map<String, String> other = new java.util.LinkedHashMap<>(example.headers());
            other.put(name, "x");
            variants.add(new Variant(
                    "header",
                    new ExampleRequest(example.method(), example.path(), example.query(), other, example.body())));
        }
        if (example.body() != null) {
            List<String> bodies = new ArrayList<>(List.of("", "x", example.body() + "x"));
            if (example.jsonBody()) {
                JsonNode json =
                        tech.flashback.creditpacks.tools.published.PublishedJson.MAPPER.readTree(example.body());
                RuleComparison.variants(json, java.util.Set.of())
                        .forEach(variant -> bodies.add(
                                tech.flashback.creditpacks.tools.published.PublishedJson.MAPPER.writeValueAsString(
                                        variant)));
            }
            variants.add(new Variant(
                    "body",
                    new ExampleRequest(example.method(), example.path(), example.query(), example.headers(), null)));
            bodies.forEach(body -> variants.add(new Variant(
                    "body",
                    new ExampleRequest(example.method(), example.path(), example.query(), example.headers(), body))));
        }
        return variants;
    }

    private static boolean loose(JsonNode matcher) {
        return matcher != null && !exact(matcher);
    }

    /** The matcher's rule for a header, whatever the case of its name (WireMock's way), or null. */
    private static JsonNode header(JsonNode matcher, String name) {
        return matcher.path("headers").properties().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, String> lowerCaseNames(Map<String, String> headers) {
        Map<String, String> lowerCase = new HashMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        return lowerCase;
    }

    /** {@code {"equalTo": "x"}}: one value, which the replayed example request carries. */
    private static boolean exact(JsonNode matcher) {
        return matcher.size() == 1 && matcher.has("equalTo") || matcher.isEmpty();
    }

    private static String line(String part, String baseline, String candidate) {
        return part + ": the stubs matched " + baseline + ", now " + candidate
                + ": a stub user sending a value only the old"
                + " pattern allowed may get another answer: a person must look (it counts as failing until then)";
    }

    private static String describeUrl(JsonNode matcher) {
        for (String key : List.of("url", "urlPath", "urlPattern", "urlPathPattern")) {
            if (matcher.has(key)) {
                return key + " " + matcher.get(key).asString();
            }
        }
        return "any URL";
    }

    /**
     * Whether the {@code candidate} pattern accepts every value the {@code baseline} one does, as far
     * as their text shows. Flags, back-references and quoting change what an alternative means by
     * where it stands, so patterns with them must be the same text.
     */
    static boolean covers(String candidate, String baseline) {
        if (candidate.equals(baseline) || candidate.equals(".*")) {
            return true;
        }
        if (CONTEXTUAL.matcher(candidate).find()
                || CONTEXTUAL.matcher(baseline).find()
                || structure(candidate).nestedClass()
                || structure(baseline).nestedClass()) {
            return false;
        }
        return new HashSet<>(alternatives(candidate)).containsAll(alternatives(baseline));
    }

    /** {@code a|(?:b|(c|d))} as a, b, c and d: the alternatives, through groups that are whole alternatives. */
    static Set<String> alternatives(String pattern) {
        String whole = enclosedGroup(pattern)
                ? pattern.substring(pattern.startsWith("(?:") ? 3 : 1, pattern.length() - 1)
                : pattern;
        Set<String> alternatives = new HashSet<>();
        int start = 0;
        for (int bar : structure(whole).bars()) {
            add(whole.substring(start, bar), alternatives);
            start = bar + 1;
        }
        add(whole.substring(start), alternatives);
        return alternatives;
    }

    private static void add(String alternative, Set<String> alternatives) {
        if (enclosedGroup(alternative)) {
            alternatives.addAll(alternatives(alternative));
        } else {
            alternatives.add(alternative);
        }
    }

    /** {@code (...)} or {@code (?:...)}, one group from the first character to the last (not a lookaround or a named group). */
    private static boolean enclosedGroup(String pattern) {
        boolean opens = pattern.startsWith("(?:") || pattern.startsWith("(") && !pattern.startsWith("(?");
        return opens && pattern.endsWith(")") && structure(pattern).firstGroupEnd() == pattern.length() - 1;
    }

    /**
     * Where a pattern's top-level {@code |} stand, where the group it opens with closes (-1: none),
     * and whether a character class holds a {@code [} (Java's nested classes, read differently elsewhere).
     */
    private record Structure(List<Integer> bars, int firstGroupEnd, boolean nestedClass) {}

    /** One pass over the pattern, skipping escaped characters and character classes. */
    private static Structure structure(String pattern) {
        List<Integer> bars = new ArrayList<>();
        int firstGroupEnd = -1;
        int depth = 0;
        boolean inClass = false;
        boolean nestedClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                nestedClass |= c == '[';
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0 && firstGroupEnd < 0) {
                firstGroupEnd = i;
            } else if (c == '|' && depth == 0) {
                bars.add(i);
            }
        }
        return new Structure(bars, firstGroupEnd, nestedClass);
    }
}
