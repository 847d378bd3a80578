package tech.flashback.creditpacks.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.contract.ContractStubs;
import tech.flashback.creditpacks.gate.ImitationProducer.Answer;
import tech.flashback.creditpacks.gate.RemoteSuite.Outcome;

/**
 * The remote suite ({@code ./mvnw test -Pverify-remote -Dproducer.url=...}) against real servers:
 * our own producer must pass, and a small HTTP server of this test's own, answering with each
 * breaking change a producer could make, must fail with a message that names the problem, while
 * additive changes pass. This table is also the evidence for the contracts' strictness rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class RemoteVerificationTest {

    private static final String CATALOG_CONTRACT = "shouldReturnActivePacks";

    private static ImitationProducer imitation;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startImitationProducer() {
        imitation = ImitationProducer.start();
    }

    @AfterAll
    static void stopImitationProducer() {
        imitation.close();
    }

    @Test
    void ourProducerPassesAndTheStoreFailureContractIsReportedAsNotRun() {
        List<Outcome> outcomes = RemoteSuite.runAgainst("http://127.0.0.1:" + port);

        assertThat(outcomes).extracting(Outcome::contract, Outcome::status).containsExactlyInAnyOrder(
                tuple(CATALOG_CONTRACT, "PASSED"),
                tuple("shouldReturnInternalErrorWhenStoreFails", "NOT_RUN"));
        assertThat(outcomes).filteredOn(outcome -> outcome.status().equals("NOT_RUN")).singleElement()
                .extracting(Outcome::message).asString()
                .contains("NOT RUN: contract shouldReturnInternalErrorWhenStoreFails");
    }

    @Test
    void anUnreachableProducerFails() {
        assertThat(catalogOutcome("http://127.0.0.1:" + FreePort.next()).status()).isEqualTo("FAILED");
    }

    static Stream<Arguments> breakingChanges() {
        return Stream.of(
                breaking("id renamed", "$.data[0].id: expected a non-empty string, got no such field", eachPack(p -> rename(p, "id", "packId"))),
                breaking("name renamed", "$.data[0].name: expected a non-empty string, got no such field", eachPack(p -> rename(p, "name", "title"))),
                breaking("code renamed", "$.data[0].code: expected a non-empty string, got no such field", eachPack(p -> rename(p, "code", "sku"))),
                breaking("credits renamed", "$.data[0].credits: expected a positive integer, got no such field", eachPack(p -> rename(p, "credits", "amount"))),
                breaking("price renamed", "$.data[0].price: expected a non-negative number, got no such field", eachPack(p -> rename(p, "price", "cost"))),
                breaking("id missing", "$.data[1].id: expected a non-empty string, got no such field", eachPack(p -> p.remove("id"))),
                breaking("name missing", "$.data[2].name: expected a non-empty string, got no such field", eachPack(p -> p.remove("name"))),
                breaking("code missing", "$.data[0].code: expected a non-empty string, got no such field", eachPack(p -> p.remove("code"))),
                breaking("credits missing", "$.data[0].credits: expected a positive integer, got no such field", eachPack(p -> p.remove("credits"))),
                breaking("price missing", "$.data[0].price: expected a non-negative number, got no such field", eachPack(p -> p.remove("price"))),
                breaking("price as a string", "$.data[0].price: expected a non-negative number, got the string \"19.99\"", eachPack(p -> p.put("price", p.get("price").asString()))),
                breaking("price null", "$.data[0].price: expected a non-negative number, got null", eachPack(p -> p.putNull("price"))),
                breaking("credits as a string", "$.data[0].credits: expected a positive integer, got the string \"100\"", eachPack(p -> p.put("credits", p.get("credits").asString()))),
                breaking("credits null", "$.data[0].credits: expected a positive integer, got null", eachPack(p -> p.putNull("credits"))),
                breaking("id empty", "$.data[0].id: expected a non-empty string, got the string \"\"", eachPack(p -> p.put("id", ""))),
                breaking("code empty", "$.data[0].code: expected a non-empty string, got the string \"\"", eachPack(p -> p.put("code", ""))),
                breaking("data missing", "$['data']", body -> body.remove("data")),
                breaking("data null", "$.data: expected a non-empty array of packs, got null", body -> body.putNull("data")),
                breaking("data an object", "$.data: expected a non-empty array of packs, got an object", body -> body.set("data", body.get("data").get(0))),
                breaking("data empty", "$.data: expected a non-empty array of packs, got an empty array", body -> body.putArray("data")),
                breaking("success false", "success", body -> body.put("success", false)),
                breaking("success missing", "success", body -> body.remove("success")),
                Arguments.of("status 201", new Answer(201, "application/json", catalog(body -> { })), "expected: 200"),
                Arguments.of("status 500", new Answer(500, "application/json", catalog(body -> { })), "expected: 200"),
                Arguments.of("non-JSON content type", new Answer(200, "text/plain", catalog(body -> { })), "application/json.*"));
    }

    @ParameterizedTest(name = "{0} fails verification")
    @MethodSource("breakingChanges")
    void breakingChangeFailsWithAMessageNamingTheProblem(String change, Answer broken, String expectedInMessage) {
        imitation.answer(broken);

        Outcome outcome = catalogOutcome(imitation.url());

        System.out.printf("breaking change %-22s -> %s: %s%n", change, outcome.status(), outcome.message().lines().findFirst().orElse("")
                + outcome.message().lines().skip(1).findFirst().map(line -> " " + line.strip()).orElse(""));
        assertThat(outcome.status()).isEqualTo("FAILED");
        assertThat(outcome.message()).contains(expectedInMessage);
    }

    static Stream<Arguments> additiveChanges() {
        return Stream.of(
                additive("a new field on each pack", eachPack(p -> p.put("currency", "USD"))),
                additive("a fourth pack", body -> ((ArrayNode) body.get("data")).addObject()
                        .put("id", "pack-4").put("name", "Pack 4").put("code", "PACK_4").put("credits", 2500).put("price", 199.99)),
                additive("keys in another order", RemoteVerificationTest::reverseKeys),
                additive("other prices", eachPack(p -> p.put("price", 5.5))),
                additive("a new envelope field", body -> body.put("message", "ok")));
    }

    @ParameterizedTest(name = "{0} passes verification")
    @MethodSource("additiveChanges")
    void additiveChangePasses(String change, Answer additive) {
        imitation.answer(additive);

        Outcome outcome = catalogOutcome(imitation.url());

        assertThat(outcome.status()).as(outcome.message()).isEqualTo("PASSED");
    }

    @Test
    void aJsonContentTypeWithCharsetPasses() {
        imitation.answer(new Answer(200, "application/json;charset=UTF-8", catalog(body -> { })));

        assertThat(catalogOutcome(imitation.url()).status()).isEqualTo("PASSED");
    }

    private static Outcome catalogOutcome(String url) {
        return RemoteSuite.runAgainst(url).stream().filter(outcome -> outcome.contract().equals(CATALOG_CONTRACT))
                .findFirst().orElseThrow();
    }

    private static Arguments breaking(String change, String expectedInMessage, Consumer<ObjectNode> mutation) {
        return Arguments.of(change, new Answer(200, "application/json", catalog(mutation)), expectedInMessage);
    }

    private static Arguments additive(String change, Consumer<ObjectNode> mutation) {
        return Arguments.of(change, new Answer(200, "application/json", catalog(mutation)));
    }

    /** The documented catalog (the 200 stub's body) with one change applied. */
    private static String catalog(Consumer<ObjectNode> mutation) {
        ObjectNode body = (ObjectNode) ContractStubs.responseBody(CATALOG_CONTRACT).deepCopy();
        mutation.accept(body);
        return body.toString();
    }

    private static Consumer<ObjectNode> eachPack(Consumer<ObjectNode> change) {
        return body -> body.get("data").forEach(pack -> change.accept((ObjectNode) pack));
    }

    private static void rename(ObjectNode pack, String from, String to) {
        pack.set(to, pack.remove(from));
    }

    private static void reverseKeys(ObjectNode node) {
        List<String> names = node.propertyNames().stream().toList();
        for (int i = names.size() - 1; i >= 0; i--) {
            JsonNode value = node.remove(names.get(i));
            if (value instanceof ObjectNode object) {
                reverseKeys(object);
            } else if (value instanceof ArrayNode array) {
                array.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        reverseKeys(object);
                    }
                });
            }
            node.set(names.get(i), value);
        }
    }
}
