package tech.flashback.creditpacks.packs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One purchasable pack as the API shows it; {@code price} is in USD, kept exact. Only packs that
 * keep the contract's rules exist: text fields with a non-whitespace character, at least one
 * credit, a price that is not negative (see {@link #contractViolations}).
 */
public record CreditPack(String id, String name, String code, int credits, BigDecimal price) {

    public CreditPack {
        List<String> violations = contractViolations(id, name, code, credits, price);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Not a valid credit pack: " + String.join("; ", violations));
        }
    }

    /**
     * The pack these stored values make. Call it only when {@link #contractViolations} found none.
     */
    static CreditPack fromStored(String id, String name, String code, Object credits, Object price) {
        return new CreditPack(id, name, code, exact(credits).intValueExact(), exact(price));
    }

    /**
     * What these values break of the contract's rules for a pack, one phrase each; empty when
     * they make a pack the API may serve. Takes the values as a store may hold them (any of them
     * null, numbers of any type, or not numbers at all), so a row is judged before it is a pack.
     */
    public static List<String> contractViolations(String id, String name, String code, Object credits, Object price) {
        List<String> violations = new ArrayList<>();
        requireText("id", id, violations);
        requireText("name", name, violations);
        requireText("code", code, violations);
        BigDecimal creditCount = exact(credits);
        if (credits == null) {
            violations.add("credits is missing");
        } else if (creditCount == null
                || creditCount.signum() <= 0
                || creditCount.stripTrailingZeros().scale() > 0
                || creditCount.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            violations.add("credits is " + credits + ", not a whole number from 1 to " + Integer.MAX_VALUE);
        }
        BigDecimal amount = exact(price);
        if (price == null) {
            violations.add("price is missing");
        } else if (amount == null) {
            violations.add("price is " + price + ", not a number");
        } else if (amount.signum() < 0) {
            violations.add("price is negative (" + amount.toPlainString() + ")");
        }
        return violations;
    }

    /**
     * Blank means no character outside white space, taken broadly: Java's white space, Unicode
     * space separators (no-break spaces included), NEL and the byte order mark, so a name that
     * any consumer's notion of white space would call blank (JSON Schema's {@code \S} follows
     * ECMAScript's) is never served.
     */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(CreditPack::isWhiteSpace);
    }

    static boolean isWhiteSpace(int codePoint) {
        return Character.isWhitespace(codePoint)
                || Character.isSpaceChar(codePoint)
                || codePoint == '\u0085'
                || codePoint == '\uFEFF';
    }

    private static void requireText(String field, String value, List<String> violations) {
        if (value == null) {
            violations.add(field + " is missing");
        } else if (isBlank(value)) {
            violations.add(field + " is blank");
        }
    }

    /** A finite number as an exact decimal; null for null, NaN, infinities and non-numbers. */
    private static BigDecimal exact(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return new BigDecimal(number.toString());
        }
        return null;
    }
}
