package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;

/** One schema for what several contracts accept with one status. */
class SchemaUnionTest {

    @Test
    void valuesPinnedDifferentlyBecomeTheValuesAnyOfThemPins() {
        assertThat(union(
                        "{\"const\": \"PACK_NOT_FOUND\"}",
                        "{\"const\": \"PACK_RETIRED\"}",
                        "{\"type\": \"string\", \"enum\": [\"PACK_NOT_FOUND\"]}"))
                .isEqualTo("{\"type\":\"string\",\"enum\":[\"PACK_NOT_FOUND\",\"PACK_RETIRED\"]}");
    }

    @Test
    void aPinnedValueAnotherContractsConstraintAcceptsIsDescribedByTheConstraint() {
        assertThat(union("{\"const\": \"pack-1\"}", "{\"type\": \"string\", \"pattern\": \"^(?:pack-[0-9]+)$\"}"))
                .isEqualTo("{\"type\":\"string\",\"pattern\":\"^(?:pack-[0-9]+)$\"}");
        assertThat(union(
                        "{\"type\": \"string\", \"enum\": [\"a\", \"b\"]}",
                        "{\"type\": \"string\", \"pattern\": \"^[ab]$\"}"))
                .isEqualTo("{\"type\":\"string\",\"pattern\":\"^[ab]$\"}");
    }

    @Test
    void differentConstraintsOfOneTypeShareTheTypeAndDifferentTypesAreAlternatives() {
        assertThat(union(
                        "{\"type\": \"string\", \"pattern\": \"^a$\"}", "{\"type\": \"string\", \"pattern\": \"^b$\"}"))
                .isEqualTo("{\"type\":\"string\"}");
        assertThat(union("{\"const\": 1}", "{\"const\": \"one\"}"))
                .isEqualTo("{\"anyOf\":[{\"const\":1},{\"const\":\"one\"}]}");
    }

    @Test
    void pinnedValuesGetAnEnumBesideTheirConstWhereverTheyStandButNotInsideData() {
        JsonNode schema = PublishedJson.MAPPER.readTree("""
                {"type": "object", "properties": {"const": {"const": 1}, "list": {"prefixItems": [{"const": "x"}]},
                 "either": {"anyOf": [{"const": true}, {"type": "string"}]}, "data": {"type": "object", "default": {"const": 2}}}}""");

        assertThat(OpenApiDocument.withEnums((tools.jackson.databind.node.ObjectNode) schema)
                        .toString())
                .isEqualTo("{\"type\":\"object\","
                        + "\"properties\":{\"const\":{\"const\":1,\"enum\":[1]},\"list\":{\"prefixItems\":[{\"const\":\"x\",\"enum\":[\"x\"]}]},"
                        + "\"either\":{\"anyOf\":[{\"const\":true,\"enum\":[true]},{\"type\":\"string\"}]},"
                        + "\"data\":{\"type\":\"object\",\"default\":{\"const\":2}}}}");
    }

    private static String union(String... schemas) {
        return SchemaUnion.of(List.of(schemas).stream()
                        .map(PublishedJson.MAPPER::readTree)
                        .toList())
                .toString();
    }
}
