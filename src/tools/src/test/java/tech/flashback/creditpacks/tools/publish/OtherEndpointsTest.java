package tech.flashback.creditpacks.tools.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Notifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * Contracts of other endpoints, in the shapes of Spring Cloud Contract's samples and reference,
 * and the buy endpoint, dropped into a copy of this repository's contracts: published with no
 * producer code, each stub answering its own request, the buy endpoint in a scenario of its own.
 */
class OtherEndpointsTest {

    private static final String BUY = "/credits/packs/buy";
    private static final String FRAUD = "fraudcheck/anyclient/shouldCheckClientsForFraud.groovy";
    private static final String MATCHERS = "matchers/anyvalue/shouldAcceptValuesMatchingTheirPatterns.groovy";
    private static final String USERS = "users/registered/shouldListUsersMatchingTheFilter.groovy";

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void everyContractIsPublishedWithItsStubInTheStateOfItsOwnEndpoint() {
        PublishedStubs published = EditedContracts.uneditedWithOtherEndpoints();

        assertThat(published.contracts())
                .filteredOn(stub -> !stub.request().path().equals("/credits/packs"))
                .extracting(
                        PublishedStub::contract,
                        PublishedStub::scenario,
                        PublishedStub::scenarioState,
                        stub -> stub.rules().status(),
                        stub -> stub.request().toString())
                .containsExactlyInAnyOrder(
                        tuple("shouldReturnEveryBookOnTheShelf", "books", "Started", 200, "GET /books"),
                        tuple(
                                "shouldMarkClientAsFraud",
                                "fraudcheck",
                                "Started",
                                200,
                                "PUT /fraudcheck [Content-Type: application/vnd.fraud.v1+json] {\"client.id\":\"0123456789\",\"loanAmount\":99999}"),
                        tuple(
                                "shouldMarkClientAsNotFraud",
                                "fraudcheck",
                                "Started",
                                200,
                                "PUT /fraudcheck [Content-Type: application/vnd.fraud.v1+json] {\"client.id\":\"1234567890\",\"loanAmount\":123.123}"),
                        tuple(
                                "shouldAnswerPongToAPing",
                                "greeting",
                                "Started",
                                200,
                                "POST /ping [Content-Type: text/plain] ping"),
                        tuple(
                                "shouldCreateALoanApplication",
                                "loans",
                                "Started",
                                201,
                                "POST /loans [Content-Type: application/json] {\"clientId\":\"1234567890\",\"amount\":5000,\"currency\":\"EUR\"}"),
                        tuple("shouldDeleteALoanApplication", "loans", "Started", 204, "DELETE /loans/42"),
                        tuple("shouldReturnNotFoundForAnUnknownLoan", "loans", "Started", 404, "GET /loans/999"),
                        tuple(
                                "shouldAcceptValuesMatchingTheirPatterns",
                                "matchers",
                                "Started",
                                200,
                                "POST /matchers"
                                        + " [Content-Type: application/json] {\"duck\":123,\"alpha\":\"abc\",\"number\":123,\"aBoolean\":true,\"date\":\"2017-01-01\",\"date..."
                                        + " (183 characters)"),
                        tuple("shouldRejectARequestWithoutAToken", "orders", "Started", 401, "GET /orders"),
                        tuple(
                                "shouldReturnTheOrdersOfTheTokensOwner",
                                "orders",
                                "Started",
                                200,
                                "GET /orders [Authorization: Bearer abc.def.ghi, X-Request-Id: 0badcafe]"),
                        tuple(
                                "shouldListUsersMatchingTheFilter",
                                "users",
                                "Started",
                                200,
                                "GET /users?filter=email&gender=mf&limit=100&offset=123 [Accept: application/json]"),
                        tuple(
                                "shouldStartACheckoutForAnActivePack",
                                "credit-packs-buy",
                                "Started",
                                200,
                                "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] {\"packId\":\"pack-1\"}"),
                        tuple(
                                "shouldReturnNotFoundForAnUnknownPack",
                                "credit-packs-buy",
                                "Started",
                                404,
                                "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] {\"packId\":\"pack-unknown\"}"),
                        tuple(
                                "shouldReturnBadRequestWithoutAPackId",
                                "credit-packs-buy",
                                "Started",
                                400,
                                "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] {}"),
                        tuple(
                                "shouldReturnServiceUnavailableWhenCheckoutIsDown",
                                "credit-packs-buy",
                                "checkoutdown",
                                503,
                                "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] {\"packId\":\"pack-1\"}"));
        assertThat(published.endpoint("credit-packs-buy").states()).containsExactly("purchasable", "checkoutdown");
        assertThat(published.endpoint("credit-packs").states())
                .containsExactly("available", "noactivepacks", "retiredpacks", "storefailure");
    }

    @Test
    void everyRequestBodyIsMatchedByItsStubAndPublishedAsRules() {
        PublishedStubs published = EditedContracts.uneditedWithOtherEndpoints();
        Path folder = published.root();

        for (PublishedStub stub : published.contracts()) {
            JsonNode matcher = stub.requestMatcher();
            assertThat(matcher.has("bodyPatterns"))
                    .as(stub.contract() + " matches its body")
                    .isEqualTo(stub.request().body() != null);
            assertThat(stub.requestRules() != null)
                    .as(stub.contract() + " publishes its request rules")
                    .isEqualTo(stub.request().jsonBody());
        }
        assertThat(stub(published, "shouldAnswerPongToAPing")
                        .requestMatcher()
                        .get("bodyPatterns")
                        .toString())
                .isEqualTo("[{\"equalTo\":\"ping\"}]");
        assertThat(stub(published, "shouldAnswerPongToAPing").rules().text()).isEqualTo("pong");
        assertThat(stub(published, "shouldDeleteALoanApplication").rules().body())
                .isNull();
        // A body with nothing to match is still held to being a JSON object.
        assertThat(stub(published, "shouldReturnBadRequestWithoutAPackId")
                        .requestMatcher()
                        .get("bodyPatterns")
                        .toString())
                .isEqualTo(
                        "[{\"matchesJsonSchema\":\"{\\\"type\\\":\\\"object\\\",\\\"required\\\":[],\\\"properties\\\":{}}\","
                                + "\"schemaVersion\":\"V202012\"}]");
        JsonNode fraud = PublishedJson.read(
                folder.resolve("rules/fraudcheck/anyclient/shouldMarkClientAsFraud.request.schema.json"));
        assertThat(fraud.get("required").toString()).isEqualTo("[\"client.id\",\"loanAmount\"]");
        assertThat(fraud.get("properties").toString())
                .isEqualTo("{\"client.id\":{\"type\":\"string\",\"pattern\":"
                        + "\"^(?:[0-9]{10})(?![\\\\s\\\\S])\"},\"loanAmount\":{\"const\":99999}}");
        JsonNode buy = PublishedJson.read(folder.resolve(
                "rules/credits/packs/buy/purchasable/shouldStartACheckoutForAnActivePack.request.schema.json"));
        assertThat(buy.get("properties").toString())
                .isEqualTo("{\"packId\":{\"type\":\"string\",\"pattern\":\"^(?:pack-[1-3])(?![\\\\s\\\\S])\"}}");
    }

    @Test
    void numberPatternsWithAnExactMeaningArePublishedAsBounds() {
        Path folder = EditedContracts.uneditedWithOtherEndpoints().root();

        JsonNode loan =
                PublishedJson.read(folder.resolve("rules/loans/open/shouldCreateALoanApplication.request.schema.json"));
        assertThat(loan.at("/properties/amount").toString()).isEqualTo("{\"type\":\"integer\",\"minimum\":10}");
        JsonNode matchers = PublishedJson.read(
                folder.resolve("rules/matchers/anyvalue/shouldAcceptValuesMatchingTheirPatterns.request.schema.json"));
        assertThat(matchers.at("/properties/duck").toString())
                .isEqualTo("{\"type\":\"integer\",\"minimum\":100,\"maximum\":999}");
        assertThat(matchers.at("/properties/date/pattern").asString())
                .isEqualTo("^(?:([0-9][0-9][0-9][0-9])-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01]))(?![\\s\\S])");
        JsonNode books =
                PublishedJson.read(folder.resolve("rules/books/shelved/shouldReturnEveryBookOnTheShelf.schema.json"));
        assertThat(books.at("/items/properties/year").toString())
                .isEqualTo("{\"type\":\"integer\",\"minimum\":1000,\"maximum\":9999}");
    }

    @Test
    void digitPatternsMeanTheIntegersWhoseDecimalTextTheyMatch() {
        assertThat(ContractRules.digits("[1-9][0-9]+"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("10..null");
        assertThat(ContractRules.digits("[0-9]{3}"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("100..999");
        assertThat(ContractRules.digits("\\d{1,3}"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("0..999");
        assertThat(ContractRules.digits("[1-9]\\d?"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("1..99");
        assertThat(ContractRules.digits("-?[0-9]{1,2}"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("-99..99");
        assertThat(ContractRules.digits("-[0-9]+"))
                .extracting(r -> r.minimum() + ".." + r.maximum())
                .isEqualTo("null..-1");
        // Not one range of integers: 1..9 and 10..99 with a gap, both signs without zero, a digit anywhere but first.
        assertThat(ContractRules.digits("-?[1-9][0-9]*")).isNull();
        assertThat(ContractRules.digits("[0-9][1-9]")).isNull();
        assertThat(ContractRules.digits("[0-9]+\\.[0-9]{2}")).isNull();
        assertThat(ContractRules.digits("[0-9]{0}")).isNull();
    }

    @Test
    void theBuyEndpointAnswersInItsOwnScenarioAndSwitchingOneEndpointLeavesTheOther() throws Exception {
        PublishedStubs published = EditedContracts.uneditedWithOtherEndpoints();
        Path folder = published.root();
        WireMockServer stubs = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .usingFilesUnderDirectory(folder.toString())
                .notifier(new Notifier() {
                    @Override
                    public void info(String message) {}

                    @Override
                    public void error(String message) {}

                    @Override
                    public void error(String message, Throwable cause) {}
                }));
        stubs.start();
        try {
            String base = "http://127.0.0.1:" + stubs.port();
            assertThat(response(base, "GET", "/credits/packs", null)).isEqualTo("200 " + catalog(published));
            assertThat(response(base, "POST", BUY, "{\"packId\": \"pack-2\"}"))
                    .startsWith("200 {\"success\":true,\"data\":{\"checkoutId\"");
            assertThat(response(base, "POST", BUY, "{\"packId\": \"pack-9\"}"))
                    .startsWith("404 {\"success\":false,\"error_code\":\"PACK_NOT_FOUND\"");
            assertThat(response(base, "POST", BUY, "{}"))
                    .startsWith("400 {\"success\":false,\"error_code\":\"VALIDATION_ERROR\"");
            assertThat(response(base, "POST", BUY, "no json")).startsWith("404 ");

            stubs.setScenarioState("credit-packs", "storefailure");
            assertThat(response(base, "GET", "/credits/packs", null)).startsWith("500 ");
            assertThat(response(base, "POST", BUY, "{\"packId\": \"pack-2\"}")).startsWith("200 {\"success\":true,");

            stubs.resetScenarios();
            stubs.setScenarioState("credit-packs-buy", "checkoutdown");
            assertThat(response(base, "GET", "/credits/packs", null)).isEqualTo("200 " + catalog(published));
            assertThat(response(base, "POST", BUY, "{\"packId\": \"pack-2\"}"))
                    .startsWith("503 {\"success\":false,\"error_code\":\"CHECKOUT_UNAVAILABLE\"");
        } finally {
            stubs.stop();
        }
    }

    @Test
    void aRequestValueGivenOnlyAsAPatternIsRefusedAsItChangesOnEveryBuild() {
        EditedContracts sample = EditedContracts.withOtherEndpoints(work)
                .edit(
                        FRAUD,
                        text -> text.replace(
                                "$(consumer(regex('[0-9]{10}')), producer('0123456789'))", "$(regex('[0-9]{10}'))"));

        assertThatIllegalStateException()
                .isThrownBy(() -> sample.publishTo(work.resolve("published")))
                .withMessageContaining(sample.root().resolve(FRAUD)
                        + ":14: shouldMarkClientAsFraud: the request's body value" + " $['client.id'] (\"")
                .withMessageContaining(
                        "is made up anew on every build (Spring Cloud Contract generates the producer's side of a value"
                                + " given only as a pattern), so the published example request would never stay the same: give the"
                                + " producer's side a value, e.g. $(consumer(regex('[0-9]{10}')), producer('1234567890'))");
    }

    @Test
    void aRequestHeaderGivenAsAnyUuidIsRefusedAsItChangesOnEveryBuild() {
        EditedContracts sample = EditedContracts.copy(work)
                .edit(
                        EditedContracts.EMPTY,
                        text -> text.replace(
                                "        urlPath '/credits/packs'",
                                "        urlPath '/credits/packs'\n        headers {\n            header('X-Request-Id', anyUuid())\n        }"));

        assertThatIllegalStateException()
                .isThrownBy(() -> sample.publishTo(work.resolve("published")))
                .withMessageContaining(sample.root().resolve(EditedContracts.EMPTY) + ":")
                .withMessageContaining("X-Request-Id")
                .withMessageContaining("is made up anew on every build");
    }

    @Test
    void aResponseValueTheProducersTestChecksByRunningCodeIsRefusedNamingTheLine() {
        // The reference's fraud sample: rejection.reason: $(consumer(null),
        // producer(execute('assertThatRejectionReasonIsNull($it)'))).
        EditedContracts sample = EditedContracts.withOtherEndpoints(work)
                .edit(
                        FRAUD,
                        text -> text.replace(
                                "'rejection.reason': null",
                                "'rejection.reason': $(consumer(null), producer(execute('assertThatRejectionReasonIsNull($it)')))"));

        assertThatIllegalStateException()
                .isThrownBy(() -> sample.publishTo(work.resolve("published")))
                .withMessageContaining(
                        sample.root().resolve(FRAUD) + ":50: the response body has a value the producer's test checks"
                                + " by running code (execute('assertThatRejectionReasonIsNull($it)')), which cannot be published as a rule: say it"
                                + " with bodyMatchers (byType, byRegex, byEquality, byNull), or leave the value pinned");
    }

    @Test
    void aUnicodePropertyIsRefusedNamingWhyEveryEngineDoesNotReadIt() {
        EditedContracts unicode = EditedContracts.withOtherEndpoints(work)
                .edit(
                        MATCHERS,
                        text -> text.replaceFirst(
                                "jsonPath\\('\\$.alpha', byRegex\\(alphaNumeric\\(\\)\\)\\)",
                                "jsonPath('\\$.alpha', byRegex(onlyAlphaUnicode()))"));

        assertThatIllegalStateException()
                .isThrownBy(() -> unicode.publishTo(work.resolve("published")))
                .withMessageContaining(unicode.root().resolve(MATCHERS)
                        + ":27: byRegex(onlyAlphaUnicode()) on '$.alpha' uses a Unicode"
                        + " property \\p{L}, which Python's re rejects (bad escape \\p) and JavaScript reads only with the u flag"
                        + " (without it, \\p is the letter p); name the characters instead, e.g. [A-Za-z] for ASCII letters: a published"
                        + " rule must mean the same in Java, JavaScript and Python (JSON Schema and OpenAPI validators), so say it"
                        + " without it");
    }

    @Test
    void aResponsesMatcherIsNamedAtItsOwnLineNotAtTheRequestsMatcherOfTheSamePath() {
        EditedContracts unicode = EditedContracts.withOtherEndpoints(work)
                .edit(
                        MATCHERS,
                        text -> text.substring(0, text.indexOf("response {"))
                                + text.substring(text.indexOf("response {"))
                                        .replace("byRegex(alphaNumeric())", "byRegex(onlyAlphaUnicode())"));

        assertThatIllegalStateException()
                .isThrownBy(() -> unicode.publishTo(work.resolve("published")))
                .withMessageContaining(unicode.root().resolve(MATCHERS)
                        + ":51: byRegex(onlyAlphaUnicode()) on '$.alpha' uses a Unicode" + " property \\p{L}");
    }

    @Test
    void anEndpointBelowAnotherWithOneStateAndNoStatesFileIsRefusedRatherThanReadAsAStateOfTheOther() {
        EditedContracts contracts = EditedContracts.withOtherEndpoints(work)
                .delete("credits/packs/buy/checkoutdown/shouldReturnServiceUnavailableWhenCheckoutIsDown.groovy")
                .delete("credits/packs/buy/states.properties");

        assertThatIllegalStateException()
                .isThrownBy(() -> contracts.publishTo(work.resolve("published")))
                .withMessageContaining(
                        contracts
                                        .root()
                                        .resolve(
                                                "credits/packs/buy/purchasable/shouldReturnBadRequestWithoutAPackId.groovy")
                                + ": read as a contract of the state buy of the endpoint "
                                + contracts.root().resolve("credits/packs") + " (its"
                                + " states.properties), kept in a folder below the state's, and no contract sits in the state's folder itself, so"
                                + " it reads just as well as an endpoint of its own, "
                                + contracts.root().resolve("credits/packs/buy")
                                + ", without its states.properties. If it is one, give it "
                                + contracts.root().resolve("credits/packs/buy/states.properties")
                                + " (default=<state>); if it is the state buy, put at least one of its contracts in its folder itself");
    }

    @Test
    void theReferencesContainingSampleIsRefusedAsItsStubRejectsItsOwnRequest() {
        // The reference's query-parameter example: containing('[mf]') is the text "[mf]", which the test's 'mf' does
        // not contain.
        EditedContracts sample = EditedContracts.withOtherEndpoints(work)
                .edit(USERS, text -> text.replace("containing('f')", "containing('[mf]')"));

        assertThatIllegalStateException()
                .isThrownBy(() -> sample.publishTo(work.resolve("published")))
                .withMessageContaining(
                        sample.root().resolve(USERS)
                                + " (shouldListUsersMatchingTheFilter): its own stub does not match"
                                + " the request its test sends (GET /users?filter=email&gender=mf&limit=100&offset=123 [Accept: application/json]):"
                                + " the query parameter gender does not match [mf]; make the example request one the stub accepts");
    }

    @Test
    void publishingTheOtherEndpointsTwiceGivesTheSameBytes() {
        EditedContracts contracts = EditedContracts.withOtherEndpoints(work);

        Map<Path, String> first = StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION)
                .files();
        assertThat(StubPublisher.publish(contracts.root(), EditedContracts.PUBLICATION)
                        .files())
                .isEqualTo(first);
    }

    private static PublishedStub stub(PublishedStubs published, String contract) {
        return published.contracts().stream()
                .filter(stub -> stub.contract().equals(contract))
                .findFirst()
                .orElseThrow();
    }

    private static String catalog(PublishedStubs published) {
        return PublishedJson.MAPPER.writeValueAsString(
                stub(published, "shouldReturnActivePacks").example());
    }

    /** "status body" of one request, the body as compact JSON where it is JSON. */
    private static String response(String base, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String text = response.body();
        try {
            text = PublishedJson.MAPPER.writeValueAsString(PublishedJson.MAPPER.readTree(text));
        } catch (RuntimeException notJson) {
            // as it came
        }
        return response.statusCode() + " " + text;
    }
}
