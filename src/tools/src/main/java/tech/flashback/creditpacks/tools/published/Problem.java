package tech.flashback.creditpacks.tools.published;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One way a response breaks a contract: where (a JSON path, or a part of the HTTP response such
 * as {@code status}), what the contract expects there, and what was actually there.
 */
public record Problem(String where, String expected, String actual) {

    /** How many problems a report shows per contract; the rest are counted, never printed. */
    public static final int SHOWN = 10;

    private static final int VALUE_CHARS = 80;

    @Override
    public String toString() {
        return where + ": expected " + expected + ", got " + actual;
    }

    /** The first {@link #SHOWN} problems, one per line, and how many more there were. */
    public static String list(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        problems.stream().limit(SHOWN).forEach(problem -> text.append(problem).append('\n'));
        if (problems.size() > SHOWN) {
            text.append("... and ").append(problems.size() - SHOWN).append(" more problems\n");
        }
        return text.toString();
    }

    /** A JSON value as a reader meets it in a failure ("the string \"19.99\""), cut to a line. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "the string " + shorten(value.toString());
        }
        if (value.isNumber()) {
            // Up to a thousand digits get this far.
            return "the number " + shorten(value.toString());
        }
        if (value.isBoolean()) {
            return "the boolean " + value.asBoolean();
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "an empty array";
            }
            return value.size() > 3
                    ? "an array of " + value.size() + " elements"
                    : "an array of " + value.size() + " " + shorten(value.toString());
        }
        return "an object " + shorten(value.toString());
    }

    /**
     * Text cut to one readable line: a hostile 50 MB value must not become a 50 MB report, and a
     * control character (an escape sequence that would rewrite a terminal) is shown, not sent.
     */
    public static String shorten(String text) {
        StringBuilder visible = new StringBuilder();
        text.codePoints().limit(VALUE_CHARS * 4L).forEach(c -> {
            if (c == '\n') {
                visible.append("\\n");
            } else if (c == '\r') {
                visible.append("\\r");
            } else if (Character.isISOControl(c) || c == 0xFFFD) {
                visible.append(String.format("\\u%04x", c));
            } else {
                visible.appendCodePoint(c);
            }
        });
        String oneLine = visible.toString();
        return oneLine.length() <= VALUE_CHARS && text.length() <= VALUE_CHARS
                ? oneLine
                : oneLine.substring(0, Math.min(VALUE_CHARS, oneLine.length())) + "... (" + text.length()
                        + " characters)";
    }
}
