package tech.flashback.creditpacks.tools.diff;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.tools.published.ExampleRequest;

/**
 * The parts of a stub's request matcher that accept a consumer's values by a pattern (a path
 * pattern, a query parameter or header that {@code matches}), compared with the matcher that
 * answers the same request in the new version. The diff replays one example request per stub, so
 * a pattern narrowed around that example would pass unseen: a new matcher counts as accepting
 * every value the old pattern did only when it is the same pattern, holds every one of its
 * alternatives, or no longer checks the part at all. Anything else is for a person to review.
 */
final class RequestPatterns {

    private static final List<Map.Entry<String, String>> URL_PATTERNS = List.of(Map.entry("urlPathPattern", "path"),
            Map.entry("urlPattern", "URL"));

    /** An inline flag or other (? construct but a plain group, a back-reference, a quote, a nested class. */
    private static final Pattern CONTEXTUAL = Pattern.compile("\\(\\?(?!:)|\\\\[1-9kQE]|\\[[^\\]]*\\[|\\[\\]");

    private RequestPatterns() {
    }

    /** A line per part whose old pattern the new matcher may no longer accept in full. */
    static List<String> narrowed(JsonNode old, JsonNode now) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> url : URL_PATTERNS) {
            String key = url.getKey();
            String part = url.getValue();
            if (old.has(key)) {
                String before = old.get(key).asString();
                String after = now.has(key) ? now.get(key).asString() : null;
                if (after == null || !covers(after, before)) {
                    parts.add(line("request " + part, before, after == null ? describeUrl(now) : after));
                }
            }
        }
        for (String group : List.of("queryParameters", "headers")) {
            boolean headers = group.equals("headers");
            old.path(group).properties().forEach(entry -> {
                JsonNode before = entry.getValue();
                if (exact(before)) {
                    return;
                }
                JsonNode after = headers ? header(now, entry.getKey()) : now.path(group).get(entry.getKey());
                String part = (headers ? "request header " : "request parameter ") + entry.getKey();
                if (after == null) {
                    // No longer checked, unless the new stub checks its whole URL, query string included.
                    if (!headers && (now.has("url") || now.has("urlPattern"))) {
                        parts.add(line(part, before.toString(), describeUrl(now)));
                    }
                    return;
                }
                boolean covered = before.equals(after) || before.size() == 1 && before.has("matches") && after.size() == 1
                        && after.has("matches") && covers(after.get("matches").asString(), before.get("matches").asString());
                if (!covered) {
                    parts.add(line(part, before.toString(), after.toString()));
                }
            });
        }
        return parts;
    }

    /**
     * Whether an old stub promised its answer to {@code request} through a pattern: the request
     * differs from the stub's own example request in a part the stub checks loosely (its path by
     * a pattern, a parameter or header by anything but one value). A request that differs only
     * in parts the stub does not look at (an unknown query parameter) got that answer by chance.
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
    record Variant(String part, ExampleRequest request) {
    }

    /**
     * The example with one part changed as a consumer's request may differ from it: an unknown
     * query parameter or header added, each parameter and header left out or given another value,
     * the body left out, not JSON, or (a JSON body) each value changed as the rule comparison
     * changes a value. Which of them the old stubs answered as they answer the example is theirs to say.
     */
    static List<Variant> variants(ExampleRequest example) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("query", example.withQuery(Map.of("unexpected", "1"))));
        for (String name : example.query().keySet()) {
            Map<String, String> without = new java.util.LinkedHashMap<>(example.query());
            without.remove(name);
            variants.add(new Variant("query", new ExampleRequest(example.method(), example.path(), without, example.headers(), example.body())));
            variants.add(new Variant("query", example.withQuery(Map.of(name, "x"))));
        }
        Map<String, String> extra = new java.util.LinkedHashMap<>(example.headers());
        extra.put("X-Unexpected", "1");
        variants.add(new Variant("header", new ExampleRequest(example.method(), example.path(), example.query(), extra, example.body())));
        for (String name : example.headers().keySet()) {
            Map<String, String> without = new java.util.LinkedHashMap<>(example.headers());
            without.remove(name);
            variants.add(new Variant("header", new ExampleRequest(example.method(), example.path(), example.query(), without, example.body())));
            Map<String, String> other = new java.util.LinkedHashMap<>(example.headers());
            other.put(name, "x");
            variants.add(new Variant("header", new ExampleRequest(example.method(), example.path(), example.query(), other, example.body())));
        }
        if (example.body() != null) {
            List<String> bodies = new ArrayList<>(List.of("", "x", example.body() + "x"));
            if (example.jsonBody()) {
                JsonNode json = tech.flashback.creditpacks.tools.published.PublishedJson.MAPPER.readTree(example.body());
                RuleComparison.variants(json, java.util.Set.of()).forEach(variant ->
                        bodies.add(tech.flashback.creditpacks.tools.published.PublishedJson.MAPPER.writeValueAsString(variant)));
            }
            variants.add(new Variant("body", new ExampleRequest(example.method(), example.path(), example.query(), example.headers(), null)));
            bodies.forEach(body -> variants.add(new Variant("body",
                    new ExampleRequest(example.method(), example.path(), example.query(), example.headers(), body))));
        }
        return variants;
    }

    private static boolean loose(JsonNode matcher) {
        return matcher != null && !exact(matcher);
    }

    /** The matcher's rule for a header, whatever the case of its name (WireMock's way), or null. */
    private static JsonNode header(JsonNode matcher, String name) {
        return matcher.path("headers").properties().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
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

    private static String line(String part, String before, String after) {
        return part + ": the stubs matched " + before + ", now " + after + ": a stub user sending a value only the old"
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
     * Whether {@code now} accepts every value {@code old} does, as far as their text shows. Flags,
     * back-references and quoting change what an alternative means by where it stands, so
     * patterns with them must be the same text.
     */
    static boolean covers(String now, String old) {
        if (now.equals(old) || now.equals(".*")) {
            return true;
        }
        if (CONTEXTUAL.matcher(now).find() || CONTEXTUAL.matcher(old).find() || structure(now).nestedClass()
                || structure(old).nestedClass()) {
            return false;
        }
        return new HashSet<>(alternatives(now)).containsAll(alternatives(old));
    }

    /** {@code a|(?:b|(c|d))} as a, b, c and d: the alternatives, through groups that are whole alternatives. */
    static Set<String> alternatives(String pattern) {
        String whole = enclosedGroup(pattern) ? pattern.substring(pattern.startsWith("(?:") ? 3 : 1, pattern.length() - 1) : pattern;
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
    private record Structure(List<Integer> bars, int firstGroupEnd, boolean nestedClass) {
    }

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
