package tech.flashback.creditpacks.tools.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.cloud.contract.spec.Contract;
import org.springframework.cloud.contract.spec.internal.DslProperty;
import org.springframework.cloud.contract.spec.internal.Header;
import org.springframework.cloud.contract.spec.internal.MatchingStrategy;
import org.springframework.cloud.contract.spec.internal.RegexProperty;
import org.springframework.cloud.contract.spec.internal.Request;
import org.springframework.cloud.contract.spec.internal.Url;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import tech.flashback.creditpacks.tools.contracts.ExampleRequest;
import tech.flashback.creditpacks.tools.contracts.HeaderRule;
import tech.flashback.creditpacks.tools.contracts.PublishedJson;

/**
 * The concrete sides of a contract, as data: the request its generated test sends (the server
 * side of every value), the example body its stub answers with (the client side), and the
 * response headers it checks.
 */
final class ContractExamples {

    private ContractExamples() {
    }

    static ExampleRequest request(Contract contract, ContractSource source) {
        Request request = contract.getRequest();
        if (request.getBody() != null || request.getMultipart() != null) {
            throw new ContractProblem(source.at("request"), "a request with a body cannot be published as an example"
                    + " request yet (this endpoint takes none)");
        }
        Url url = request.getUrlPath() != null ? request.getUrlPath() : request.getUrl();
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
            url.getQueryParameters().getParameters().forEach(parameter ->
                    query.put(parameter.getName(), text(serverSide(parameter), source, "parameter '" + parameter.getName() + "'")));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.getHeaders() != null) {
            for (Header header : request.getHeaders().getEntries()) {
                headers.put(header.getName(), text(serverSide(header), source, header.getName()));
            }
        }
        return new ExampleRequest(text(serverSide(request.getMethod()), source, "method"), target, query, headers);
    }

    /** What the response must carry in each header it names: an exact value or a pattern. */
    static List<HeaderRule> headerRules(Contract contract, ContractSource source) {
        List<HeaderRule> rules = new ArrayList<>();
        if (contract.getResponse().getHeaders() != null) {
            for (Header header : contract.getResponse().getHeaders().getEntries()) {
                // regex('...') alone leaves the stub's value to Spring Cloud Contract, which makes one up per build.
                if (isPattern(clientSide(header)) || header.getServerValue() instanceof Pattern) {
                    throw new ContractProblem(source.at(header.getName()), "the stub's " + header.getName() + " header is only a"
                            + " pattern, so Spring Cloud Contract makes up a new value for it on every build and the published"
                            + " stubs never stay the same; give the stub a value: value(consumer('...'), producer(regex('...')))");
                }
                Object expected = serverSide(header);
                rules.add(expected instanceof Pattern || expected instanceof RegexProperty
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
            throw new ContractProblem(source.at(where), "the selector's parameter '" + name + "' is " + declared + ": " + form);
        }
        List<String> unknown = map.keySet().stream().map(String::valueOf).filter(key -> !List.of("matches", "example").contains(key))
                .toList();
        Object pattern = map.get("matches");
        Object example = map.get("example");
        if (!unknown.isEmpty() || !(pattern instanceof CharSequence)
                || !(example instanceof CharSequence || example instanceof Number || example instanceof Boolean)) {
            throw new ContractProblem(source.at(where), "the selector's parameter '" + name + "' is " + declared
                    + (unknown.isEmpty() ? "" : " (unknown: " + String.join(", ", unknown) + ")") + ": " + form);
        }
        String regex = pattern.toString();
        String value = String.valueOf(example);
        String unportable = ContractRules.unportable(regex);
        if (unportable != null) {
            throw new ContractProblem(source.at(where), "the selector's parameter '" + name + "' has the pattern " + regex
                    + ", which uses " + unportable + " that the OpenAPI document's pattern (ECMA-262) cannot say");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ContractProblem(source.at(where), "the selector's parameter '" + name + "' has a pattern Java cannot read ("
                    + e.getDescription() + "): " + regex);
        }
        if (!compiled.matcher(value).matches()) {
            throw new ContractProblem(source.at(where), "the selector's parameter '" + name + "': the example '" + value
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
            throw new ContractProblem(source.at("body("), "the stub's body has a value that is only a pattern, so Spring Cloud"
                    + " Contract makes up a new one on every build; give it an example, and say what the producer may send with"
                    + " bodyMatchers");
        }
        if (hasProducerPattern(contract.getResponse().getBody().getServerValue())) {
            throw new ContractProblem(source.at("body("), "the response body has a value with a pattern on the producer's side;"
                    + " say what the producer may send with bodyMatchers instead, so that the rules can be published");
        }
        Object example = clientSide(contract.getResponse().getBody());
        if (example instanceof String text && text.isBlank()) {
            return null;
        }
        if (example instanceof String text) {
            try {
                return PublishedJson.MAPPER.readTree(text);
            } catch (JacksonException e) {
                throw new ContractProblem(source.at("body"), "the response body is not JSON, so no rules can describe it");
            }
        }
        return PublishedJson.MAPPER.valueToTree(example);
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
            throw new ContractProblem(source.at(what), "the request's " + what + " has only a pattern (" + value
                    + ") on the producer's side; give it a concrete value, e.g. value(consumer(regex(...)), producer('x'))");
        }
        return String.valueOf(value);
    }
}
