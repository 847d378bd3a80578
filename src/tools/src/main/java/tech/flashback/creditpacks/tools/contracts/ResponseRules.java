package tech.flashback.creditpacks.tools.contracts;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Everything a contract holds an answer to: the status, the headers it names, and the body's
 * rules (null for a contract without a body).
 */
public record ResponseRules(int status, List<HeaderRule> headers, BodyRules body) {

    public ResponseRules {
        headers = List.copyOf(headers);
    }

    /** Every way {@code answer} breaks these rules; empty when it honours them. */
    public List<Problem> problems(HttpAnswer answer) {
        List<Problem> problems = new ArrayList<>();
        if (answer.status() != status) {
            String location = answer.header("Location");
            // A redirect is never followed: a producer must answer where its contract says.
            problems.add(new Problem("status", String.valueOf(status), answer.status()
                    + (location == null ? "" : ", a redirect to " + Problem.shorten(location) + " (never followed)")));
        }
        for (HeaderRule header : headers) {
            List<String> values = answer.headers().getOrDefault(header.name(), List.of());
            String actual = values.isEmpty() ? null : values.get(0);
            if (values.size() > 1) {
                problems.add(new Problem("header " + header.name(), "one value", values.size() + " headers: "
                        + Problem.shorten(String.join(" | ", values))));
            } else if (!(header.name().equalsIgnoreCase("Content-Type") ? acceptsContentType(header, actual) : header.accepts(actual))) {
                problems.add(new Problem("header " + header.name(), header.expected()
                        + (header.name().equalsIgnoreCase("Content-Type") ? " (and UTF-8, if it names a charset)" : ""),
                        actual == null ? "no such header" : "\"" + Problem.shorten(actual) + "\""));
            }
        }
        if (body != null) {
            JsonNode json = parse(answer, problems);
            if (json != null) {
                problems.addAll(body.problems(json));
            }
        }
        return problems;
    }

    /**
     * A content type is a media type, case-insensitive, with parameters: Spring Cloud Contract's
     * {@code application/json.*} means application/json with any parameters, not any type that
     * starts so ({@code application/jsonp}); and a JSON body a consumer can read is UTF-8.
     */
    private static boolean acceptsContentType(HeaderRule rule, String actual) {
        if (actual == null) {
            return false;
        }
        String[] parts = actual.split(";");
        String mediaType = parts[0].strip().toLowerCase(java.util.Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        if (rule.match() == HeaderRule.Match.matches && rule.value().endsWith(".*")
                && rule.value().substring(0, rule.value().length() - 2).matches("[\\w.+-]+/[\\w.+-]+")) {
            return mediaType.equals(rule.value().substring(0, rule.value().length() - 2).toLowerCase(java.util.Locale.ROOT));
        }
        return rule.accepts(actual);
    }

    private static JsonNode parse(HttpAnswer answer, List<Problem> problems) {
        if (answer.body().length == 0) {
            problems.add(new Problem("body", "a JSON document", "an empty body"));
            return null;
        }
        try {
            return PublishedJson.MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            String encoding = answer.header("Content-Encoding");
            problems.add(new Problem("body", "a JSON document", (encoding == null ? "" : "a body in Content-Encoding "
                    + Problem.shorten(encoding) + ", which was not asked for: ") + "\"" + Problem.shorten(answer.bodyText()) + "\""));
            return null;
        }
    }
}
