package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A contract's Java pattern as a published rule: the same values accepted by Java (as the stubs and
 * Spring Cloud Contract match), by this build's validator, and where they are installed by Python's
 * {@code re} and by JavaScript with and without the {@code u} flag; what has no such form is refused.
 */
class PortablePatternTest {

    /** Each pattern as a contract writes it, and values that tell the engines' readings apart. */
    private static final Map<String, List<String>> PATTERNS = new LinkedHashMap<>();

    static {
        List<String> tricky = List.of(
                "",
                "abc",
                "abc\n",
                "\nabc",
                "abc\u0085",
                "123",
                "\u0663\u0664\u0665",
                "\uff11\uff12\uff13",
                "a b",
                "a\u00a0b",
                "a\u2003b",
                "a\tb",
                "\u00e9t\u00e9",
                "_x9",
                "x\ny",
                "a\rb",
                "a\u2028b",
                "pack-1",
                "pack-12",
                "-");
        for (String pattern : List.of(
                "\\d{3}",
                "\\w+",
                "\\s",
                "a\\sb",
                ".+",
                "x.y",
                "a.b",
                "[\\d\\-]+",
                "[^\\s]+",
                "\\D+",
                "\\W",
                "\\S+",
                "pack\\-[1-3]",
                "[a-z]+|[0-9]+",
                "(abc)\\n?",
                "abc$",
                "^abc",
                "\\x41|\\u00e9t\\u00e9|\\xe9",
                "[\\w.]+",
                "a{2}|\\{",
                "(?:pack)-[0-9]{1,2}",
                "\\v",
                "[\\s\\S]*b[\\S\\s]*",
                "[\\w\\W]+")) {
            PATTERNS.put(pattern, tricky);
        }
    }

    @Test
    void classesTheEnginesReadDifferentlyArePublishedAsJavaMeansThem() throws Exception {
        assertThat(PortablePattern.of("\\d{3}-\\w+\\s?")).isEqualTo("[0-9]{3}-[A-Za-z0-9_]+[\\t\\n\\x0B\\f\\r ]?");
        assertThat(PortablePattern.of("a.b")).isEqualTo("a[^\\n\\r\\u0085\\u2028\\u2029]b");
        assertThat(PortablePattern.of("[^\\d\\s]")).isEqualTo("[^0-9\\t\\n\\x0B\\f\\r ]");
        assertThat(PortablePattern.of("pack\\-\\:[1-3\\-]"))
                .as("an escape JavaScript's u flag refuses, dropped where it changes nothing")
                .isEqualTo("pack-:[1-3\\-]");
        assertThat(PortablePattern.of("a]b}")).isEqualTo("a\\]b\\}");
        assertThat(PortablePattern.of("[\\d\\D]*x[\\S\\s]"))
                .as("a class and its complement: any character, as everyone spells it")
                .isEqualTo("[\\s\\S]*x[\\s\\S]");
        assertThat(PortablePattern.wholeValue("abc")).isEqualTo("^(?:abc)(?![\\s\\S])");
    }

    @Test
    void whatNoEngineIndependentFormSaysIsRefusedSayingWhy() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(
                "[\\p{L}]*",
                "a Unicode property \\p{L}, which Python's re rejects (bad escape \\p) and JavaScript reads only with"
                        + " the u flag");
        refused.put(
                "(?<id>[0-9]+)",
                "a named group (?<id>...), which Python's re spells (?P<name>...) and JavaScript (?<name>...):"
                        + " write (...)");
        refused.put("(?<=pack-)[0-9]", "a lookbehind (?<=...), which Python takes only of a fixed width");
        refused.put("\\bpack\\b", "a word boundary \\b, which Python draws around any Unicode letter");
        refused.put("[a-z[e]]", "a [ inside a class");
        refused.put("[a-z&&e]", "&& in a class (Java reads it as an intersection");
        refused.put("[\\w-z]", "a range next to a class such as \\d");
        refused.put("(?i)pack", "an inline flag such as (?i)");
        refused.put("a++", "a possessive quantifier");
        refused.put("x{,3}", "{,3}, which is not a repetition");
        refused.put("\\1", "the escape \\1 (a back-reference or an octal code)");
        refused.put("\ud83d\ude00", "a character beyond U+FFFF");
        refused.forEach((pattern, reason) -> assertThatThrownBy(() -> PortablePattern.of(pattern))
                .as(pattern)
                .isInstanceOf(PortablePattern.Unportable.class)
                .hasMessageContaining(reason));
    }

    @Test
    void aPublishedPatternAcceptsWhatJavaAcceptsInTheValidatorPythonAndJavaScript() throws Exception {
        List<String[]> cases = new ArrayList<>();
        ArrayNode input = PublishedJson.MAPPER.createArrayNode();
        for (Map.Entry<String, List<String>> pattern : PATTERNS.entrySet()) {
            String published = PortablePattern.wholeValue(pattern.getKey());
            BodyRules rules = new BodyRules(PublishedJson.MAPPER.readTree(
                    "{\"type\": \"string\", \"pattern\": " + PublishedJson.MAPPER.writeValueAsString(published) + "}"));
            for (String value : pattern.getValue()) {
                boolean java = Pattern.matches(pattern.getKey(), value);
                assertThat(Pattern.compile(published).matcher(value).find())
                        .as("Java, %s on %s", published, literal(value))
                        .isEqualTo(java);
                assertThat(rules.accepts(PublishedJson.MAPPER.getNodeFactory().stringNode(value)))
                        .as("the validator, %s on %s", published, literal(value))
                        .isEqualTo(java);
                cases.add(new String[] {published, value, String.valueOf(java)});
                ObjectNode one = input.addObject();
                one.put("pattern", published);
                one.put("value", value);
            }
        }
        assertEngineAgrees(
                "python3",
                List.of(
                        "python3",
                        "-c",
                        "import json, re, sys\n"
                                + "for case in json.load(sys.stdin):\n"
                                + "    print('true' if re.search(case['pattern'], case['value']) else 'false')\n"),
                input,
                cases);
        for (String flags : List.of("", "u")) {
            assertEngineAgrees(
                    "node",
                    List.of(
                            "node",
                            "-e",
                            "let text = '';\n"
                                    + "process.stdin.on('data', chunk => text += chunk).on('end', () => {\n"
                                    + "  for (const c of JSON.parse(text)) console.log(String(new RegExp(c.pattern, '"
                                    + flags + "').test(c.value)));\n"
                                    + "});\n"),
                    input,
                    cases);
        }
    }

    /** Runs {@code command} on every case (where it is installed) and holds its verdicts to Java's. */
    private static void assertEngineAgrees(String engine, List<String> command, ArrayNode input, List<String[]> cases)
            throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort(engine + " is not installed");
            return;
        }
        process.getOutputStream()
                .write(PublishedJson.MAPPER.writeValueAsString(input).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(engine + " ends").isTrue();
        List<String> verdicts = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
        assertThat(verdicts).as(command.toString()).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            assertThat(verdicts.get(i))
                    .as(
                            "%s %s on %s",
                            command.get(command.size() - 1).contains("'u'") ? engine + " (u)" : engine,
                            cases.get(i)[0],
                            literal(cases.get(i)[1]))
                    .isEqualTo(cases.get(i)[2]);
        }
    }

    private static String literal(String value) {
        StringBuilder shown = new StringBuilder("\"");
        value.chars()
                .forEach(c ->
                        shown.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return shown.append('"').toString();
    }
}
