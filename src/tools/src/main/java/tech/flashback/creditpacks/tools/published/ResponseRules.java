package tech.flashback.creditpacks.tools.published;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Everything a contract holds a response to: the status, the headers it names, and the body: a
 * JSON body's rules, or the exact text of a body that is not JSON (both null for a contract
 * without a body).
 */
public record ResponseRules(int status, List<HeaderRule> headers, BodyRules body, String text) {

    /** How much of the text before a byte that is not UTF-8 a failure quotes, for a reader to find the spot. */
    private static final int BEFORE_CHARS = 30;

    /** The number in Jackson's "Value \"1e99999999999\" cannot be deserialized as ..." (the whole message, should that change). */
    private static final Pattern JACKSONS_NUMBER = Pattern.compile("^Value \"([^\"]{1,200})\"");

    public ResponseRules {
        headers = List.copyOf(headers);
    }

    public ResponseRules(int status, List<HeaderRule> headers, BodyRules body) {
        this(status, headers, body, null);
    }

    /** Every way {@code response} breaks these rules; empty when it honours them. */
    public List<Problem> problems(ObservedResponse response) {
        List<Problem> problems = new ArrayList<>();
        if (response.status() != status) {
            String location = response.header("Location");
            // A redirect is never followed: a producer must answer where its contract says.
            problems.add(new Problem(
                    "status",
                    String.valueOf(status),
                    response.status()
                            + (location == null
                                    ? ""
                                    : ", a redirect to " + Problem.shorten(location) + " (never followed)")));
        }
        for (HeaderRule header : headers) {
            List<String> values = response.headers().getOrDefault(header.name(), List.of());
            String actual = values.isEmpty() ? null : values.get(0);
            if (values.size() > 1) {
                problems.add(new Problem(
                        "header " + header.name(),
                        "one value",
                        values.size() + " headers: " + Problem.shorten(String.join(" | ", values))));
            } else if (!(header.name().equalsIgnoreCase("Content-Type")
                    ? acceptsContentType(header, actual)
                    : header.accepts(actual))) {
                problems.add(new Problem(
                        "header " + header.name(),
                        header.expected()
                                + (header.name().equalsIgnoreCase("Content-Type")
                                        ? " (and UTF-8, if it names a charset)"
                                        : ""),
                        actual == null ? "no such header" : "\"" + Problem.shorten(actual) + "\""));
            }
        }
        if (body != null) {
            JsonNode json = parse(response, problems);
            if (json != null) {
                problems.addAll(body.problems(json));
            }
        } else if (text != null) {
            String actual = response.bodyText();
            if (!actual.equals(text)) {
                problems.add(new Problem(
                        "body", "exactly \"" + Problem.shorten(text) + "\"", "\"" + Problem.shorten(actual) + "\""));
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
            if (parameter[0].strip().equalsIgnoreCase("charset")
                    && parameter.length == 2
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        if (rule.match() == HeaderRule.Match.matches
                && rule.value().endsWith(".*")
                && rule.value().substring(0, rule.value().length() - 2).matches("[\\w.+-]+/[\\w.+-]+")) {
            return mediaType.equals(
                    rule.value().substring(0, rule.value().length() - 2).toLowerCase(java.util.Locale.ROOT));
        }
        return rule.accepts(actual);
    }

    private static JsonNode parse(ObservedResponse response, List<Problem> problems) {
        if (response.body().length == 0) {
            problems.add(new Problem("body", "a JSON document", "an empty body"));
            return null;
        }
        String contentEncoding = response.header("Content-Encoding");
        String notAsked = contentEncoding == null
                ? ""
                : "a body in Content-Encoding " + Problem.shorten(contentEncoding) + ", which was not asked for: ";
        String otherEncoding = notUtf8(response.body());
        if (otherEncoding != null) {
            problems.add(new Problem("body", "a JSON document in UTF-8 (RFC 8259 §8.1)", notAsked + otherEncoding));
            return null;
        }
        try {
            return PublishedJson.MAPPER.readTree(response.body());
        } catch (StreamConstraintsException e) {
            // Valid JSON beyond what the reader takes (a number of more than a thousand digits, nesting beyond
            // Jackson's depth):
            // a consumer's parser has limits too, and "not JSON" would send the producer team looking for a syntax
            // error.
            problems.add(new Problem(
                    "body",
                    "a JSON document within the reader's limits",
                    notAsked + Problem.shorten(e.getOriginalMessage())));
            return null;
        } catch (NumberFormatException e) {
            // An exponent beyond any BigDecimal (1e99999999999): Jackson gives up on the number itself, before any rule
            // sees it.
            Matcher number = JACKSONS_NUMBER.matcher(String.valueOf(e.getMessage()));
            problems.add(new Problem(
                    "body",
                    "a JSON document whose numbers can be compared",
                    notAsked + "a number beyond any range: "
                            + Problem.shorten(number.find() ? number.group(1) : String.valueOf(e.getMessage()))));
            return null;
        } catch (JacksonException e) {
            problems.add(new Problem(
                    "body", "a JSON document", notAsked + "\"" + Problem.shorten(response.bodyText()) + "\""));
            return null;
        }
    }

    /**
     * Null when {@code body} is UTF-8, the only encoding RFC 8259 §8.1 allows between systems;
     * otherwise what it is. Jackson would detect UTF-16 and UTF-32 by their zero bytes and read
     * them, where a browser's {@code res.json()}, Node and this repository's TypeScript client
     * decode every JSON body as UTF-8 and fail.
     *
     * <p>A UTF-8 byte order mark fails too: RFC 8259 says senders MUST NOT add one and parsers
     * only MAY ignore it. Some consumers do ({@code res.json()} in browsers and Node, Jackson and
     * Python's {@code json.loads} given bytes), others do not ({@code JSON.parse} of text decoded
     * without stripping it, Python's {@code json.loads} given text: "Unexpected UTF-8 BOM"), and
     * a contract is what every consumer can rely on.
     */
    private static String notUtf8(byte[] body) {
        String byteOrderMark = byteOrderMark(body);
        if (byteOrderMark != null) {
            return byteOrderMark;
        }
        // Without a mark, RFC 4627 §3: the first two characters of a JSON text are ASCII, so the
        // zero bytes around them tell UTF-16 and UTF-32, and their order, apart; none of them is UTF-8.
        if (body[0] == 0) {
            return (body.length >= 4 && body[1] == 0 && body[2] == 0 ? "UTF-32BE" : "UTF-16BE")
                    + " (no byte order mark)";
        }
        if (body.length >= 2 && body[1] == 0) {
            return (body.length >= 4 && body[2] == 0 && body[3] == 0 ? "UTF-32LE" : "UTF-16LE")
                    + " (no byte order mark)";
        }
        // Strictly: String's decoding would turn each stray byte into U+FFFD and read on.
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        CharBuffer text = CharBuffer.allocate(body.length);
        CoderResult result = utf8.decode(bytes, text, true);
        if (!result.isError() && !bytes.hasRemaining()) {
            return null;
        }
        int at = bytes.position();
        // What is left unread without an error is a character cut off by the end of the body.
        int wrongBytes = result.isError() ? result.length() : bytes.remaining();
        StringBuilder wrong = new StringBuilder();
        for (int i = at; i < at + wrongBytes; i++) {
            wrong.append(wrong.isEmpty() ? "" : " ").append(String.format("0x%02X", body[i] & 0xFF));
        }
        String read = text.flip().toString();
        int from = Math.max(0, read.length() - BEFORE_CHARS);
        if (from > 0 && Character.isLowSurrogate(read.charAt(from))) {
            from++; // not half a character
        }
        String before = read.substring(from);
        return "bytes that are not UTF-8 (" + wrong + " at byte " + at
                + (before.isEmpty() ? "" : ", after \"" + Problem.shorten(before) + "\"") + ")";
    }

    private static String byteOrderMark(byte[] body) {
        if (startsWith(body, 0x00, 0x00, 0xFE, 0xFF)) {
            return "UTF-32BE (with a byte order mark)";
        }
        if (startsWith(body, 0xFF, 0xFE, 0x00, 0x00)) {
            return "UTF-32LE (with a byte order mark)";
        }
        if (startsWith(body, 0xFE, 0xFF)) {
            return "UTF-16BE (with a byte order mark)";
        }
        if (startsWith(body, 0xFF, 0xFE)) {
            return "UTF-16LE (with a byte order mark)";
        }
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) {
            return "UTF-8 with a byte order mark, which senders must not add";
        }
        return null;
    }

    private static boolean startsWith(byte[] body, int... prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((body[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
