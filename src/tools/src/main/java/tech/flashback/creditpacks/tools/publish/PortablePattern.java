package tech.flashback.creditpacks.tools.publish;

import java.util.List;
import java.util.Map;

/**
 * A contract's regular expression (Java's, as Spring Cloud Contract and WireMock read it) in the
 * form a published rule gives it: one that Java, JavaScript (with and without the {@code u} flag)
 * and Python's {@code re} all read, and read the same. The contract's Java meaning is kept: where
 * the engines read a construct differently, it is written out as the explicit class Java means by
 * it ({@code \d} is {@code [0-9]}, {@code \w} {@code [A-Za-z0-9_]}, {@code \s} the six ASCII white
 * space characters, {@code .} any character but Java's line terminators); where no explicit form
 * says the same everywhere, the pattern is refused, saying why ({@link Unportable}).
 *
 * <p>What differs, and why each is refused or rewritten: Python's {@code \d}, {@code \w},
 * {@code \s} and {@code \b} are Unicode-aware, Java's and JavaScript's ASCII; Python rejects
 * {@code \p{L}} ("bad escape \p") and JavaScript reads it only with {@code u} (without it,
 * {@code \p} is the letter p); Python spells a named group {@code (?P<name>...)}, and takes only a
 * fixed-width lookbehind; JavaScript with {@code u} refuses an escaped character that needs none
 * ({@code \-}, {@code \:}) and a lone {@code ]}, {@code {} or {@code }}; Java reads {@code &&} in
 * a class as an intersection and {@code [} in one as a union; without {@code u}, JavaScript reads
 * a character beyond U+FFFF as two.
 */
final class PortablePattern {

    /** A pattern that has no form every engine reads the same: why, as a phrase ("a named group (?<id>...) ..."). */
    static final class Unportable extends Exception {

        Unportable(String reason) {
            super(reason);
        }
    }

    /** The characters Java's {@code \s} means: space, tab, newline, vertical tab, form feed, carriage return. */
    private static final String SPACE = "\\t\\n\\x0B\\f\\r ";
    /** Java's line terminators: what its {@code .} does not match (without DOTALL). */
    private static final String LINE_TERMINATORS = "\\n\\r\\u0085\\u2028\\u2029";
    /** Java's {@code \v}: vertical white space. */
    private static final String VERTICAL = "\\n\\x0B\\f\\r\\u0085\\u2028\\u2029";
    /** Class escapes, by letter, as the ranges Java means by them (inside a class, or between brackets outside one). */
    private static final Map<Character, String> CLASSES =
            Map.of('d', "0-9", 'w', "A-Za-z0-9_", 's', SPACE, 'v', VERTICAL);
    /** Every character, as JavaScript spells it without the dotAll flag (the first), and the same said of digits or word characters. */
    private static final List<String> ANY_CHARACTER =
            List.of("[\\s\\S]", "[\\S\\s]", "[\\d\\D]", "[\\D\\d]", "[\\w\\W]", "[\\W\\w]");
    /** What a pattern escapes because it is syntax, everywhere; {@code /} because JavaScript's literals do. */
    private static final String SYNTAX = "^$\\.*+?()[]{}|/";

    private final String regex;
    private final StringBuilder out = new StringBuilder();
    private int at;

    private PortablePattern(String regex) {
        this.regex = regex;
    }

    /**
     * The published form of {@code regex}, unanchored (the caller anchors it).
     *
     * @throws Unportable saying which construct has no form all engines read the same
     */
    static String of(String regex) throws Unportable {
        PortablePattern pattern = new PortablePattern(regex);
        pattern.translate();
        return pattern.out.toString();
    }

    /**
     * {@code regex} held to the whole value, as Spring Cloud Contract matches it: JSON Schema's
     * {@code pattern} searches, so it is anchored; and at the very end, since {@code $} alone also
     * matches before a final line break in Java and Python, where JavaScript's does not.
     */
    static String wholeValue(String regex) throws Unportable {
        return "^(?:" + of(regex) + ")(?![\\s\\S])";
    }

    private void translate() throws Unportable {
        for (int i = 0; i < regex.length(); i++) {
            if (Character.isSurrogate(regex.charAt(i))) {
                throw new Unportable("a character beyond U+FFFF (" + new String(Character.toChars(regex.codePointAt(i)))
                        + "), which JavaScript without the u flag reads as two");
            }
        }
        boolean quantifiable = false;
        while (at < regex.length()) {
            char c = regex.charAt(at);
            switch (c) {
                case '\\' -> {
                    escapeOutside();
                    quantifiable = true;
                }
                case '[' -> {
                    characterClass();
                    quantifiable = true;
                }
                case '.' -> {
                    out.append("[^").append(LINE_TERMINATORS).append(']');
                    at++;
                    quantifiable = true;
                }
                case '(' -> {
                    group();
                    quantifiable = false;
                }
                case ')' -> {
                    out.append(c);
                    at++;
                    quantifiable = true;
                }
                case '*', '+', '?' -> {
                    if (!quantifiable) {
                        throw new Unportable("a " + c + " that repeats nothing");
                    }
                    out.append(c);
                    at++;
                    lazyOrPossessive();
                    quantifiable = false;
                }
                case '{' -> {
                    if (!quantifiable) {
                        throw new Unportable(
                                "a { that is not a repetition such as {2,3} (write \\{ for the character)");
                    }
                    repetition();
                    quantifiable = false;
                }
                case '}', ']' -> {
                    // Java takes a lone one as the character; JavaScript with u refuses it unescaped.
                    out.append('\\').append(c);
                    at++;
                    quantifiable = true;
                }
                case '^', '$', '|' -> {
                    out.append(c);
                    at++;
                    quantifiable = false;
                }
                default -> {
                    out.append(c);
                    at++;
                    quantifiable = true;
                }
            }
        }
    }

    private void escapeOutside() throws Unportable {
        if (at + 1 >= regex.length()) {
            throw new Unportable("a \\ at the end");
        }
        char e = regex.charAt(at + 1);
        String expanded = CLASSES.get(e);
        if (expanded != null) {
            out.append('[').append(expanded).append(']');
            at += 2;
        } else if (e == 'D' || e == 'W' || e == 'S') {
            out.append("[^").append(CLASSES.get(Character.toLowerCase(e))).append(']');
            at += 2;
        } else {
            common(e, false);
        }
    }

    /** An escape that means the same inside a class and out: a control character, a code, an escaped character. */
    private void common(char e, boolean inClass) throws Unportable {
        switch (e) {
            case 't', 'n', 'r', 'f' -> {
                out.append('\\').append(e);
                at += 2;
            }
            case 'x' -> hex(2);
            case 'u' -> hex(4);
            case 'b', 'B' ->
                throw new Unportable(
                        inClass
                                ? "\\b in a class (a backspace in JavaScript and Python, an error in Java)"
                                : "a word boundary \\" + e
                                        + ", which Python draws around any Unicode letter and Java and JavaScript around"
                                        + " ASCII ones (say the characters on either side instead)");
            case 'p', 'P' ->
                throw new Unportable("a Unicode property \\" + e
                        + regex.substring(
                                at + 2,
                                Math.min(
                                        regex.length(),
                                        regex.indexOf('}', at) < 0 ? at + 2 : regex.indexOf('}', at) + 1))
                        + ", which Python's re rejects (bad escape \\"
                        + e + ") and JavaScript reads only with the u flag (without it, \\" + e + " is the letter " + e
                        + "); name the characters"
                        + " instead, e.g. [A-Za-z] for ASCII letters");
            case 'k' -> throw new Unportable("a named back-reference \\k<...>");
            default -> {
                if (Character.isLetterOrDigit(e)) {
                    throw new Unportable(
                            "the escape \\" + e + (Character.isDigit(e) ? " (a back-reference or an octal code)" : "")
                                    + ", which the engines read differently or not at all");
                }
                boolean keep = SYNTAX.indexOf(e) >= 0
                        || inClass && (e == '-' || e == ']' || e == '[' || e == '^' || e == '\\');
                // A character escaped without need is the character itself in Java; JavaScript with u refuses the
                // escape.
                if (keep) {
                    out.append('\\');
                }
                out.append(e);
                at += 2;
            }
        }
    }

    private void hex(int digits) throws Unportable {
        String code = regex.substring(at + 2, Math.min(regex.length(), at + 2 + digits));
        if (code.length() != digits || !code.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new Unportable("the escape \\" + regex.charAt(at + 1) + code
                    + " (write \\x with two hexadecimal digits or \\u" + " with four)");
        }
        if (digits == 2 && Integer.parseInt(code, 16) >= 0x80) {
            // A validator reading UTF-8 bytes (networknt's Joni) takes an \x code above 7F for a byte; the four-digit
            // form is the character everywhere.
            out.append("\\u00").append(code);
        } else {
            out.append('\\').append(regex.charAt(at + 1)).append(code);
        }
        at += 2 + digits;
    }

    private void characterClass() throws Unportable {
        for (String anything : ANY_CHARACTER) {
            if (regex.startsWith(anything, at)) {
                // A class and its complement: every character, in every engine, line breaks included.
                out.append(ANY_CHARACTER.get(0));
                at += anything.length();
                return;
            }
        }
        int start = at;
        out.append('[');
        at++;
        if (at < regex.length() && regex.charAt(at) == '^') {
            out.append('^');
            at++;
        }
        if (at < regex.length() && regex.charAt(at) == ']') {
            throw new Unportable("a class opening with ] (an empty class in JavaScript, the character in Java)");
        }
        // Whether the last element written can end a range (a character), and whether a range is open.
        boolean character = false;
        boolean expandedLast = false;
        while (at < regex.length() && regex.charAt(at) != ']') {
            char c = regex.charAt(at);
            if (c == '[') {
                throw new Unportable(
                        "a [ inside a class (Java reads a class within a class as a union, JavaScript and Python as"
                                + " the character)");
            }
            if (c == '&' && regex.startsWith("&&", at)) {
                throw new Unportable(
                        "&& in a class (Java reads it as an intersection, JavaScript and Python as the character)");
            }
            if (c == '-' && character && at + 1 < regex.length() && regex.charAt(at + 1) != ']') {
                if (expandedLast
                        || regex.charAt(at + 1) == '\\'
                                && at + 2 < regex.length()
                                && isClassEscape(regex.charAt(at + 2))) {
                    throw new Unportable("a range next to a class such as \\d inside ["
                            + regex.substring(
                                    start + 1, Math.min(regex.length(), Math.max(at + 1, regex.indexOf(']', at))))
                            + "]");
                }
                out.append('-');
                at++;
                character = false;
                continue;
            }
            if (c == '\\') {
                if (at + 1 >= regex.length()) {
                    throw new Unportable("a \\ at the end");
                }
                char e = regex.charAt(at + 1);
                if (isClassEscape(e) && Character.isLowerCase(e)) {
                    out.append(CLASSES.get(e));
                    at += 2;
                    character = true;
                    expandedLast = true;
                    continue;
                }
                if (isClassEscape(e)) {
                    throw new Unportable("\\" + e + " inside a class (write the class negated instead, e.g. [^" + "\\"
                            + Character.toLowerCase(e) + "])");
                }
                common(e, true);
            } else {
                out.append(c);
                at++;
            }
            character = true;
            expandedLast = false;
        }
        if (at >= regex.length()) {
            throw new Unportable("a class [ that is not closed");
        }
        out.append(']');
        at++;
    }

    private static boolean isClassEscape(char e) {
        return "dwsvDWSV".indexOf(e) >= 0;
    }

    private void group() throws Unportable {
        if (!regex.startsWith("(?", at)) {
            out.append('(');
            at++;
            return;
        }
        for (String kept : new String[] {"(?:", "(?=", "(?!"}) {
            if (regex.startsWith(kept, at)) {
                out.append(kept);
                at += 3;
                return;
            }
        }
        if (regex.startsWith("(?<=", at) || regex.startsWith("(?<!", at)) {
            throw new Unportable("a lookbehind " + regex.substring(at, at + 4)
                    + "...), which Python takes only of a fixed width" + " and older JavaScript engines not at all");
        }
        if (regex.startsWith("(?<", at) || regex.startsWith("(?P<", at) || regex.startsWith("(?'", at)) {
            int end = regex.indexOf('>', at);
            throw new Unportable(
                    "a named group " + regex.substring(at, end < 0 ? Math.min(regex.length(), at + 3) : end + 1)
                            + "...), which Python's re spells (?P<name>...) and JavaScript (?<name>...): write (...)");
        }
        if (regex.startsWith("(?>", at)) {
            throw new Unportable("an atomic group (?>...), which JavaScript does not have");
        }
        throw new Unportable("an inline flag such as (?i), which JavaScript does not have");
    }

    private void repetition() throws Unportable {
        int close = regex.indexOf('}', at);
        String body = close < 0 ? "" : regex.substring(at + 1, close);
        if (!body.matches("\\d+(,\\d*)?")) {
            throw new Unportable(
                    "{" + body + (close < 0 ? "" : "}") + ", which is not a repetition such as {2,3} (Python reads {,3}"
                            + " as {0,3}, Java refuses it, JavaScript takes it as text; write \\{ for the character)");
        }
        out.append(regex, at, close + 1);
        at = close + 1;
        lazyOrPossessive();
    }

    private void lazyOrPossessive() throws Unportable {
        if (at < regex.length() && regex.charAt(at) == '+') {
            throw new Unportable(
                    "a possessive quantifier such as ++, which JavaScript and Python before 3.11 do not have");
        }
        if (at < regex.length() && regex.charAt(at) == '?') {
            out.append('?');
            at++;
        }
    }
}
