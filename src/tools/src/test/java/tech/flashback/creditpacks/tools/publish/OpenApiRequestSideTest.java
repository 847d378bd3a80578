package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.Problem;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The request side of the OpenAPI document, on this repository's contracts with three endpoints
 * added ({@code src/tools/src/test/resources/openapi-request-side/}): a JSON body, a path pattern,
 * query parameters and a header, and two methods on one path from two endpoint folders.
 */
class OpenApiRequestSideTest {

    private static final Path ADDED = Path.of("src/tools/src/test/resources/openapi-request-side");
    private static final Path TYPESCRIPT_COPY =
            Path.of("src/consumers/typescript/test/fixtures/openapi-request-side.yaml");
    private static final String UPDATE = "openapi-request-side.update";
    private static final StubPublisher.Publication REQUEST_SIDE = new StubPublisher.Publication(
            "Request-side test endpoints (src/tools/src/test/resources/openapi-request-side)", "1");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @TempDir
    static Path work;

    private static String text;
    private static JsonNode document;
    private static PublishedStubs published;

    @BeforeAll
    static void publishTheContractsWithTheAddedEndpoints() throws IOException {
        EditedContracts contracts = EditedContracts.copy(work);
        try (Stream<Path> files = Files.walk(ADDED)) {
            files.filter(file -> file.toString().endsWith(".groovy")
                            || file.toString().endsWith(".properties"))
                    .forEach(file -> contracts.write(ADDED.relativize(file).toString(), read(file)));
        }
        published = contracts.publishTo(work.resolve("published"));
        text = Files.readString(work.resolve("published").resolve(OpenApiDocument.FILE));
        document = YAML.readTree(text);
    }

    @Test
    void aPathPatternBecomesATemplateWhoseParameterCarriesThePattern() {
        JsonNode get = operation("/accounts/{id}", "get");

        assertThat(document.path("paths").propertyNames())
                .containsExactly("/accounts/{id}", "/credits/packs", "/credits/packs/buy");
        assertThat(get.path("operationId").asString()).isEqualTo("getAccountsById");
        assertThat(parameter(get, "path", "id").toString())
                .isEqualTo("{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
                        + "\"schema\":{\"type\":\"string\",\"pattern\":\"^(?:[0-9]+)$\",\"examples\":[\"42\"]}}");
    }

    @Test
    void aPlainPathStaysAsItIsWithoutPathParameters() {
        JsonNode buy = operation("/credits/packs/buy", "post");

        assertThat(buy.path("operationId").asString()).isEqualTo("postCreditsPacksBuy");
        assertThat(buy.path("parameters").isMissingNode())
                .as("no parameters at all")
                .isTrue();
        assertThat(operation("/credits/packs", "get").path("operationId").asString())
                .isEqualTo("getCreditsPacks");
    }

    @Test
    void aQueryParameterIsRequiredWhereEveryStateRequiresItWithItsMatchersSchemaAndAnAbsentOneIsNotListed() {
        JsonNode get = operation("/accounts/{id}", "get");

        assertThat(parameter(get, "query", "view").toString())
                .as("equalTo in both states")
                .isEqualTo(
                        "{\"name\":\"view\","
                                + "\"in\":\"query\",\"required\":true,\"schema\":{\"type\":\"string\",\"enum\":[\"summary\"],\"examples\":[\"summary\"]}}");
        assertThat(parameter(get, "query", "currency").toString())
                .as("matches, in state active only")
                .isEqualTo("{\"name\":"
                        + "\"currency\",\"in\":\"query\",\"required\":false,\"schema\":{\"type\":\"string\",\"pattern\":\"^(?:[A-Z]{3})$\","
                        + "\"examples\":[\"USD\"]}}");
        assertThat(get.path("parameters"))
                .extracting(node ->
                        node.path("in").asString() + " " + node.path("name").asString())
                .containsExactly("path id", "query currency", "query view", "header X-Api-Key");
    }

    @Test
    void anAbsentParameterIsLeftOutOfTheExampleRequestWhichItsStubAnswers() {
        PublishedStub account = published.contracts().stream()
                .filter(stub -> stub.contract().equals("shouldShowAnAccount"))
                .findFirst()
                .orElseThrow();

        assertThat(account.request())
                .isEqualTo(new ExampleRequest(
                        "GET",
                        "/accounts/42",
                        Map.of("view", "summary", "currency", "USD"),
                        Map.of("X-Api-Key", "key12345", "Accept", "application/json")));
    }

    @Test
    void aRequestHeaderTheStubsMatchOnIsAHeaderParameterAndAcceptIsLeftToTheResponses() {
        JsonNode get = operation("/accounts/{id}", "get");

        assertThat(parameter(get, "header", "X-Api-Key").toString())
                .isEqualTo(
                        "{\"name\":\"X-Api-Key\",\"in\":\"header\","
                                + "\"required\":true,\"schema\":{\"type\":\"string\",\"pattern\":\"^(?:[A-Za-z0-9]{8,})$\",\"examples\":[\"key12345\"]}}");
        assertThat(get.path("parameters"))
                .noneMatch(node -> node.path("name").asString().equalsIgnoreCase("Accept"));
    }

    @Test
    void aJsonRequestBodyIsRequiredAndDescribedByTheContractsRequestRulesWithEachStatesExample() {
        JsonNode body = operation("/credits/packs/buy", "post").path("requestBody");
        JsonNode media = body.path("content").path("application/json");

        assertThat(body.path("required").asBoolean()).isTrue();
        assertThat(body.path("content").propertyNames()).containsExactly("application/json");
        assertThat(media.path("schema").toString())
                .isEqualTo("{\"type\":\"object\",\"required\":[\"packId\"],\"properties\":"
                        + "{\"packId\":{\"type\":\"string\",\"pattern\":\"^(?:pack-[0-9]+)(?![\\\\s\\\\S])\"}}}");
        assertThat(media.path("examples").toString())
                .isEqualTo(
                        "{\"available\":{\"summary\":\"shouldBuyAPack\",\"value\":"
                                + "{\"packId\":\"pack-1\"}},\"unknownpack\":{\"summary\":\"shouldRefuseAnUnknownPack\",\"value\":{\"packId\":\"pack-9\"}}}");
        assertThat(new BodyRules(media.path("schema"))
                        .problems(PublishedJson.MAPPER.readTree("{\"packId\": \"gold\"}")))
                .extracting(Problem::where)
                .containsExactly("$.packId");
    }

    @Test
    void anOperationWithoutABodyHasNoRequestBody() {
        assertThat(operation("/accounts/{id}", "get").has("requestBody")).isFalse();
        assertThat(operation("/credits/packs", "get").has("requestBody")).isFalse();
    }

    @Test
    void eachEndpointGetsItsOwnOperationWithItsOwnScenarioAndStates() {
        assertThat(document.path("paths").path("/accounts/{id}").propertyNames())
                .containsExactly("delete", "get");
        assertThat(List.of(
                        operation("/accounts/{id}", "get"),
                        operation("/accounts/{id}", "delete"),
                        operation("/credits/packs", "get"),
                        operation("/credits/packs/buy", "post")))
                .extracting(operation -> operation.path("operationId").asString() + " "
                        + operation
                                .path(OpenApiDocument.STATES)
                                .path("scenario")
                                .asString() + " "
                        + operation
                                .path(OpenApiDocument.STATES)
                                .path("states")
                                .valueStream()
                                .map(state -> state.path("state").asString() + ":"
                                        + state.path("status").asInt())
                                .toList())
                .containsExactly(
                        "getAccountsById accounts [active:200, closed:410]",
                        "deleteAccountsById account-closing [open:204]",
                        "getCreditsPacks credit-packs [available:200, noactivepacks:200, retiredpacks:200, storefailure:500]",
                        "postCreditsPacksBuy credits-packs-buy [available:200, unknownpack:404]");
    }

    @Test
    void theStubServerIsTheDocumentsServerSoToolsMatchingByItsUrlMatchTheStubs() {
        assertThat(document.path("servers").toString())
                .isEqualTo(
                        "[{\"url\":\"http://localhost:8090\",\"description\":\"The stub"
                                + " server (src/stub-server/serve, its default port). A producer answers the same paths at its own base URL.\"}]");
    }

    @Test
    void everyStringIsQuotedSoAYaml11ReaderKeepsDateLikeExamplesAsStrings() {
        Map<String, Object> loaded = new Yaml().load(text);

        assertThat(text)
                .contains("purchasedOn: \"2024-05-01\"", "openedOn: \"2024-05-01\"")
                .doesNotContain(": 2024-05-01\n");
        assertThat(at(
                        loaded,
                        "paths",
                        "/credits/packs/buy",
                        "post",
                        "responses",
                        "200",
                        "content",
                        "application/json",
                        "examples",
                        "available",
                        "value",
                        "data",
                        "purchasedOn"))
                .isEqualTo("2024-05-01");
        assertThat(at(new Yaml().load("purchasedOn: 2024-05-01\n"), "purchasedOn"))
                .as("the same reader, unquoted")
                .isInstanceOf(Date.class);
    }

    @Test
    void pinnedValuesCarryAnEnumBesideTheirConstSoMockGeneratorsKeepThem() {
        JsonNode properties = operation("/credits/packs/buy", "post")
                .path("responses")
                .path("200")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("properties");

        assertThat(properties.path("success").toString()).isEqualTo("{\"const\":true,\"enum\":[true]}");
        assertThat(properties
                        .path("data")
                        .path("properties")
                        .path("purchasedOn")
                        .toString())
                .isEqualTo("{\"const\":\"2024-05-01\",\"enum\":[\"2024-05-01\"]}");
        assertThat(properties
                        .path("data")
                        .path("properties")
                        .path("purchasedAt")
                        .has("enum"))
                .as("a pattern pins nothing")
                .isFalse();
    }

    @Test
    void everyContractsExampleRequestIsOneItsOperationDescribes() {
        List<String> problems = new ArrayList<>();
        for (PublishedStub stub : published.contracts()) {
            ExampleRequest request = stub.request();
            JsonNode operation = operationFor(request);
            String where = stub.contract() + " (" + request + "): ";
            operation.path("parameters").forEach(parameter -> {
                String name = parameter.path("name").asString();
                String value = switch (parameter.path("in").asString()) {
                    case "path" -> pathValue(request.path(), name);
                    case "query" -> request.query().get(name);
                    default ->
                        request.headers().entrySet().stream()
                                .filter(header -> header.getKey().equalsIgnoreCase(name))
                                .map(Map.Entry::getValue)
                                .findFirst()
                                .orElse(null);
                };
                if (value == null && parameter.path("required").asBoolean()) {
                    problems.add(where + "the required parameter " + name + " is not sent");
                } else if (value != null) {
                    new BodyRules(parameter.path("schema"))
                            .problems(PublishedJson.MAPPER.getNodeFactory().stringNode(value))
                            .forEach(problem -> problems.add(where + name + ": " + problem));
                }
            });
            JsonNode body = operation.path("requestBody");
            if (request.body() != null) {
                new BodyRules(body.path("content").path(request.contentType()).path("schema"))
                        .problems(PublishedJson.MAPPER.readTree(request.body()))
                        .forEach(problem -> problems.add(where + problem));
            } else if (body.path("required").asBoolean()) {
                problems.add(where + "sends no body, which the document requires");
            }
        }

        assertThat(published.contracts()).hasSize(9);
        assertThat(problems).isEmpty();
    }

    @Test
    void aPathPatternWithoutSeparateSegmentsIsDescribedByItsExamplePathAndAJavaOnlyPatternBySaying(@TempDir Path other)
            throws IOException {
        EditedContracts contracts = EditedContracts.copy(other)
                .write("legacy/states.properties", "default=any\n")
                .write("legacy/any/shouldShowALegacyReport.groovy", """
                        import org.springframework.cloud.contract.spec.Contract

                        Contract.make {
                            name 'shouldShowALegacyReport'
                            description 'A report, by an optional number.'
                            request {
                                method GET()
                                urlPath(value(consumer(regex('/reports(/[0-9]+)?')), producer('/reports/7')))
                                headers {
                                    header('X-Tenant', value(consumer(matching('\\\\p{Upper}+')), producer('ACME')))
                                }
                            }
                            response {
                                status OK()
                                body(id: 7)
                            }
                        }
                        """);
        contracts.publishTo(other.resolve("published"));
        JsonNode get = YAML.readTree(Files.readString(other.resolve("published").resolve(OpenApiDocument.FILE)))
                .path("paths")
                .path("/reports/7")
                .path("get");

        assertThat(get.path("operationId").asString()).isEqualTo("getReports7");
        assertThat(get.path("x-stub-path-patterns").toString()).isEqualTo("[\"/reports(/[0-9]+)?\"]");
        assertThat(get.path("parameters").toString())
                .isEqualTo("[{\"name\":\"X-Tenant\",\"in\":\"header\",\"required\":true,"
                        + "\"description\":\"The stubs match it by the Java pattern \\\\p{Upper}+, which a JSON Schema pattern cannot say.\","
                        + "\"schema\":{\"type\":\"string\",\"examples\":[\"ACME\"]}}]");
    }

    /**
     * The TypeScript consumer compiles openapi-fetch against these endpoints' document and serves it
     * with MSW ({@code request-side.test.ts}); its copy must be what the publisher makes of them.
     */
    @Test
    void theTypeScriptConsumersCopyOfTheAddedEndpointsDocumentIsWhatTheyPublish() throws IOException {
        String current = StubPublisher.publish(ADDED, REQUEST_SIDE).files().get(OpenApiDocument.FILE);
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(TYPESCRIPT_COPY, current);
        }

        assertThat(Files.exists(TYPESCRIPT_COPY) ? Files.readString(TYPESCRIPT_COPY) : "(no file)")
                .as(TYPESCRIPT_COPY + " is out of date with " + ADDED
                        + "; regenerate it with ./mvnw -q test -pl src/tools" + " -Dtest=OpenApiRequestSideTest -D"
                        + UPDATE)
                .isEqualTo(current);
    }

    private static JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isObject())
                .as(method + " " + path + " in the document")
                .isTrue();
        return operation;
    }

    private static JsonNode parameter(JsonNode operation, String in, String name) {
        return operation
                .path("parameters")
                .valueStream()
                .filter(node -> node.path("in").asString().equals(in)
                        && node.path("name").asString().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(in + " " + name));
    }

    /** The document's operation whose path template the request's path fills. */
    private static JsonNode operationFor(ExampleRequest request) {
        return document.path("paths").properties().stream()
                .filter(path -> request.path().matches(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")))
                .map(path -> path.getValue().path(request.method().toLowerCase(Locale.ROOT)))
                .filter(JsonNode::isObject)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operation for " + request));
    }

    /** The segment of the path standing where the template names the parameter. */
    private static String pathValue(String path, String name) {
        String template = document.path("paths").propertyNames().stream()
                .filter(candidate -> path.matches(candidate.replaceAll("\\{[^}]+}", "[^/]+")))
                .findFirst()
                .orElseThrow();
        List<String> named = List.of(template.split("/"));
        return path.split("/")[named.indexOf("{" + name + "}")];
    }

    @SuppressWarnings("unchecked")
    private static Object at(Object tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
