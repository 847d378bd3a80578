package tech.flashback.creditpacks.contract;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shape every producer's {@code data} must have, whatever packs it currently sells: a
 * non-empty list of objects, each with a non-empty string {@code id}, {@code name} and
 * {@code code}, a positive integer {@code credits} and a non-negative numeric {@code price}.
 * Extra fields are allowed (additive changes do not break consumers).
 *
 * <p>Spring Cloud Contract's own array assertions only check that some element matches the
 * example (spring-cloud-contract#1927), so the contract delegates {@code $.data} to this check.
 * Every problem is reported at once, each with its JSON path, the expectation and the actual value.
 */
final class CatalogShape {

    private CatalogShape() {
    }

    static void assertValid(Object data) {
        List<String> problems = problems(data);
        if (!problems.isEmpty()) {
            throw new AssertionError("Response body does not have the contract's catalog shape:\n  "
                    + String.join("\n  ", problems));
        }
    }

    static List<String> problems(Object data) {
        List<String> problems = new ArrayList<>();
        if (!(data instanceof List<?> packs)) {
            problems.add("$.data: expected a non-empty array of packs, got " + describe(data));
            return problems;
        }
        if (packs.isEmpty()) {
            problems.add("$.data: expected a non-empty array of packs, got an empty array");
        }
        for (int i = 0; i < packs.size(); i++) {
            String path = "$.data[" + i + "]";
            if (!(packs.get(i) instanceof Map<?, ?> pack)) {
                problems.add(path + ": expected an object, got " + describe(packs.get(i)));
                continue;
            }
            requireText(pack, path, "id", problems);
            requireText(pack, path, "name", problems);
            requireText(pack, path, "code", problems);
            requireWholeNumber(pack, path, "credits", problems);
            requireNumber(pack, path, "price", problems);
        }
        return problems;
    }

    private static void requireText(Map<?, ?> pack, String path, String field, List<String> problems) {
        Object value = pack.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            problems.add(path + "." + field + ": expected a non-empty string, got " + describe(pack, field));
        }
    }

    private static void requireWholeNumber(Map<?, ?> pack, String path, String field, List<String> problems) {
        Object value = pack.get(field);
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        if (!whole || ((Number) value).longValue() <= 0) {
            problems.add(path + "." + field + ": expected a positive integer, got " + describe(pack, field));
        }
    }

    private static void requireNumber(Map<?, ?> pack, String path, String field, List<String> problems) {
        Object value = pack.get(field);
        if (!(value instanceof Number number) || number.doubleValue() < 0) {
            problems.add(path + "." + field + ": expected a non-negative number, got " + describe(pack, field));
        }
    }

    private static String describe(Map<?, ?> pack, String field) {
        return pack.containsKey(field) ? describe(pack.get(field)) : "no such field (fields: " + pack.keySet() + ")";
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string \"" + text + "\"";
        }
        if (value instanceof Map<?, ?>) {
            return "an object " + value;
        }
        if (value instanceof List<?>) {
            return "an array " + value;
        }
        return (value instanceof Boolean ? "the boolean " : "the number ") + value;
    }
}
