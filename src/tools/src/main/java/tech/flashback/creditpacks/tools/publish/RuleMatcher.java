package tech.flashback.creditpacks.tools.publish;

import org.springframework.cloud.contract.spec.internal.BodyMatcher;
import org.springframework.cloud.contract.spec.internal.MatchingType;

/**
 * A body matcher that is not written in a contract's {@code bodyMatchers}: a consumer-side pattern
 * written in a request body itself, or a Pact matching rule. Said as Spring Cloud Contract's own
 * matchers are, so one derivation ({@link ContractRules}) gives the rules of all of them.
 */
record RuleMatcher(
        String path, MatchingType matchingType, Object value, Integer minTypeOccurrence, Integer maxTypeOccurrence)
        implements BodyMatcher {

    static RuleMatcher regex(String path, String regex) {
        return new RuleMatcher(path, MatchingType.REGEX, regex, null, null);
    }

    static RuleMatcher type(String path, Integer min, Integer max) {
        return new RuleMatcher(path, MatchingType.TYPE, null, min, max);
    }

    static RuleMatcher of(String path, MatchingType type) {
        return new RuleMatcher(path, type, null, null, null);
    }
}
