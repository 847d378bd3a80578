package tech.flashback.creditpacks.tools.publish;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.spec.internal.MatchingType;
import org.springframework.cloud.contract.spec.internal.RegexPatterns;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Derives a contract's body rules, as JSON Schema, from the contract itself: its example body
 * and its standard body matchers. The rules, in the order a reader applies them:
 *
 * <ul>
 * <li>A value with no matcher is pinned: it must be exactly the example ({@code const}). An
 *     object requires every field of its example and allows more. An array with no matcher on it
 *     or below it is pinned element for element, and its length too ({@code []} stays empty).</li>
 * <li>{@code byType()} keeps the example's JSON type (a whole number is an integer: write 20.0
 *     for a decimal field); on an object or array, every field below it keeps its type, and
 *     {@code minOccurrence}/{@code maxOccurrence} bound an array's length.</li>
 * <li>An array with matchers below it ({@code $.data[*].id}) holds every element to the same
 *     rules, whatever its length; only a {@code byType} occurrence bound limits the length.</li>
 * <li>{@code byRegex} on a string is a pattern over the whole value ({@code nonBlank()} and
 *     {@code nonEmpty()} have their own readable forms); on a number it must be one of the
 *     patterns in {@link #NUMERIC}, each with an exact JSON Schema meaning; {@code byDate()},
 *     {@code byTime()}, {@code byTimestamp()} are patterns; {@code byEquality()} pins;
 *     {@code byNull()} requires null.</li>
 * <li>{@code byCommand} runs code, so it cannot be published as data: the build refuses it.</li>
 * </ul>
 */
final class ContractRules {

    /** Regular expressions on numbers that JSON Schema can say exactly, with what they mean. */
    static final Map<String, NumericRule> NUMERIC = Map.of(
            RegexPatterns.positiveInt().pattern(),
            new NumericRule("integer", BigInteger.ONE, null, "positiveInt()"),
            RegexPatterns.anInteger().pattern(),
            new NumericRule("integer", null, null, "anInteger()"),
            RegexPatterns.number().pattern(),
            new NumericRule("number", null, null, "number()"),
            RegexPatterns.aDouble().pattern(),
            new NumericRule("number", null, null, "aDouble()"),
            "\\d+",
            new NumericRule("integer", BigInteger.ZERO, null, "'\\\\d+' (a non-negative integer)"),
            "\\d*\\.\\d+|\\d+",
            new NumericRule("number", BigInteger.ZERO, null, "'\\\\d*\\\\.\\\\d+|\\\\d+' (a non-negative number)"));

    /** How a refusal names the digit patterns {@link #digits} reads, beside those in {@link #NUMERIC}. */
    static final String DIGIT_PATTERNS =
            "a pattern of digits such as '[1-9][0-9]+' (an integer of at least 10) or '[0-9]{4}'"
                    + " (an integer of four digits)";

    /** A numeric pattern's JSON Schema meaning: the JSON type, and the smallest and largest value (null: unbounded). */
    record NumericRule(String type, BigInteger minimum, BigInteger maximum, String spelling) {}

    /** Spring Cloud Contract's named patterns, by the expression each stands for: how a message names what a contract wrote. */
    private static final Map<String, String> HELPERS = Map.ofEntries(
            Map.entry(RegexPatterns.onlyAlphaUnicode().pattern(), "onlyAlphaUnicode()"),
            Map.entry(RegexPatterns.alphaNumeric().pattern(), "alphaNumeric()"),
            Map.entry(RegexPatterns.email().pattern(), "email()"),
            Map.entry(RegexPatterns.url().pattern(), "url()"),
            Map.entry(RegexPatterns.httpsUrl().pattern(), "httpsUrl()"),
            Map.entry(RegexPatterns.hostname().pattern(), "hostname()"),
            Map.entry(RegexPatterns.ipAddress().pattern(), "ipAddress()"),
            Map.entry(RegexPatterns.uuid().pattern(), "uuid()"),
            Map.entry(RegexPatterns.uuid4().pattern(), "uuid4()"),
            Map.entry(RegexPatterns.isoDate().pattern(), "isoDate()"),
            Map.entry(RegexPatterns.isoDateTime().pattern(), "isoDateTime()"),
            Map.entry(RegexPatterns.isoTime().pattern(), "isoTime()"),
            Map.entry(RegexPatterns.iso8601WithOffset().pattern(), "iso8601WithOffset()"),
            Map.entry(RegexPatterns.positiveInt().pattern(), "positiveInt()"),
            Map.entry(RegexPatterns.anInteger().pattern(), "anInteger()"),
            Map.entry(RegexPatterns.aDouble().pattern(), "aDouble()"),
            Map.entry(RegexPatterns.number().pattern(), "number()"),
            Map.entry(RegexPatterns.anyBoolean().pattern(), "anyBoolean()"));

    /** One digit of a digit pattern: {@code [0-9]}, {@code \d}, or a leading {@code [1-9]}. */
    private static final Pattern DIGIT_ATOM =
            Pattern.compile("(\\[0-9]|\\\\d|\\[1-9])(\\*|\\+|\\?|\\{(\\d+)(,(\\d*))?})?");

    /** A group holding a quantifier, itself quantified: the shape of catastrophic backtracking. */
    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\([^()]*[*+][^()]*\\)[*+{]");

    private static final Configuration PATHS = Configuration.builder()
            .options(Option.AS_PATH_LIST, Option.ALWAYS_RETURN_LIST)
            .build();
    private static final Pattern PATH_SEGMENT = Pattern.compile("\\['((?:[^'\\\\]|\\\\.)*)'\\]|\\[(\\d+)\\]");

    private final ContractSource source;
    private final JsonNode example;
    /** The matchers that apply to each node of the example, by its concrete path ($['data'][0]['id']). */
    private final Map<String, List<BodyMatcher>> matchers = new LinkedHashMap<>();

    private ContractRules(ContractSource source, JsonNode example) {
        this.source = source;
        this.example = example;
    }

    /**
     * The rules of {@code contract}'s response body, or null when it has none.
     *
     * @throws ContractProblem when a matcher selects nothing, cannot be published, or the
     *                         example's shape makes the rules ambiguous
     */
    static ObjectNode derive(Contract contract, JsonNode example, ContractSource source) {
        return derive(
                contract.getResponse().getBodyMatchers() == null
                        ? List.of()
                        : contract.getResponse().getBodyMatchers().matchers(),
                example,
                source);
    }

    /** The rules that {@code matchers} and the rest of {@code example} (pinned) say; null without an example. */
    static ObjectNode derive(List<BodyMatcher> matchers, JsonNode example, ContractSource source) {
        if (example == null) {
            return null;
        }
        ContractRules rules = new ContractRules(source, example);
        matchers.forEach(rules::locate);
        return rules.schemaOf(example, "$", false);
    }

    /** The matcher as the DSL spells it: byNull(), byRegex('...'), ... */
    private static String dslSpelling(BodyMatcher matcher) {
        return switch (matcher.matchingType()) {
            case TYPE -> "byType()";
            case EQUALITY -> "byEquality()";
            case NULL -> "byNull()";
            case DATE -> "byDate()";
            case TIME -> "byTime()";
            case TIMESTAMP -> "byTimestamp()";
            case REGEX ->
                "byRegex(" + HELPERS.getOrDefault(String.valueOf(matcher.value()), "'" + matcher.value() + "'") + ")";
            case COMMAND -> "byCommand('" + matcher.value() + "')";
        };
    }

    /** How a matcher's path appears in the contract's text, to find its line. */
    private static String matcherSpelling(BodyMatcher matcher) {
        return "'" + matcher.path() + "'";
    }

    private void locate(BodyMatcher matcher) {
        List<String> selected;
        try {
            Object document = PublishedJson.MAPPER.convertValue(example, Object.class);
            selected = JsonPath.using(PATHS).parse(document).read(matcher.path());
        } catch (PathNotFoundException e) {
            selected = List.of();
        } catch (RuntimeException e) {
            throw new ContractProblem(
                    source.at(matcherSpelling(matcher)),
                    "jsonPath '" + matcher.path() + "' is not a JSON path this build can read: " + e.getMessage());
        }
        if (selected.isEmpty()) {
            throw new ContractProblem(
                    source.at(matcherSpelling(matcher)),
                    "jsonPath '" + matcher.path()
                            + "' selects nothing in the example body, so its rule would check nothing (a renamed field?)");
        }
        if (matcher.matchingType() == MatchingType.COMMAND) {
            throw new ContractProblem(
                    source.at(matcherSpelling(matcher)),
                    "byCommand(" + matcher.value() + ") on '" + matcher.path()
                            + "' runs code, which cannot be published as a rule; say it with byType, byRegex, byEquality or byNull");
        }
        for (String path : selected) {
            matchers.computeIfAbsent(normalized(path), unused -> new ArrayList<>())
                    .add(matcher);
        }
    }

    private ObjectNode schemaOf(JsonNode node, String path, boolean typedByAncestor) {
        List<BodyMatcher> own = matchers.getOrDefault(path, List.of());
        boolean typed = typedByAncestor || own.stream().anyMatch(m -> m.matchingType() == MatchingType.TYPE);
        if (own.stream().anyMatch(m -> m.matchingType() == MatchingType.EQUALITY)) {
            typed = false;
        }
        if (node.isObject() || node.isArray()) {
            own.stream()
                    .filter(matcher -> matcher.matchingType() != MatchingType.TYPE
                            && matcher.matchingType() != MatchingType.EQUALITY)
                    .findFirst()
                    .ifPresent(matcher -> {
                        throw new ContractProblem(
                                source.at(matcherSpelling(matcher)),
                                dslSpelling(matcher) + " on '" + matcher.path()
                                        + "', whose example is " + (node.isObject() ? "an object" : "an array")
                                        + ": only byType() and byEquality() say something about a whole object or array");
                    });
            return node.isObject() ? objectSchema(node, path, typed) : arraySchema(node, path, typed, own);
        }
        if (own.isEmpty()) {
            return typed ? typeOf(node) : pinned(node);
        }
        ObjectNode merged = null;
        for (BodyMatcher matcher : own) {
            merged = merge(merged, scalarSchema(node, matcher));
        }
        return merged;
    }

    private ObjectNode objectSchema(JsonNode node, String path, boolean typed) {
        ObjectNode schema = object("object");
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        node.properties().forEach(field -> {
            required.add(field.getKey());
            properties.set(
                    field.getKey(),
                    schemaOf(field.getValue(), path + "['" + field.getKey().replace("'", "\\'") + "']", typed));
        });
        return schema;
    }

    private ObjectNode arraySchema(JsonNode node, String path, boolean typed, List<BodyMatcher> own) {
        List<ObjectNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(schemaOf(node.get(i), path + "[" + i + "]", typed));
        }
        boolean ruled = typed || matchers.keySet().stream().anyMatch(other -> other.startsWith(path + "["));
        ObjectNode schema = object("array");
        if (!ruled) {
            // Pinned: exactly these elements, in this order.
            if (!elements.isEmpty()) {
                elements.forEach(schema.putArray("prefixItems")::add);
                schema.put("items", false);
                schema.put("minItems", elements.size());
            } else {
                schema.put("maxItems", 0);
            }
            return schema;
        }
        if (!elements.isEmpty()) {
            if (elements.stream().distinct().count() > 1) {
                throw new ContractProblem(
                        source.at(pathSpelling(path)),
                        "the elements of " + path
                                + " follow different rules, so no rule holds for every element: give them the same fields and"
                                + " matchers, or pin the array by removing the matchers on and below it");
            }
            schema.set("items", elements.get(0));
        }
        for (BodyMatcher matcher : own) {
            if (matcher.minTypeOccurrence() != null) {
                schema.put("minItems", matcher.minTypeOccurrence());
            }
            if (matcher.maxTypeOccurrence() != null) {
                schema.put("maxItems", matcher.maxTypeOccurrence());
            }
        }
        return schema;
    }

    private ObjectNode scalarSchema(JsonNode node, BodyMatcher matcher) {
        return switch (matcher.matchingType()) {
            case TYPE -> typeOf(node);
            case EQUALITY -> pinned(node);
            case NULL -> object("null");
            case REGEX, DATE, TIME, TIMESTAMP -> regexSchema(node, matcher);
            case COMMAND -> throw new IllegalStateException("refused when located");
        };
    }

    private ObjectNode regexSchema(JsonNode node, BodyMatcher matcher) {
        String regex = String.valueOf(matcher.value());
        if (node.isString()) {
            ObjectNode schema = object("string");
            if (regex.equals(RegexPatterns.nonBlank().pattern())) {
                schema.put("pattern", "\\S");
            } else if (regex.equals(RegexPatterns.nonEmpty().pattern())) {
                schema.put("minLength", 1);
            } else {
                try {
                    // Spring Cloud Contract matches the whole value; JSON Schema patterns search, so it is anchored.
                    schema.put("pattern", publishedPattern(regex));
                } catch (PortablePattern.Unportable unportable) {
                    throw new ContractProblem(
                            source.at(matcherSpelling(matcher)),
                            dslSpelling(matcher) + " on '" + matcher.path()
                                    + "' uses " + unportable.getMessage()
                                    + ": a published rule must mean the same in Java, JavaScript"
                                    + " and Python (JSON Schema and OpenAPI validators), so say it without it");
                }
            }
            return schema;
        }
        if (node.isNumber()) {
            NumericRule rule = NUMERIC.containsKey(regex) ? NUMERIC.get(regex) : digits(regex);
            if (rule == null) {
                throw new ContractProblem(
                        source.at(matcherSpelling(matcher)),
                        "byRegex('" + regex + "') on the number at '"
                                + matcher.path() + "' has no exact JSON Schema meaning; use one of "
                                + NUMERIC.values().stream()
                                        .map(NumericRule::spelling)
                                        .sorted()
                                        .toList() + ", or " + DIGIT_PATTERNS);
            }
            ObjectNode schema = object(rule.type());
            if (rule.minimum() != null) {
                schema.put("minimum", rule.minimum());
            }
            if (rule.maximum() != null) {
                schema.put("maximum", rule.maximum());
            }
            return schema;
        }
        if (node.isBoolean() && regex.equals(RegexPatterns.anyBoolean().pattern())) {
            return object("boolean");
        }
        throw new ContractProblem(
                source.at(matcherSpelling(matcher)),
                "byRegex('" + regex + "') on '" + matcher.path() + "', whose example is " + node
                        + ": a pattern needs a string or number example");
    }

    /**
     * {@code regex} as a published rule says it (see {@link PortablePattern}), held to the whole value.
     *
     * @throws PortablePattern.Unportable when no form of it reads the same everywhere, or it can take exponential time
     */
    static String publishedPattern(String regex) throws PortablePattern.Unportable {
        String published = PortablePattern.wholeValue(regex);
        if (NESTED_QUANTIFIER.matcher(regex).find()) {
            throw new PortablePattern.Unportable(
                    "a repeated group that itself repeats, such as (a+)+, which can take exponential"
                            + " time on a long value a producer sends");
        }
        try {
            java.util.regex.Pattern.compile(published);
            JoniRegularExpressionFactory.getInstance().getRegularExpression(published);
        } catch (RuntimeException invalid) {
            throw new PortablePattern.Unportable("syntax a regular expression engine refuses ("
                    + Problem.shorten(String.valueOf(invalid.getMessage())) + ")");
        }
        return published;
    }

    /**
     * Why {@code regex} cannot be published as it is written (a selector's pattern, which the stub and
     * the OpenAPI document carry as written): a construct that has no portable form, or one that
     * has, then named; null when it reads the same everywhere.
     */
    static String unportable(String regex) {
        try {
            String published = publishedPattern(regex);
            String portable = published.substring("^(?:".length(), published.length() - ")(?![\\s\\S])".length());
            return portable.equals(regex)
                    ? null
                    : "constructs Java, JavaScript and Python read differently (such as \\d, \\w, \\s or .); write it as "
                            + portable;
        } catch (PortablePattern.Unportable unportable) {
            return unportable.getMessage();
        }
    }

    /**
     * The exact meaning of a pattern of digits on a number ({@code [1-9][0-9]+}: an integer of at
     * least 10; {@code [0-9]{4}}: of four digits), or null. A number is matched by its decimal text,
     * which has no leading zero, so a pattern of digits means an integer between two bounds when its
     * only non-{@code [0-9]} digit is a leading {@code [1-9]} (and, optionally, a leading minus).
     */
    static NumericRule digits(String regex) {
        String rest = regex;
        String sign = "";
        if (rest.startsWith("-?") || rest.startsWith("-")) {
            sign = rest.startsWith("-?") ? "-?" : "-";
            rest = rest.substring(sign.length());
        }
        Matcher atom = DIGIT_ATOM.matcher(rest);
        int position = 0;
        int minLength = 0;
        Integer maxLength = 0;
        boolean leadingNonZero = false;
        while (position < rest.length()) {
            if (!atom.find(position) || atom.start() != position) {
                return null;
            }
            boolean nonZero = atom.group(1).equals("[1-9]");
            String quantifier = atom.group(2);
            int min;
            Integer max;
            if (quantifier == null) {
                min = 1;
                max = 1;
            } else if (quantifier.equals("*")) {
                min = 0;
                max = null;
            } else if (quantifier.equals("+")) {
                min = 1;
                max = null;
            } else if (quantifier.equals("?")) {
                min = 0;
                max = 1;
            } else {
                min = Integer.parseInt(atom.group(3));
                max = atom.group(4) == null
                        ? Integer.valueOf(min)
                        : atom.group(5).isEmpty() ? null : Integer.valueOf(atom.group(5));
            }
            if (nonZero && (position != 0 || min != 1 || max == null || max != 1)) {
                return null;
            }
            if (max != null && max < min || min > 1000 || max != null && max > 1000) {
                return null;
            }
            leadingNonZero |= nonZero;
            minLength += min;
            maxLength = maxLength == null || max == null ? null : maxLength + max;
            position = atom.end();
        }
        if (maxLength != null && maxLength == 0) {
            return null;
        }
        BigInteger minimum =
                leadingNonZero || minLength > 1 ? BigInteger.TEN.pow(Math.max(minLength, 1) - 1) : BigInteger.ZERO;
        BigInteger maximum =
                maxLength == null ? null : BigInteger.TEN.pow(maxLength).subtract(BigInteger.ONE);
        if (sign.equals("-")) {
            // A negative number's text has no "-0": the largest is -1 where the digits allow 0.
            return new NumericRule(
                    "integer",
                    maximum == null ? null : maximum.negate(),
                    minimum.signum() == 0 ? BigInteger.ONE.negate() : minimum.negate(),
                    "'" + regex + "'");
        }
        if (sign.equals("-?")) {
            // The negative and the positive values make one range only around zero.
            return minimum.signum() != 0
                    ? null
                    : new NumericRule("integer", maximum == null ? null : maximum.negate(), maximum, "'" + regex + "'");
        }
        return new NumericRule("integer", minimum, maximum, "'" + regex + "'");
    }

    private static ObjectNode typeOf(JsonNode node) {
        if (node.isIntegralNumber()) {
            return object("integer");
        }
        return object(node.isNumber() ? "number" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static ObjectNode pinned(JsonNode node) {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.set("const", node);
        return schema;
    }

    private static ObjectNode object(String type) {
        ObjectNode schema = PublishedJson.MAPPER.createObjectNode();
        schema.put("type", type);
        return schema;
    }

    /** Two rules on one value both hold: their keywords side by side, or allOf where they collide. */
    private static ObjectNode merge(ObjectNode first, ObjectNode second) {
        if (first == null || first.equals(second)) {
            return second;
        }
        boolean collide = first.propertyNames().stream()
                .anyMatch(name -> second.has(name) && !first.get(name).equals(second.get(name)));
        if (collide) {
            ObjectNode both = PublishedJson.MAPPER.createObjectNode();
            both.putArray("allOf").add(first).add(second);
            return both;
        }
        ObjectNode merged = first.deepCopy();
        merged.setAll(second);
        return merged;
    }

    /** JsonPath's $['data'][0]['id'] form, as this class builds it while walking the example. */
    private static String normalized(String jsonPathResult) {
        StringBuilder path = new StringBuilder("$");
        Matcher segment = PATH_SEGMENT.matcher(jsonPathResult);
        while (segment.find()) {
            path.append(segment.group(1) != null ? "['" + segment.group(1) + "']" : "[" + segment.group(2) + "]");
        }
        return path.toString();
    }

    /** The field name at the end of a concrete path, as the contract spells it ("credits:"), to find its line. */
    private static String pathSpelling(String path) {
        int quote = path.lastIndexOf("['");
        return quote < 0 ? "body(" : path.substring(quote + 2, path.length() - 2) + ":";
    }
}
