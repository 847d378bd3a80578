package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.published.PublishedJson;

/**
 * A stub's URL matcher as an OpenAPI path: templates from path patterns, segment by segment, and the
 * example path where the pattern's segments cannot be told apart.
 */
class PathTemplateTest {

    @Test
    void aPlainPathStaysAsItIs() {
        assertThat(of("{\"urlPath\": \"/credits/packs\"}", "/credits/packs"))
                .isEqualTo(new PathTemplate("/credits/packs", List.of(), null, false));
        assertThat(of("{\"url\": \"/credits/packs?page=2\"}", "/credits/packs"))
                .isEqualTo(new PathTemplate("/credits/packs", List.of(), null, false));
    }

    @Test
    void eachPatternSegmentBecomesAParameterCarryingItsPattern() {
        assertThat(of("{\"urlPathPattern\": \"/accounts/[0-9]+\"}", "/accounts/42"))
                .isEqualTo(new PathTemplate(
                        "/accounts/{id}", List.of(new PathTemplate.Parameter("id", "[0-9]+")), null, false));
        assertThat(of("{\"urlPathPattern\": \"^/accounts/[^/]+/packs/pack-\\\\d+$\"}", "/accounts/a/packs/pack-1"))
                .isEqualTo(new PathTemplate(
                        "/accounts/{id1}/packs/{id2}",
                        List.of(
                                new PathTemplate.Parameter("id1", "[^/]+"),
                                new PathTemplate.Parameter("id2", "pack-\\d+")),
                        null,
                        false));
    }

    @Test
    void escapedPunctuationIsPlainTextAndATrailingOptionalSlashIsDropped() {
        assertThat(of("{\"urlPathPattern\": \"/files/report\\\\.pdf\"}", "/files/report.pdf")
                        .path())
                .isEqualTo("/files/report.pdf");
        assertThat(of("{\"urlPathPattern\": \"/credits/packs/?\"}", "/credits/packs"))
                .isEqualTo(new PathTemplate("/credits/packs", List.of(), null, false));
    }

    @Test
    void aPatternWhoseSegmentsCannotBeToldApartIsDescribedByItsExamplePath() {
        for (String pattern :
                List.of("/accounts(/[0-9]+)?", "/accounts/[0-9]+|/users/[0-9]+", "/accounts/?[0-9]+", ".*/accounts")) {
            assertThat(of(
                            "{\"urlPathPattern\": " + PublishedJson.MAPPER.writeValueAsString(pattern) + "}",
                            "/accounts/42"))
                    .as(pattern)
                    .isEqualTo(new PathTemplate("/accounts/42", List.of(), pattern, false));
        }
    }

    @Test
    void aUrlPatternsQueryPartIsLeftToTheQueryParameters() {
        assertThat(of("{\"urlPattern\": \"/accounts/[0-9]+\\\\?view=.*\"}", "/accounts/42"))
                .isEqualTo(new PathTemplate(
                        "/accounts/{id}", List.of(new PathTemplate.Parameter("id", "[0-9]+")), null, true));
    }

    @Test
    void wireMocksOwnTemplateIsKeptWithItsNames() {
        assertThat(of("{\"urlPathTemplate\": \"/accounts/{accountId}\"}", "/accounts/42"))
                .isEqualTo(new PathTemplate(
                        "/accounts/{accountId}", List.of(new PathTemplate.Parameter("accountId", null)), null, false));
    }

    private static PathTemplate of(String matcher, String examplePath) {
        return PathTemplate.of(PublishedJson.MAPPER.readTree(matcher), examplePath);
    }
}
