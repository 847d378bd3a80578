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
            String actual = answer.header(header.name());
            if (!header.accepts(actual)) {
                problems.add(new Problem("header " + header.name(), header.expected(),
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

    private static JsonNode parse(HttpAnswer answer, List<Problem> problems) {
        if (answer.body().length == 0) {
            problems.add(new Problem("body", "a JSON document", "an empty body"));
            return null;
        }
        try {
            return PublishedJson.MAPPER.readTree(answer.body());
        } catch (JacksonException e) {
            problems.add(new Problem("body", "a JSON document", "\"" + Problem.shorten(answer.bodyText()) + "\""));
            return null;
        }
    }
}
