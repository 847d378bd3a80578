package tech.flashback.creditpacks.tools.published;

import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response header the producer must send: its value equal to a text, or matching a regular
 * expression as a whole (Spring Cloud Contract's {@code contentType(applicationJson())} is the
 * expression {@code application/json.*}, so a charset parameter is allowed).
 */
public record HeaderRule(String name, Match match, String value) {

    /** How the header's value is compared; the names are those of the published JSON. */
    public enum Match {
        equalTo,
        matches
    }

    public boolean accepts(String actual) {
        return actual != null && (match == Match.equalTo ? value.equals(actual) : Pattern.matches(value, actual));
    }

    /** What the rule wants, for a failure message. */
    public String expected() {
        return match == Match.equalTo ? "\"" + value + "\"" : "a value matching " + value;
    }

    public JsonNode toJson() {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put(match.name(), value);
        return json;
    }

    public static HeaderRule fromJson(String name, JsonNode json) {
        Match match = json.has(Match.equalTo.name()) ? Match.equalTo : Match.matches;
        return new HeaderRule(name, match, json.path(match.name()).asString());
    }
}
