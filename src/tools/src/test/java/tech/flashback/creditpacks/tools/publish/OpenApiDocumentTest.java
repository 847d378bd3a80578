package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document published in {@code stubs/openapi.yaml}: valid for the reference parser,
 * the reference client's operation, each state's example exactly its stub's response (the default
 * state's first, as Prism answers it), schemas that accept what every contract allows, and the
 * stub selector beside the API's parameters. The request side, on more endpoints than this
 * repository's, is {@link OpenApiRequestSideTest}'s.
 */
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("stubs/openapi.yaml");
    /** Decimals read exactly, as the stubs' JSON is. */
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Test
    void theReferenceParserReadsItWithoutAMessage() throws Exception {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, null);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(parsed.getOpenAPI().getPaths().get("/credits/packs").getGet().getOperationId())
                .isEqualTo("getCreditsPacks");
    }

    @Test
    void eachStatesExampleIsItsStubsResponseTheDefaultStateFirst() throws Exception {
        JsonNode operation = YAML.readTree(Files.readString(DOCUMENT))
                .path("paths")
                .path("/credits/packs")
                .path("get");
        PublishedStubs stubs = EditedContracts.committed();

        int examples = 0;
        for (JsonNode response : operation.path("responses")) {
            List<String> names = List.copyOf(response.path("content")
                    .path("application/json")
                    .path("examples")
                    .propertyNames());
            examples += names.size();
            // Named after their states (a state with several contracts adds the contract's file name), the default
            // state's first.
            assertThat(names)
                    .containsExactlyElementsOf(names.stream()
                            .sorted(Comparator.comparing((String name) -> !inState(
                                            name, stubs.endpoint("credit-packs").defaultState()))
                                    .thenComparing(name -> name))
                            .toList());
        }
        for (PublishedStub contract : stubs.contracts()) {
            JsonNode media = operation
                    .path("responses")
                    .path(String.valueOf(contract.rules().status()))
                    .path("content")
                    .path("application/json");
            assertThat(media.path("examples").properties())
                    .as(contract.contract())
                    .anySatisfy(example -> {
                        assertThat(inState(example.getKey(), contract.state())).isTrue();
                        assertThat(example.getValue().path("value")).isEqualTo(contract.example());
                    });
            assertThat(new BodyRules(media.path("schema")).accepts(contract.example()))
                    .as(contract.contract())
                    .isTrue();
        }
        assertThat(examples)
                .as("an example per contract, none besides")
                .isEqualTo(stubs.contracts().size());
        assertThat(operation.path("x-stub-states").path("scenario").asString())
                .isEqualTo(stubs.endpoint("credit-packs").scenario());
    }

    @Test
    void theStubSelectorIsAnExtensionBesideTheOperationNeverOneOfTheApisParameters() throws Exception {
        JsonNode operation = YAML.readTree(Files.readString(DOCUMENT))
                .path("paths")
                .path("/credits/packs")
                .path("get");

        assertThat(operation.has("parameters"))
                .as("GET /credits/packs takes no parameter a producer reads")
                .isFalse();
        assertThat(operation.path(OpenApiDocument.SELECTORS).toString())
                .isEqualTo("[{\"name\":\"simulate\",\"in\":\"query\","
                        + "\"description\":\"Stubs only; producers ignore it. In any stub state, internal-error answers 500"
                        + " (shouldReturnInternalErrorWhenStoreFails).\",\"schema\":{\"type\":\"string\",\"enum\":[\"internal-error\"]},"
                        + "\"answers\":[{\"value\":\"internal-error\",\"status\":500,\"contract\":\"shouldReturnInternalErrorWhenStoreFails\","
                        + "\"example\":\"storefailure\"}]}]");
    }

    @Test
    void theErrorEnvelopesPinnedValuesCarryAnEnumSoGeneratedMocksAnswerThem() throws Exception {
        JsonNode properties = YAML.readTree(Files.readString(DOCUMENT))
                .path("paths")
                .path("/credits/packs")
                .path("get")
                .path("responses")
                .path("500")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("properties");

        assertThat(properties.toString())
                .isEqualTo(
                        "{\"success\":{\"const\":false,\"enum\":[false]},"
                                + "\"error_code\":{\"const\":\"INTERNAL_ERROR\",\"enum\":[\"INTERNAL_ERROR\"]},"
                                + "\"message\":{\"const\":\"Failed to retrieve credit packs\",\"enum\":[\"Failed to retrieve credit packs\"]}}");
    }

    @Test
    void theSuccessSchemaTypesEveryPackWhateverTheStateSoGeneratedTypesHaveThem() throws Exception {
        JsonNode schema = YAML.readTree(Files.readString(DOCUMENT))
                .path("paths")
                .path("/credits/packs")
                .path("get")
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("schema");

        assertThat(schema.path("required")).extracting(JsonNode::asString).containsExactly("success", "data");
        assertThat(schema.path("properties").path("data").path("items").path("required"))
                .extracting(JsonNode::asString)
                .containsExactly("id", "name", "code", "credits", "price");
        assertThat(schema.path("properties").path("data").has("minItems"))
                .as("an empty catalog is a 200 too")
                .isFalse();
    }

    @Test
    void aDocumentWhoseExampleBreaksItsSchemaIsRefused() throws Exception {
        String broken = Files.readString(DOCUMENT).replaceFirst("credits: 100\n", "credits: \"100\"\n");
        assertThat(broken).isNotEqualTo(Files.readString(DOCUMENT));

        assertThatIllegalStateException()
                .isThrownBy(() -> OpenApiCheck.assertValid(broken))
                .withMessageContaining(
                        "GET /credits/packs 200 example available: $.data[0].credits: expected an integer, got the string \"100\"");
    }

    /** Whether an example of the document is named for {@code state}. */
    private static boolean inState(String exampleName, String state) {
        return exampleName.equals(state) || exampleName.startsWith(state + ".");
    }
}
