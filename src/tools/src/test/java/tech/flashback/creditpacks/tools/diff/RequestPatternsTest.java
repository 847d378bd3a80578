package tech.flashback.creditpacks.tools.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;

/**
 * When the candidate's request matcher still accepts every value a baseline pattern did: only when the text
 * shows it (the same pattern, its alternatives kept, or the part no longer checked); anything the
 * text cannot show is reported for review.
 */
class RequestPatternsTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                Arguments.of("a|b", "a", true),
                Arguments.of("a", "a|b", false),
                Arguments.of("c|(?:a|b)", "b|a", true),
                Arguments.of("(a)|(b)", "a|b", true),
                Arguments.of(".*", "internal-error|store-down", true),
                Arguments.of("[|]x|y", "y", true),
                Arguments.of("a|b", "(a|b)+", false),
                Arguments.of("(a|b)c", "ac|bc", false),
                // Flags, back-references, quotes and nested classes mean something by where they stand.
                Arguments.of("b|(?i)a", "(?i)a|b", false),
                Arguments.of("(c)|(a)\\1", "(a)\\1", false),
                Arguments.of("\\Qa|b\\E|c", "\\Qa|b\\E", false),
                Arguments.of("[a[b]|c]|d", "d", false));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @MethodSource("patterns")
    void aPatternCoversAnotherOnlyWhereItsTextShowsIt(String candidate, String baseline, boolean covers) {
        assertThat(RequestPatterns.covers(candidate, baseline)).isEqualTo(covers);
    }

    @Test
    void aHeaderIsTheSameWhateverTheCaseOfItsName() {
        assertThat(RequestPatterns.narrowed(
                        json("{'headers': {'X-Key': {'matches': 'a|b'}}}"),
                        json("{'headers': {'x-key': {'matches': 'a'}}}")))
                .containsExactly(
                        "request header X-Key: the stubs matched {\"matches\":\"a|b\"}, now {\"matches\":\"a\"}: a stub"
                                + " user sending a value only the old pattern allowed may get another answer: a person must look (it counts as failing until then)");
        assertThat(RequestPatterns.narrowed(
                        json("{'headers': {'X-Key': {'matches': 'a|b'}}}"),
                        json("{'headers': {'x-key': {'matches': 'b|a'}}}")))
                .isEmpty();
    }

    @Test
    void anyMatcherButOneValueMustStayTheSameOrGo() {
        assertThat(RequestPatterns.narrowed(
                        json("{'queryParameters': {'simulate': {'contains': 'error'}}}"),
                        json("{'queryParameters': {'simulate': {'equalTo': 'internal-error'}}}")))
                .hasSize(1);
        assertThat(RequestPatterns.narrowed(
                        json("{'queryParameters': {'simulate': {'contains': 'error'}}}"),
                        json("{'queryParameters': {'simulate': {'contains': 'error'}}}")))
                .isEmpty();
        assertThat(RequestPatterns.narrowed(
                        json("{'queryParameters': {'simulate': {'equalTo': 'a'}}}"),
                        json("{'queryParameters': {'simulate': {'equalTo': 'b'}}}")))
                .as("the replayed example shows this one")
                .isEmpty();
    }

    @Test
    void aParameterNoLongerCheckedIsWidenedUnlessTheWholeUrlIsChecked() {
        String baseline = "{'urlPath': '/credits/packs', 'queryParameters': {'simulate': {'matches': 'a|b'}}}";

        assertThat(RequestPatterns.narrowed(json(baseline), json("{'urlPath': '/credits/packs'}")))
                .isEmpty();
        assertThat(RequestPatterns.narrowed(json(baseline), json("{'url': '/credits/packs?simulate=a'}")))
                .hasSize(1);
    }

    @Test
    void aPathPatternMustBeKept() {
        assertThat(RequestPatterns.narrowed(
                        json("{'urlPathPattern': '/credits/packs/?'}"), json("{'urlPath': '/credits/packs'}")))
                .containsExactly(
                        "request path: the stubs matched /credits/packs/?, now urlPath /credits/packs: a stub user"
                                + " sending a value only the old pattern allowed may get another answer: a person must look (it counts as failing until then)");
    }

    @Test
    void anAnswerIsPromisedOnlyWhereTheRequestDiffersInAPartTheStubMatchesLoosely() {
        ExampleRequest example =
                new ExampleRequest("GET", "/credits/packs", Map.of("simulate", "internal-error"), Map.of());
        ExampleRequest storeDown =
                new ExampleRequest("GET", "/credits/packs", Map.of("simulate", "store-down"), Map.of());
        ExampleRequest unknownParameter = new ExampleRequest(
                "GET", "/credits/packs", Map.of("simulate", "internal-error", "page", "2"), Map.of());

        JsonNode selector = json(
                "{'urlPath': '/credits/packs', 'queryParameters': {'simulate': {'matches': 'internal-error|store-down'}}}");
        assertThat(RequestPatterns.promised(selector, example, storeDown)).isTrue();
        assertThat(RequestPatterns.promised(selector, example, unknownParameter))
                .as("a part the stub does not look at")
                .isFalse();
        JsonNode pathPattern = json("{'urlPathPattern': '/credits/packs/?'}");
        ExampleRequest plain = new ExampleRequest("GET", "/credits/packs", Map.of(), Map.of());
        assertThat(RequestPatterns.promised(
                        pathPattern, plain, new ExampleRequest("GET", "/credits/packs/", Map.of(), Map.of())))
                .isTrue();
        assertThat(RequestPatterns.promised(pathPattern, plain, storeDown))
                .as("the path is the same; the query is not looked at")
                .isFalse();
    }

    @Test
    void aCharacterClassInsideAnotherIsComparedOnlyAsTheSameText() {
        assertThat(RequestPatterns.covers("[a\\][b]|d]|c]", "[a\\][b]|c]")).isFalse();
    }

    private static JsonNode json(String singleQuoted) {
        return PublishedJson.MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
