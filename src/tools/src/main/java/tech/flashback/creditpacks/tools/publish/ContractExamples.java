package tech.flashback.creditpacks.tools.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.spec.internal.DslProperty;
import org.springframework.cloud.contract.spec.internal.FromFileProperty;
import org.springframework.cloud.contract.spec.internal.Header;
import org.springframework.cloud.contract.spec.internal.MatchingStrategy;
import org.springframework.cloud.contract.spec.internal.RegexProperty;
import org.springframework.cloud.contract.spec.internal.Request;
import org.springframework.cloud.contract.spec.internal.Url;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.HeaderRule;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The concrete sides of a contract, as data: the request its generated test sends (the server
 * side of every value), the example body its stub answers with (the client side), and the
 * response headers it checks.
 */
final class ContractExamples {

    private ContractExamples() {}

    static ExampleRequest request(Contract contract, ContractSource source) {
        Request request = contract.getRequest();
        if (request.getMultipart() != null) {
            throw new ContractProblem(
                    source.at("multipart"),
                    "a multipart request cannot be published as an example request:"
                            + " describe the request with a JSON or text body");
        }
        Url url = request.getUrlPath() != null ? request.getUrlPath() : request.getUrl();
        if (url == null) {
            throw new ContractProblem(
                    source.at("request"), "the request names no URL: give it url '/path' or urlPath '/path'");
        }
        String target = text(serverSide(url), source, "url");
        Map<String, String> query = new LinkedHashMap<>();
        int queryStart = target.indexOf('?');
        if (queryStart >= 0) {
            for (String pair : target.substring(queryStart + 1).split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                query.put(nameAndValue[0], nameAndValue.length > 1 ? nameAndValue[1] : "");
            }
            target = target.substring(0, queryStart);
        }
        if (url.getQueryParameters() != null) {
            url.getQueryParameters().getParameters().stream()
                    // absent(): the stub answers only when the parameter is not sent, so the example request leaves it
                    // out.
                    .filter(parameter -> !(parameter.getServerValue() instanceof MatchingStrategy strategy
                            && strategy.getType() == MatchingStrategy.Type.ABSENT))
                    .forEach(parameter -> query.put(
                            parameter.getName(),
                            text(serverSide(parameter), source, "parameter '" + parameter.getName() + "'")));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.getHeaders() != null) {
            for (Header header : request.getHeaders().getEntries()) {
                headers.put(header.getName(), text(serverSide(header), source, header.getName()));
            }
        }
        if (request.getCookies() != null && !request.getCookies().getEntries().isEmpty()) {
            headers.put(
                    "Cookie",
                    request.getCookies().getEntries().stream()
                            .map(cookie -> cookie.getKey() + "=" + text(serverSide(cookie), source, cookie.getKey()))
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
        return new ExampleRequest(
                text(serverSide(request.getMethod()), source, "method"),
                target,
                query,
                headers,
                requestBody(request, source));
    }

    /**
     * Where two readings of one request differ, as {@code "<needle> <what>"}: the text to find the
     * line by, then the part ("body value $['client.id'] (7630099932, then 0428116734)"); null when
     * they are the same.
     */
    static String difference(ExampleRequest first, ExampleRequest second) {
        if (!first.target().equals(second.target())) {
            return "url URL (" + first.target() + ", then " + second.target() + ")";
        }
        for (Map.Entry<String, String> header : first.headers().entrySet()) {
            if (!header.getValue().equals(second.headers().get(header.getKey()))) {
                return header.getKey() + " header " + header.getKey() + " (" + header.getValue() + ", then "
                        + second.headers().get(header.getKey()) + ")";
            }
        }
        if (java.util.Objects.equals(first.body(), second.body())) {
            return null;
        }
        if (first.jsonBody() && second.jsonBody()) {
            String path = firstDifference(
                    PublishedJson.MAPPER.readTree(first.body()), PublishedJson.MAPPER.readTree(second.body()), "$");
            if (path != null) {
                String at = path.substring(0, path.indexOf(" ("));
                String field = at.endsWith("']") ? at.substring(at.lastIndexOf("['") + 2, at.length() - 2) : at;
                return "'" + field + "' body value " + path;
            }
        }
        return "body body (" + tech.flashback.creditpacks.tools.published.Problem.shorten(first.body()) + ", then "
                + tech.flashback.creditpacks.tools.published.Problem.shorten(second.body()) + ")";
    }

    private static String firstDifference(JsonNode first, JsonNode second, String path) {
        if (first.isObject() && second.isObject()) {
            for (String name : first.propertyNames()) {
                String inner = second.has(name)
                        ? firstDifference(first.get(name), second.get(name), path + "['" + name + "']")
                        : path + "['" + name + "']";
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        if (first.isArray() && second.isArray() && first.size() == second.size()) {
            for (int i = 0; i < first.size(); i++) {
                String inner = firstDifference(first.get(i), second.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        return first.equals(second) ? null : path + " (" + first + ", then " + second + ")";
    }

    /** The body the contract's test sends (the producer's side of every value), as text; null without one. */
    private static String requestBody(Request request, ContractSource source) {
        if (request.getBody() == null) {
            return null;
        }
        Object sent = serverSideDeep(request.getBody(), source);
        if (sent == null) {
            return null;
        }
        if (sent instanceof String text) {
            return text;
        }
        if (sent instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return PublishedJson.MAPPER.writeValueAsString(PublishedJson.MAPPER.valueToTree(sent));
    }

    /**
     * The example request body as JSON, with each value a consumer may send differently (a pattern on
     * the consumer's side, {@code $(consumer(regex(...)), producer('x'))}) as a body matcher on its
     * path: the same form as a response's example and matchers, so one derivation gives the rules
     * of both. Null when the body is not JSON.
     */
    static JsonNode requestExample(Contract contract, ExampleRequest example) {
        if (!example.jsonBody()) {
            return null;
        }
        return PublishedJson.MAPPER.readTree(example.body());
    }

    /** The inline consumer-side patterns of a request body, as the matchers they amount to. */
    static List<BodyMatcher> inlinePatterns(Contract contract) {
        List<BodyMatcher> found = new ArrayList<>();
        if (contract.getRequest().getBody() != null) {
            collectPatterns(contract.getRequest().getBody().getClientValue(), "$", found);
        }
        return found;
    }

    private static void collectPatterns(Object value, String path, List<BodyMatcher> found) {
        if (value instanceof DslProperty<?> property) {
            Object client = property.getClientValue();
            if (client instanceof Pattern || client instanceof RegexProperty) {
                String regex = client instanceof RegexProperty regexProperty
                        ? regexProperty.pattern()
                        : ((Pattern) client).pattern();
                found.add(RuleMatcher.regex(path, regex));
                return;
            }
            collectPatterns(client, path, found);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, entry) ->
                    collectPatterns(entry, path + "['" + String.valueOf(key).replace("'", "\\'") + "']", found));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collectPatterns(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value instanceof Pattern || value instanceof RegexProperty) {
            String regex = value instanceof RegexProperty regexProperty
                    ? regexProperty.pattern()
                    : ((Pattern) value).pattern();
            found.add(RuleMatcher.regex(path, regex));
        }
    }

    private static Object serverSideDeep(Object value, ContractSource source) {
        Object side = value instanceof DslProperty<?> property ? property.getServerValue() : value;
        if (side instanceof DslProperty<?>) {
            return serverSideDeep(side, source);
        }
        if (side instanceof FromFileProperty file) {
            return file.isByte() ? file.asBytes() : file.asString();
        }
        if (side instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), serverSideDeep(entry, source)));
            return copy;
        }
        if (side instanceof Collection<?> list) {
            return list.stream().map(entry -> serverSideDeep(entry, source)).toList();
        }
        if (side instanceof Pattern || side instanceof RegexProperty) {
            throw new ContractProblem(
                    source.at("body"),
                    "the request body has a value that is only a pattern (" + side
                            + ") on the producer's side; give the test a concrete value: $(consumer(regex(...)), producer('x'))");
        }
        if (side instanceof CharSequence text) {
            return text.toString();
        }
        return side;
    }

    /** What the response must carry in each header it names: an exact value or a pattern. */
    static List<HeaderRule> headerRules(Contract contract, ContractSource source) {
        List<HeaderRule> rules = new ArrayList<>();
        if (contract.getResponse().getHeaders() != null) {
            for (Header header : contract.getResponse().getHeaders().getEntries()) {
                // regex('...') alone leaves the stub's value to Spring Cloud Contract, which makes one up per build.
                if (isPattern(clientSide(header)) || header.getServerValue() instanceof Pattern) {
                    throw new ContractProblem(
                            source.at(header.getName()),
                            "the stub's " + header.getName() + " header is only a"
                                    + " pattern, so Spring Cloud Contract makes up a new value for it on every build and the published"
                                    + " stubs never stay the same; give the stub a value: value(consumer('...'), producer(regex('...')))");
                }
                Object expected = serverSide(header);
                rules.add(
                        expected instanceof Pattern || expected instanceof RegexProperty
                                ? new HeaderRule(header.getName(), HeaderRule.Match.matches, String.valueOf(expected))
                                : new HeaderRule(header.getName(), HeaderRule.Match.equalTo, String.valueOf(expected)));
            }
        }
        return rules;
    }

    /**
     * One query parameter of a contract's stub selector: a value stub users send as it is
     * ({@code simulate: 'internal-error'}), or a pattern with the value published requests and
     * documents show ({@code simulate: [matches: 'internal-error|store-down', example: 'internal-error']},
     * WireMock's word for a pattern; the selector sits outside the request, where the DSL's
     * {@code regex()} and {@code value()} are not defined).
     */
    static SelectorParameter selectorParameter(String name, Object declared, ContractSource source, String where) {
        String form = "give it a value (simulate: 'internal-error') or a pattern with the value to show"
                + " (simulate: [matches: 'internal-error|store-down', example: 'internal-error'])";
        if (declared instanceof CharSequence || declared instanceof Number || declared instanceof Boolean) {
            return new SelectorParameter(String.valueOf(declared), null);
        }
        if (!(declared instanceof Map<?, ?> map)) {
            throw new ContractProblem(
                    source.at(where), "the selector's parameter '" + name + "' is " + declared + ": " + form);
        }
        List<String> unknown = map.keySet().stream()
                .map(String::valueOf)
                .filter(key -> !List.of("matches", "example").contains(key))
                .toList();
        Object pattern = map.get("matches");
        Object example = map.get("example");
        if (!unknown.isEmpty()
                || !(pattern instanceof CharSequence)
                || !(example instanceof CharSequence || example instanceof Number || example instanceof Boolean)) {
            throw new ContractProblem(
                    source.at(where),
                    "the selector's parameter '" + name + "' is " + declared
                            + (unknown.isEmpty() ? "" : " (unknown: " + String.join(", ", unknown) + ")") + ": "
                            + form);
        }
        String regex = pattern.toString();
        String value = String.valueOf(example);
        String unportable = ContractRules.unportable(regex);
        if (unportable != null) {
            throw new ContractProblem(
                    source.at(where),
                    "the selector's parameter '" + name + "' has the pattern " + regex
                            + ", which uses " + unportable
                            + ": the stub and the OpenAPI document carry it as written, and it must mean"
                            + " the same in Java, JavaScript and Python");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ContractProblem(
                    source.at(where),
                    "the selector's parameter '" + name + "' has a pattern Java cannot read (" + e.getDescription()
                            + "): " + regex);
        }
        if (!compiled.matcher(value).matches()) {
            throw new ContractProblem(
                    source.at(where),
                    "the selector's parameter '" + name + "': the example '" + value
                            + "' does not match its own pattern " + regex);
        }
        return new SelectorParameter(value, regex);
    }

    /** The body the stub answers with, as JSON; null when the contract's response has none. */
    static JsonNode body(Contract contract, ContractSource source) {
        if (contract.getResponse().getBody() == null) {
            return null;
        }
        if (hasClientPattern(contract.getResponse().getBody().getClientValue())) {
            throw new ContractProblem(
                    source.at("body("),
                    "the stub's body has a value that is only a pattern, so Spring Cloud"
                            + " Contract makes up a new one on every build; give it an example, and say what the producer may send with"
                            + " bodyMatchers");
        }
        if (hasProducerPattern(contract.getResponse().getBody().getServerValue())) {
            throw new ContractProblem(
                    source.at("body("),
                    "the response body has a value with a pattern on the producer's side;"
                            + " say what the producer may send with bodyMatchers instead, so that the rules can be published");
        }
        String executed = executed(contract.getResponse().getBody().getServerValue());
        if (executed != null) {
            throw new ContractProblem(
                    source.at("execute("),
                    "the response body has a value the producer's test checks by running"
                            + " code (execute('" + executed
                            + "')), which cannot be published as a rule: say it with bodyMatchers (byType,"
                            + " byRegex, byEquality, byNull), or leave the value pinned");
        }
        Object example = clientSide(contract.getResponse().getBody());
        if (example instanceof String text && text.isBlank()) {
            return null;
        }
        if (example instanceof String text) {
            try {
                JsonNode json = PublishedJson.MAPPER.readTree(text);
                // Only a document is JSON the rules describe; a bare word is a text body (see textBody).
                return json != null && (json.isObject() || json.isArray()) ? json : null;
            } catch (JacksonException notJson) {
                return null;
            }
        }
        return PublishedJson.MAPPER.valueToTree(example);
    }

    /** The exact text of a response body that is not JSON (a plain-text response); null for a JSON body or none. */
    static String textBody(Contract contract) {
        if (contract.getResponse().getBody() == null) {
            return null;
        }
        Object example = clientSide(contract.getResponse().getBody());
        if (example instanceof FromFileProperty file) {
            example = file.asString();
        }
        if (!(example instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            JsonNode json = PublishedJson.MAPPER.readTree(text);
            return json != null && (json.isObject() || json.isArray()) ? null : text;
        } catch (JacksonException notJson) {
            return text;
        }
    }

    private static boolean hasClientPattern(Object value) {
        if (value instanceof DslProperty<?> property) {
            return hasClientPattern(property.getClientValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(ContractExamples::hasClientPattern);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(ContractExamples::hasClientPattern);
        }
        return isPattern(value);
    }

    /** The code a value's producer side runs ({@code producer(execute('check($it)'))}), anywhere in a body; null when none. */
    private static String executed(Object value) {
        if (value instanceof DslProperty<?> property) {
            return executed(property.getServerValue());
        }
        if (value instanceof org.springframework.cloud.contract.spec.internal.ExecutionProperty execution) {
            return execution.getExecutionCommand();
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream()
                    .map(ContractExamples::executed)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
        if (value instanceof Collection<?> list) {
            return list.stream()
                    .map(ContractExamples::executed)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    private static boolean isPattern(Object value) {
        return value instanceof Pattern || value instanceof RegexProperty;
    }

    private static boolean hasProducerPattern(Object value) {
        if (value instanceof DslProperty<?> property) {
            return hasProducerPattern(property.getServerValue());
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().anyMatch(ContractExamples::hasProducerPattern);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().anyMatch(ContractExamples::hasProducerPattern);
        }
        return value instanceof Pattern || value instanceof RegexProperty;
    }

    private static Object serverSide(Object value) {
        Object side = value instanceof DslProperty<?> property ? property.getServerValue() : value;
        if (side instanceof MatchingStrategy strategy) {
            return serverSide(strategy.getServerValue());
        }
        return side instanceof DslProperty<?> ? serverSide(side) : side;
    }

    /** The example a consumer sees: the client side of every dynamic value, recursively. */
    private static Object clientSide(Object value) {
        if (value instanceof DslProperty<?> property) {
            return clientSide(property.getClientValue());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(String.valueOf(key), clientSide(entry)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(ContractExamples::clientSide).toList();
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value;
    }

    private static String text(Object value, ContractSource source, String what) {
        if (value instanceof Pattern || value instanceof RegexProperty) {
            throw new ContractProblem(
                    source.at(what),
                    "the request's " + what + " has only a pattern (" + value
                            + ") on the producer's side; give it a concrete value, e.g. value(consumer(regex(...)), producer('x'))");
        }
        return String.valueOf(value);
    }
}
