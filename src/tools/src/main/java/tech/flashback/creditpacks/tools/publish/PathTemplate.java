package tech.flashback.creditpacks.tools.publish;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A stub's URL matcher as an OpenAPI path: a plain path stays as it is, and a path pattern
 * ({@code urlPathPattern}, or the path part of a {@code urlPattern}) becomes a template with a
 * parameter for each segment that is a pattern, the parameter carrying that segment's pattern
 * ({@code /accounts/[0-9]+} is {@code /accounts/{id}}, its {@code id} matching {@code [0-9]+}).
 * A pattern whose segments cannot be told apart (a slash inside a group, an optional slash but a
 * trailing one, alternatives across slashes) is described by its stub's example path instead,
 * which the stub accepts: the document may promise less than the stubs answer, never more.
 *
 * @param path       the OpenAPI path
 * @param parameters the path parameters, in the order of their segments
 * @param unexpressed the stub's pattern when the path is only its example (null otherwise)
 * @param queryInPattern whether the stub matches the query string inside its URL pattern
 */
record PathTemplate(String path, List<Parameter> parameters, String unexpressed, boolean queryInPattern) {

    /**
     * A templated segment: its name in the path, and the pattern the whole segment matches (null when it is
     * a template the stub names without a pattern).
     */
    record Parameter(String name, String pattern) {}

    private static final String METACHARACTERS = ".^$|?*+()[]{}\\";

    /**
     * @param matcher     the stub's request matcher (WireMock's request pattern)
     * @param examplePath the path of the request the contract's test sends
     */
    static PathTemplate of(JsonNode matcher, String examplePath) {
        if (matcher.has("urlPath")) {
            return plain(matcher.get("urlPath").asString());
        }
        if (matcher.has("url")) {
            return plain(matcher.get("url").asString().replaceFirst("\\?.*$", ""));
        }
        if (matcher.has("urlPathTemplate")) {
            return template(matcher.get("urlPathTemplate").asString(), examplePath);
        }
        if (matcher.has("urlPathPattern")) {
            return pattern(matcher.get("urlPathPattern").asString(), examplePath, false);
        }
        if (matcher.has("urlPattern")) {
            String pattern = matcher.get("urlPattern").asString();
            int query = topLevelQuery(pattern);
            return pattern(query < 0 ? pattern : pattern.substring(0, query), examplePath, query >= 0);
        }
        // A stub that matches any URL: its example path is one it answers.
        return plain(examplePath);
    }

    private static PathTemplate plain(String path) {
        return new PathTemplate(path, List.of(), null, false);
    }

    /** WireMock's own template ({@code /accounts/{id}}): already what OpenAPI says, with no pattern on its parameters. */
    private static PathTemplate template(String template, String examplePath) {
        List<Parameter> parameters = new ArrayList<>();
        for (String segment : template.split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2) {
                parameters.add(new Parameter(segment.substring(1, segment.length() - 1), null));
            } else if (segment.contains("{") || segment.contains("}")) {
                return new PathTemplate(examplePath, List.of(), template, false);
            }
        }
        return new PathTemplate(template, List.copyOf(parameters), null, false);
    }

    private static PathTemplate pattern(String pattern, String examplePath, boolean queryInPattern) {
        String body = pattern;
        if (body.startsWith("^")) {
            body = body.substring(1);
        }
        if (body.endsWith("$") && !body.endsWith("\\$")) {
            body = body.substring(0, body.length() - 1);
        }
        // A trailing optional slash: the path without it is one the stub answers.
        if (body.endsWith("/?") && !body.endsWith("\\/?")) {
            body = body.substring(0, body.length() - 2);
        }
        List<String> segments = segments(body);
        if (segments == null) {
            return new PathTemplate(examplePath, List.of(), pattern, queryInPattern);
        }
        List<String> literal = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        for (String segment : segments) {
            String text = literal(segment);
            literal.add(text);
            if (text == null) {
                patterns.add(segment);
            }
        }
        StringBuilder path = new StringBuilder();
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            path.append('/');
            if (literal.get(i) != null) {
                path.append(literal.get(i));
            } else {
                // One parameter is the id; several are numbered in the order they stand.
                String name = patterns.size() == 1 ? "id" : "id" + (parameters.size() + 1);
                parameters.add(new Parameter(name, segments.get(i)));
                path.append('{').append(name).append('}');
            }
        }
        return new PathTemplate(path.toString(), List.copyOf(parameters), null, queryInPattern);
    }

    /**
     * The segments of a path pattern, between the slashes that stand on their own (outside groups and
     * character classes, unquantified); null when the pattern is no sequence of such segments.
     */
    private static List<String> segments(String pattern) {
        if (!pattern.startsWith("/") && !pattern.startsWith("\\/")) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        StringBuilder segment = null;
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean escapedSlash = c == '\\' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '/';
            if (!inClass && (c == '/' || escapedSlash)) {
                int next = escapedSlash ? i + 2 : i + 1;
                if (depth > 0 || next < pattern.length() && "?*+{".indexOf(pattern.charAt(next)) >= 0) {
                    return null;
                }
                if (segment != null) {
                    segments.add(segment.toString());
                }
                segment = new StringBuilder();
                i = next - 1;
                continue;
            }
            if (c == '\\' && i + 1 < pattern.length()) {
                segment.append(c).append(pattern.charAt(++i));
                continue;
            }
            if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                // Alternatives of the whole path: not one template.
                return null;
            }
            segment.append(c);
        }
        if (depth != 0 || inClass) {
            return null;
        }
        segments.add(segment.toString());
        return segments;
    }

    /** The text a segment matches when it is a plain text (escapes of punctuation allowed); null when it is a pattern. */
    private static String literal(String segment) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                char escaped = i + 1 < segment.length() ? segment.charAt(++i) : 'x';
                if (Character.isLetterOrDigit(escaped) || escaped == '{' || escaped == '}') {
                    return null;
                }
                text.append(escaped);
            } else if (METACHARACTERS.indexOf(c) >= 0) {
                return null;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** Where the query string begins in a URL pattern (an escaped or bracketed {@code ?} outside groups); -1: it has none. */
    private static int topLevelQuery(String pattern) {
        int depth = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                if (pattern.charAt(i + 1) == '?' && depth == 0) {
                    return i;
                }
                i++;
            } else if (c == '[') {
                if (pattern.startsWith("[?]", i) && depth == 0) {
                    return i;
                }
                int close = pattern.indexOf(']', i + 2);
                i = close < 0 ? pattern.length() : close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return -1;
    }
}
