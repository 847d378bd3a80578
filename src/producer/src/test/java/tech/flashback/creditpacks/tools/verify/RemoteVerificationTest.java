package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.cli.ContractTools;
import tech.flashback.creditpacks.tools.published.BodyRules;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.published.ResponseRules;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Remote verification ({@code ./mvnw test -Pverify-remote -Dproducer.url=... [-Dproducer.states.url=...]})
 * against real servers: our own producer, with its state hook, passes every contract; an
 * imitation producer of this test's own fails with a message naming the contract and what
 * differed for each breaking change a producer could make, and passes each additive one. The
 * breaking-change table is the README's. The imitation is verified against the tools' fixture
 * contracts ({@link FixtureStubs}), our producer against this repository's.
 */
@PatientStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // A database of its own: the hook rewrites and breaks it while other test classes read theirs.
        properties = {
            "server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:verification-${random.uuid};DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles(StateHookController.PROFILE)
class RemoteVerificationTest {

    /** This repository's public contracts, as the build published them: what our own producer is verified against. */
    private static final PublishedStubs PUBLISHED =
            PublishedStubs.read(Path.of(System.getProperty("published.stubs"))).publicOnly();
    /** The tools' fixture contracts: the imitation producer's runs, and the table of breaking changes below, are theirs. */
    private static final PublishedStubs FIXTURE = FixtureStubs.PUBLISHED;

    private static final String CATALOG = "shouldReturnActivePacks";
    private static final String FAILURE = "shouldReturnInternalErrorWhenStoreFails";
    private static final ContractVerification VERIFICATION =
            new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT));

    private ImitationProducer imitation;

    @LocalServerPort
    int port;

    @BeforeEach
    void startImitationProducer() {
        imitation = ImitationProducer.start();
    }

    @AfterEach
    void stopImitationProducer() {
        imitation.close();
    }

    @Test
    void ourProducerWithItsStateHookPassesEveryContractNoneSkipped() {
        String url = "http://127.0.0.1:" + port;

        Report report =
                VERIFICATION.run("the working tree", PUBLISHED, new Target(url, url + StateHookController.PATH));

        int contracts = PUBLISHED.contracts().size();
        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict)
                .containsExactlyInAnyOrder(PUBLISHED.contracts().stream()
                        .map(contract -> tuple(contract.contract(), Verdict.PASSED))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
        assertThat(report.passed()).as(report.render()).isTrue();
        assertThat(report.render()).contains(contracts + " contracts: " + contracts + " passed, 0 failed, 0 not run");
    }

    @Test
    void ourProducerHonoursEveryConsumersContractsTooOverHttp() {
        String url = "http://127.0.0.1:" + port;
        PublishedStubs everyone = PublishedStubs.read(PUBLISHED.root());

        Report report = VERIFICATION.run("the working tree", everyone, new Target(url, url + StateHookController.PATH));

        assertThat(report.passed()).as(report.render()).isTrue();
        assertThat(report.outcomes()).extracting(Outcome::owner).contains("java-client");
        assertThat(report.count(Verdict.PASSED)).isEqualTo(everyone.contracts().size());
    }

    @Test
    void withoutAStateHookOnlyTheDefaultStateRunsAndEveryOtherContractIsNamedAsNotRun() {
        String url = "http://127.0.0.1:" + port;

        Report report = VERIFICATION.run("the working tree", PUBLISHED, new Target(url, null));

        List<PublishedStub> stateBound = PUBLISHED.contracts().stream()
                .filter(contract -> !contract.inDefaultState())
                .toList();
        assertThat(stateBound).as("contracts in states other than the default").isNotEmpty();
        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict)
                .containsExactlyInAnyOrder(PUBLISHED.contracts().stream()
                        .map(contract -> tuple(
                                contract.contract(), contract.inDefaultState() ? Verdict.PASSED : Verdict.NOT_RUN))
                        .toArray(org.assertj.core.groups.Tuple[]::new));
        for (PublishedStub contract : stateBound) {
            assertThat(report.render())
                    .contains("    NOT RUN  " + contract.contract() + "\n"
                            + "             needs the producer in state " + contract.state()
                            + ": name its state hook with --states URL"
                            + " (-Dproducer.states.url=URL; Pact's state-change requests)");
        }
        assertThat(report.passed()).isTrue();
        assertThat(report.render())
                .endsWith("PASSED: the producer honours the contracts of the working tree that ran; "
                        + stateBound.size() + " did not run (named above)\n");
    }

    @Test
    void aRunInWhichNoContractRanIsNotAPass() {
        PublishedStubs onlyStateBound = new PublishedStubs(
                FIXTURE.root(),
                FIXTURE.stubs().stream().filter(stub -> !stub.inDefaultState()).toList());

        Report report = VERIFICATION.run("the working tree", onlyStateBound, new Target(imitation.url(), null));

        assertThat(report.count(Verdict.NOT_RUN)).isEqualTo(3);
        assertThat(report.passed()).isFalse();
        assertThat(report.render()).endsWith("FAILED: no contract of the working tree ran\n");
    }

    @Test
    void aProducerDrivenThroughItsHookIsAskedForEachStateInPactsShape() {
        imitation.answer(
                ImitationProducer.canned(200, "application/json", body(CATALOG).toString()));

        VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        assertThat(imitation.hookCalls())
                .containsExactly(
                        "setup available",
                        "teardown available",
                        "setup noactivepacks",
                        "teardown noactivepacks",
                        "setup retiredpacks",
                        "teardown retiredpacks",
                        "setup storefailure",
                        "teardown storefailure");
    }

    static Stream<Arguments> storeFailuresThatBreakTheContract() {
        return Stream.of(
                Arguments.of(
                        "an HTML error page",
                        ImitationProducer.canned(500, "text/html", "<html><body>Internal Server Error</body></html>"),
                        "header Content-Type: expected a value matching application/json.* (and UTF-8, if it names a charset), got \"text/html\""),
                Arguments.of(
                        "another error_code",
                        ImitationProducer.canned(
                                500,
                                "application/json",
                                "{\"success\":false,\"error_code\":\"DB_DOWN\",\"message\":\"Failed to retrieve credit packs\"}"),
                        "$.error_code: expected exactly \"INTERNAL_ERROR\", got the string \"DB_DOWN\""),
                Arguments.of(
                        "the catalog",
                        ImitationProducer.canned(
                                200, "application/json", body(CATALOG).toString()),
                        "status: expected 500, got 200"));
    }

    @ParameterizedTest(name = "a store failure answered with {0} fails, naming the contract")
    @MethodSource("storeFailuresThatBreakTheContract")
    void aStoreFailureAnsweredWrongFailsNamingTheContractAndWhatDiffered(
            String change, ImitationProducer.Response wrong, String expectedInMessage) {
        imitation
                .answer(ImitationProducer.canned(
                        200, "application/json", body(CATALOG).toString()))
                .answerIn(
                        "noactivepacks",
                        ImitationProducer.canned(
                                200,
                                "application/json",
                                body("shouldReturnNoPacksWhenNoneIsActive").toString()))
                .answerIn("storefailure", wrong);

        Report report =
                VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        Outcome failure = outcome(report, FAILURE);
        assertThat(failure.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(failure.details()).startsWith("GET /credits/packs answered ").contains(expectedInMessage);
        assertThat(report.render()).contains("    FAILED   " + FAILURE + "\n").contains(expectedInMessage);
        assertThat(outcome(report, CATALOG).verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aStateSetupThatFailsFailsThatStatesContractsNamingTheStateAndTheAnswer() {
        imitation
                .answer(ImitationProducer.canned(
                        200, "application/json", body(CATALOG).toString()))
                .hookAnswersFor("storefailure", ImitationProducer.canned(404, "text/plain", "unknown state"));

        Report report =
                VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        assertThat(outcome(report, FAILURE).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(outcome(report, FAILURE).details())
                .isEqualTo("state storefailure setup: POST " + imitation.statesUrl() + " answered 404 unknown state");
        assertThat(report.passed()).isFalse();
    }

    static Stream<Arguments> breakingChanges() {
        return Stream.of(
                breaking(
                        "id renamed",
                        "$.data[0].id: expected a value (the field is required), got no such field",
                        eachPack(p -> rename(p, "id", "packId"))),
                breaking(
                        "name renamed",
                        "$.data[0].name: expected a value (the field is required), got no such field",
                        eachPack(p -> rename(p, "name", "title"))),
                breaking(
                        "code renamed",
                        "$.data[0].code: expected a value (the field is required), got no such field",
                        eachPack(p -> rename(p, "code", "sku"))),
                breaking(
                        "credits renamed",
                        "$.data[0].credits: expected a value (the field is required), got no such field",
                        eachPack(p -> rename(p, "credits", "amount"))),
                breaking(
                        "price renamed",
                        "$.data[0].price: expected a value (the field is required), got no such field",
                        eachPack(p -> rename(p, "price", "cost"))),
                breaking(
                        "id missing on the second pack",
                        "$.data[1].id: expected a value (the field is required)",
                        onePack(1, p -> p.remove("id"))),
                breaking(
                        "name missing on the last pack",
                        "$.data[2].name: expected a value (the field is required)",
                        onePack(2, p -> p.remove("name"))),
                breaking(
                        "price as a string",
                        "$.data[0].price: expected a number, got the string \"19.99\"",
                        eachPack(p -> p.put("price", p.get("price").asString()))),
                breaking(
                        "price null on the last pack",
                        "$.data[2].price: expected a number, got null",
                        onePack(2, p -> p.putNull("price"))),
                breaking(
                        "price negative",
                        "$.data[0].price: expected at least 0, got the number -1",
                        onePack(0, p -> p.put("price", -1))),
                breaking(
                        "credits as a string",
                        "$.data[0].credits: expected an integer, got the string \"100\"",
                        eachPack(p -> p.put("credits", p.get("credits").asString()))),
                breaking(
                        "credits zero",
                        "$.data[1].credits: expected at least 1, got the number 0",
                        onePack(1, p -> p.put("credits", 0))),
                breaking(
                        "credits a decimal",
                        "$.data[0].credits: expected an integer, got the number 100.5",
                        onePack(0, p -> p.put("credits", 100.5))),
                breaking(
                        "id empty",
                        "$.data[0].id: expected a string with a non-blank character, got the string \"\"",
                        eachPack(p -> p.put("id", ""))),
                breaking(
                        "name a tab",
                        "$.data[1].name: expected a string with a non-blank character, got the string \"\\t\"",
                        onePack(1, p -> p.put("name", "\t"))),
                breaking(
                        "data missing",
                        "$.data: expected a value (the field is required), got no such field (fields: success)",
                        body -> body.remove("data")),
                breaking("data null", "$.data: expected an array, got null", body -> body.putNull("data")),
                breaking(
                        "data an object",
                        "$.data: expected an array, got an object",
                        body -> body.set("data", body.get("data").get(0))),
                breaking(
                        "data empty",
                        "$.data: expected at least 1 element(s), got an empty array",
                        body -> body.putArray("data")),
                breaking(
                        "success false",
                        "$.success: expected exactly true, got the boolean false",
                        body -> body.put("success", false)),
                breaking(
                        "success missing",
                        "$.success: expected a value (the field is required)",
                        body -> body.remove("success")),
                Arguments.of(
                        "status 201",
                        ImitationProducer.canned(201, "application/json", catalog(body -> {})),
                        "status: expected 200, got 201"),
                Arguments.of(
                        "status 500",
                        ImitationProducer.canned(500, "application/json", catalog(body -> {})),
                        "status: expected 200, got 500"),
                Arguments.of(
                        "a text content type",
                        ImitationProducer.canned(200, "text/plain", catalog(body -> {})),
                        "header Content-Type: expected a value matching application/json.* (and UTF-8, if it names a charset), got \"text/plain\""),
                Arguments.of(
                        "a body that is not JSON",
                        ImitationProducer.canned(200, "application/json", "packs: 3"),
                        "body: expected a JSON document, got \"packs: 3\""),
                Arguments.of(
                        "another media type that starts alike",
                        ImitationProducer.canned(200, "application/jsonp", catalog(body -> {})),
                        "header Content-Type: expected a value matching application/json.* (and UTF-8, if it names a charset), got \"application/jsonp\""),
                Arguments.of(
                        "a charset other than UTF-8",
                        ImitationProducer.canned(200, "application/json;charset=UTF-16", catalog(body -> {})),
                        "got \"application/json;charset=UTF-16\""),
                Arguments.of(
                        "two content types",
                        (ImitationProducer.Response) exchange -> {
                            byte[] body = catalog(b -> {}).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.getResponseHeaders().add("Content-Type", "text/html");
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                        },
                        "header Content-Type: expected one value, got 2 headers"));
    }

    @ParameterizedTest(name = "{0} fails verification")
    @MethodSource("breakingChanges")
    void aBreakingChangeFailsWithTheJsonPathTheExpectationAndTheActualValue(
            String change, ImitationProducer.Response broken, String expectedInMessage) {
        imitation.answer(broken);

        Outcome outcome =
                outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG);

        assertThat(outcome.verdict()).as(outcome.details()).isEqualTo(Verdict.FAILED);
        assertThat(outcome.details()).contains(expectedInMessage);
    }

    static Stream<Arguments> additiveChanges() {
        return Stream.of(
                additive("a new field on each pack", eachPack(p -> p.put("currency", "USD"))),
                additive(
                        "a fourth pack",
                        body -> ((ArrayNode) body.get("data"))
                                .addObject()
                                .put("id", "pack-4")
                                .put("name", "Pack 4")
                                .put("code", "PACK_4")
                                .put("credits", 2500)
                                .put("price", 199.99)),
                additive("a single pack", body -> ((ArrayNode) body.get("data")).remove(2)),
                additive("keys in another order", RemoteVerificationTest::reverseKeys),
                additive("other prices and a free pack", onePack(0, p -> p.put("price", 0))),
                additive("a whole-number price", onePack(1, p -> p.put("price", 50))),
                additive("a new envelope field", body -> body.put("message", "ok")));
    }

    @ParameterizedTest(name = "{0} passes verification")
    @MethodSource("additiveChanges")
    void anAdditiveChangePasses(String change, ImitationProducer.Response additive) {
        imitation.answer(additive);

        Outcome outcome =
                outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG);

        assertThat(outcome.verdict()).as(outcome.details()).isEqualTo(Verdict.PASSED);
    }

    @ParameterizedTest(name = "Content-Type {0} passes")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"application/json;charset=UTF-8", "Application/JSON", "application/json; charset=\"utf-8\""})
    void aJsonContentTypeInAnySpellingWithAUtf8CharsetPasses(String contentType) {
        imitation.answer(ImitationProducer.canned(200, contentType, catalog(body -> {})));

        assertThat(outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG)
                        .verdict())
                .isEqualTo(Verdict.PASSED);
    }

    static Stream<Arguments> bodiesNotInUtf8() {
        String catalog = catalog(body -> {});
        String cafe = catalog(onePack(0, p -> p.put("name", "Café")));
        int e = cafe.indexOf("Café") + 3;
        byte[] utf8 = catalog.getBytes(StandardCharsets.UTF_8);
        int name = catalog.indexOf("Pack 1");
        return Stream.of(
                Arguments.of("UTF-16LE", catalog.getBytes(StandardCharsets.UTF_16LE), "UTF-16LE (no byte order mark)"),
                Arguments.of("UTF-16BE", catalog.getBytes(StandardCharsets.UTF_16BE), "UTF-16BE (no byte order mark)"),
                Arguments.of(
                        "UTF-16 with a byte order mark",
                        catalog.getBytes(StandardCharsets.UTF_16),
                        "UTF-16BE (with a byte order mark)"),
                Arguments.of(
                        "UTF-16LE with a byte order mark",
                        join(bytes(0xFF, 0xFE), catalog.getBytes(StandardCharsets.UTF_16LE)),
                        "UTF-16LE (with a byte order mark)"),
                Arguments.of(
                        "UTF-32LE", catalog.getBytes(Charset.forName("UTF-32LE")), "UTF-32LE (no byte order mark)"),
                Arguments.of(
                        "UTF-32BE", catalog.getBytes(Charset.forName("UTF-32BE")), "UTF-32BE (no byte order mark)"),
                Arguments.of(
                        "UTF-32LE with a byte order mark",
                        join(bytes(0xFF, 0xFE, 0x00, 0x00), catalog.getBytes(Charset.forName("UTF-32LE"))),
                        "UTF-32LE (with a byte order mark)"),
                Arguments.of(
                        "UTF-32BE with a byte order mark",
                        join(bytes(0x00, 0x00, 0xFE, 0xFF), catalog.getBytes(Charset.forName("UTF-32BE"))),
                        "UTF-32BE (with a byte order mark)"),
                Arguments.of(
                        "UTF-8 with a byte order mark",
                        join(bytes(0xEF, 0xBB, 0xBF), utf8),
                        "UTF-8 with a byte order mark, which senders must not add"),
                Arguments.of(
                        "ISO-8859-1",
                        cafe.getBytes(StandardCharsets.ISO_8859_1),
                        "bytes that are not UTF-8 (0xE9 at byte " + e + ", after \"" + cafe.substring(e - 30, e)
                                + "\")"),
                Arguments.of(
                        "CESU-8 (a surrogate encoded on its own)",
                        replaced(utf8, name, bytes(0xED, 0xA0, 0x80)),
                        "bytes that are not UTF-8 (0xED 0xA0 0x80 at byte " + name + ", after \""
                                + catalog.substring(name - 30, name) + "\")"),
                Arguments.of(
                        "an overlong encoding of /",
                        replaced(utf8, name, bytes(0xC0, 0xAF)),
                        "bytes that are not UTF-8 (0xC0 at byte " + name + ", after \""
                                + catalog.substring(name - 30, name) + "\")"),
                Arguments.of(
                        "a character cut off by the end of the body",
                        join(utf8, bytes(0xE2, 0x82)),
                        "bytes that are not UTF-8 (0xE2 0x82 at byte " + utf8.length + ", after \""
                                + catalog.substring(catalog.length() - 30) + "\")"));
    }

    @ParameterizedTest(name = "a JSON body in {0} fails, naming what it is")
    @MethodSource("bodiesNotInUtf8")
    void aJsonBodyNotInUtf8FailsNamingTheEncodingFound(String encoding, byte[] body, String found) {
        imitation.answer(ImitationProducer.canned(200, "application/json", body));

        Outcome outcome =
                outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(outcome.details())
                .isEqualTo("GET /credits/packs answered 200:\n"
                        + "body: expected a JSON document in UTF-8 (RFC 8259 §8.1), got " + found + "\n");
    }

    @Test
    void aUtf8BodyWithCharactersBeyondAsciiPasses() {
        imitation.answer(ImitationProducer.canned(
                200,
                "application/json",
                catalog(eachPack(
                        p -> p.put("name", "Paquete ñ € 𝄞 " + p.get("name").asString())))));

        Outcome outcome =
                outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG);

        assertThat(outcome.verdict()).as(outcome.details()).isEqualTo(Verdict.PASSED);
    }

    static Stream<Arguments> numbersTheRulesMustStillJudge() {
        return Stream.of(
                Arguments.of(
                        "credits beyond a double",
                        "credits",
                        "1e400",
                        "$.data[0].credits: expected an integer, got the number 1E+400, beyond the range of a double (RFC 8259 §6),"
                                + " which JavaScript reads as Infinity"),
                Arguments.of(
                        "a price beyond a double",
                        "price",
                        "1e400",
                        "$.data[0].price: expected a number, got the number 1E+400, beyond the range of a double (RFC 8259 §6),"
                                + " which JavaScript reads as Infinity"),
                Arguments.of(
                        "credits of 401 digits",
                        "credits",
                        "1" + "0".repeat(400),
                        "$.data[0].credits: expected an integer, got the number 1" + "0".repeat(79)
                                + "... (401 characters),"
                                + " beyond the range of a double (RFC 8259 §6), which JavaScript reads as Infinity"),
                Arguments.of(
                        "credits below a long",
                        "credits",
                        "-1e19",
                        "$.data[0].credits: expected at least 1, got the number -1E+19"),
                Arguments.of(
                        "credits below a double",
                        "credits",
                        "-1e400",
                        "$.data[0].credits: expected at least 1, got the number -1E+400"),
                Arguments.of(
                        "an exponent beyond any decimal",
                        "credits",
                        "1e99999999999",
                        "body: expected a JSON document whose numbers can be compared, got a number beyond any range: 1e99999999999"),
                Arguments.of(
                        "credits of 1001 digits",
                        "credits",
                        "1" + "0".repeat(1000),
                        "body: expected a JSON document within the reader's limits, got Number value length (1001) exceeds the maximum"
                                + " allowed (1000, from `StreamReadCo... (112 characters)"));
    }

    @ParameterizedTest(name = "{0} is a problem on that contract")
    @MethodSource("numbersTheRulesMustStillJudge")
    void aNumberTheRulesCannotTakeIsAProblemOnThatContractAndTheRunGoesOn(
            String change, String field, String number, String problem) {
        answerAsTheStubs(imitation)
                .answerIn("available", ImitationProducer.canned(200, "application/json", withRawValue(field, number)));

        Report report =
                VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict, Outcome::details)
                .containsExactly(
                        tuple(CATALOG, Verdict.FAILED, "GET /credits/packs answered 200:\n" + problem + "\n"),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", Verdict.PASSED, ""),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", Verdict.PASSED, ""),
                        tuple(FAILURE, Verdict.PASSED, ""));
        assertThat(imitation.hookCalls()).isEqualTo(EVERY_STATE_SET_UP_AND_TORN_DOWN);
        assertThat(report.render()).contains("4 contracts: 3 passed, 1 failed, 0 not run");
    }

    @ParameterizedTest(name = "credits of {0} pass: numbers are compared exactly, whatever their size")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"1e19", "1E+300", "100000000000000000000000000000", "100.0"})
    void anIntegerBeyondALongIsComparedExactly(String credits) {
        imitation.answer(ImitationProducer.canned(200, "application/json", withRawValue("credits", credits)));

        Outcome outcome =
                outcome(VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), null)), CATALOG);

        assertThat(outcome.verdict()).as(outcome.details()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void rulesTheValidatorCannotApplyFailThatContractNamingWhyAndEveryStateIsStillTornDown() {
        answerAsTheStubs(imitation);
        PublishedStubs unresolvable = withBodyRules(FIXTURE, CATALOG, "{\"$ref\": \"#/$defs/missing\"}");

        Report report =
                VERIFICATION.run("the working tree", unresolvable, new Target(imitation.url(), imitation.statesUrl()));

        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict, Outcome::details)
                .containsExactly(
                        tuple(
                                CATALOG,
                                Verdict.FAILED,
                                "GET /credits/packs answered 200, which could not be judged:"
                                        + " InvalidSchemaRefException: Reference /$defs/missing cannot be resolved"),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", Verdict.PASSED, ""),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", Verdict.PASSED, ""),
                        tuple(FAILURE, Verdict.PASSED, ""));
        assertThat(imitation.hookCalls()).isEqualTo(EVERY_STATE_SET_UP_AND_TORN_DOWN);
        assertThat(report.render())
                .doesNotContain("\tat ")
                .endsWith("FAILED: the producer at " + imitation.url()
                        + " breaks contracts of the working tree; it breaks: public contract\n");
    }

    @Test
    void aStateSetUpIsTornDownWhenItsProducerStopsAnswering() {
        String nobody = "http://127.0.0.1:" + FreePort.next();

        Report report = VERIFICATION.run("the working tree", FIXTURE, new Target(nobody, imitation.statesUrl()));

        String refused = "GET " + nobody + "/credits/packs: cannot connect (connection refused)";
        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::details)
                .containsExactly(
                        tuple(CATALOG, refused),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", "not tried, no answer came: " + refused),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", "not tried, no answer came: " + refused),
                        tuple(FAILURE, "not tried, no answer came: " + refused));
        assertThat(imitation.hookCalls()).containsExactly("setup available", "teardown available");
    }

    @Test
    void aStateSetUpIsTornDownWhenTheRunsTimeIsUsedUpInIt() {
        answerAsTheStubs(imitation);
        AtomicLong nanoTime = new AtomicLong();
        imitation.hookAnswersTo("setup noactivepacks", exchange -> {
            // The hook's setup takes the rest of the run's time, as a slow hook on a slow machine would.
            nanoTime.addAndGet(HttpProbe.Limits.DEFAULT.run().plusSeconds(1).toNanos());
            ImitationProducer.canned(200, "application/json", "{}").send(exchange);
        });

        Report report = new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT), nanoTime::get)
                .run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        String usedUp = "not tried, no answer came: the verification's 30 s for the producer's answers are used up";
        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict, Outcome::details)
                .containsExactly(
                        tuple(CATALOG, Verdict.PASSED, ""),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", Verdict.FAILED, usedUp),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", Verdict.FAILED, usedUp),
                        tuple(FAILURE, Verdict.FAILED, usedUp));
        assertThat(imitation.hookCalls())
                .containsExactly(
                        "setup available", "teardown available", "setup noactivepacks", "teardown noactivepacks");
    }

    @Test
    void aTeardownThatFailsIsReportedAndFailsTheRun() {
        answerAsTheStubs(imitation)
                .hookAnswersTo(
                        "teardown retiredpacks",
                        ImitationProducer.canned(500, "text/plain", "cannot restore the catalog"));

        Report report =
                VERIFICATION.run("the working tree", FIXTURE, new Target(imitation.url(), imitation.statesUrl()));

        assertThat(report.count(Verdict.PASSED)).isEqualTo(4);
        assertThat(report.hookFailures())
                .containsExactly("state retiredpacks teardown: POST " + imitation.statesUrl()
                        + " answered 500 cannot restore the catalog");
        assertThat(report.passed()).isFalse();
        assertThat(report.render())
                .contains("  FAILED   state retiredpacks teardown: POST " + imitation.statesUrl() + " answered 500")
                .endsWith("FAILED: the producer at " + imitation.url() + " breaks contracts of the working tree\n");
        assertThat(imitation.hookCalls()).isEqualTo(EVERY_STATE_SET_UP_AND_TORN_DOWN);
    }

    @Test
    void credentialsInTheUrlsAreSentAsBasicAuthenticationToEachAndNeverShown() {
        answerAsTheStubs(imitation);
        Target target = new Target(
                withUserInfo(imitation.url(), "admin:s3cret"), withUserInfo(imitation.statesUrl(), "hook:t0k%40n"));

        Report report = VERIFICATION.run("the working tree", FIXTURE, target);

        assertThat(report.count(Verdict.PASSED)).as(report.render()).isEqualTo(4);
        assertThat(imitation.authorizations()).hasSize(4).containsOnly("Basic " + base64("admin:s3cret"));
        assertThat(imitation.hookAuthorizations()).hasSize(8).containsOnly("Basic " + base64("hook:t0k@n"));
        assertThat(report.render())
                .startsWith("Contracts of the working tree against " + withUserInfo(imitation.url(), "admin:***")
                        + " (state hook " + withUserInfo(imitation.statesUrl(), "hook:***") + ")\n");
        assertNoSecretIn(report.render());
    }

    @Test
    void noFailureShowsThePasswordOfAUrl() {
        String nobody = withUserInfo("http://127.0.0.1:" + FreePort.next(), "admin:s3cret");
        imitation.hookAnswersFor("available", ImitationProducer.canned(404, "text/plain", "unknown state"));

        Report refused = VERIFICATION.run("the working tree", FIXTURE, new Target(nobody, null));
        Report setupFailed = VERIFICATION.run(
                "the working tree",
                FIXTURE,
                new Target(
                        withUserInfo(imitation.url(), "admin:s3cret"),
                        withUserInfo(imitation.statesUrl(), "hook:t0k%40n")));

        assertThat(outcome(refused, CATALOG).details())
                .isEqualTo("GET " + nobody.replace("s3cret", "***")
                        + "/credits/packs: cannot connect (connection refused)");
        assertThat(refused.render())
                .endsWith("FAILED: the producer at " + nobody.replace("s3cret", "***")
                        + " breaks contracts of the working tree; it breaks: public contract\n");
        assertThat(outcome(setupFailed, CATALOG).details())
                .isEqualTo("state available setup: POST " + withUserInfo(imitation.statesUrl(), "hook:***")
                        + " answered 404 unknown state");
        assertNoSecretIn(refused.render());
        assertNoSecretIn(setupFailed.render());
    }

    static Stream<Arguments> urlsWithCredentialsThatAreRefused() {
        return Stream.of(
                Arguments.of(
                        "http://admin:s3cret@127.0.0.1:8080/?x=1",
                        "-Dproducer.url=http://admin:***@127.0.0.1:8080/?x=1 is not a base URL: give http(s)://host[:port][/path], without a query or fragment"),
                Arguments.of(
                        "admin:s3cret@127.0.0.1:8080",
                        "-Dproducer.url=***@127.0.0.1:8080 is not a base URL: give http(s)://host[:port][/path], without a query or fragment"),
                Arguments.of(
                        "http://admin:s3c ret@127.0.0.1:8080",
                        "-Dproducer.url=http://***@127.0.0.1:8080 is not a URL: Illegal character in authority"),
                Arguments.of(
                        "http://admin:s3cret@127.0.0.1@8080",
                        "-Dproducer.url=http://***@8080 is not a base URL:"
                                + " give http(s)://host[:port][/path], without a query or fragment"),
                Arguments.of(
                        "ftp://s3cret@127.0.0.1",
                        "-Dproducer.url=ftp://***@127.0.0.1 is not a base URL:"
                                + " give http(s)://host[:port][/path], without a query or fragment"));
    }

    @ParameterizedTest(name = "{0} is refused without showing its password")
    @MethodSource("urlsWithCredentialsThatAreRefused")
    void aUrlWithCredentialsThatIsRefusedDoesNotShowThem(String url, String message) {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpProbe.baseUrl(ToolProperties.PRODUCER_URL, url))
                .withMessage(message);
    }

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void theVerifyCommandShowsNoPasswordInItsReportOrItsFailure() {
        String nobody = "http://admin:s3cret@127.0.0.1:" + FreePort.next();
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ContractTools.run(
                    "verify", "--producer", nobody, "--stubs", FIXTURE.root().toString());
        } finally {
            System.setOut(console);
        }

        assertThat(exit).isEqualTo(ContractTools.Exit.FAILED.code);
        // Other test classes' servers may log to the same console meanwhile: the report is one print among them.
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("Contracts of " + FIXTURE.root() + " against " + nobody.replace("s3cret", "***")
                        + " (no state hook)\n"
                        + "  state available\n"
                        + "    FAILED   shouldReturnActivePacks\n"
                        + "             GET " + nobody.replace("s3cret", "***")
                        + "/credits/packs: cannot connect (connection refused)\n");
        assertNoSecretIn(printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aProducerUrlThatIsNotABaseUrlIsRefusedNamingTheProperty() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpProbe.baseUrl(ToolProperties.PRODUCER_URL, "localhost:8080"))
                .withMessage(
                        "-Dproducer.url=localhost:8080 is not a base URL: give http(s)://host[:port][/path], without a query or fragment");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> HttpProbe.baseUrl(ToolProperties.PRODUCER_URL, "http://127.0.0.1:8080/?x=1"));
        assertThat(HttpProbe.baseUrl(ToolProperties.PRODUCER_URL, "http://127.0.0.1:8080/"))
                .isEqualTo("http://127.0.0.1:8080");
    }

    /** Every state's setup and teardown, in order: what the hook receives when every state was set up. */
    static final List<String> EVERY_STATE_SET_UP_AND_TORN_DOWN = List.of(
            "setup available",
            "teardown available",
            "setup noactivepacks",
            "teardown noactivepacks",
            "setup retiredpacks",
            "teardown retiredpacks",
            "setup storefailure",
            "teardown storefailure");

    /** The producer answers in each state as its contract's stub does: an honest producer. */
    static ImitationProducer answerAsTheStubs(ImitationProducer producer) {
        producer.answer(
                ImitationProducer.canned(200, "application/json", body(CATALOG).toString()));
        FIXTURE.contracts()
                .forEach(contract -> producer.answerIn(
                        contract.state(),
                        ImitationProducer.canned(
                                contract.rules().status(),
                                "application/json",
                                contract.example().toString())));
        return producer;
    }

    /** The documented catalog with the first pack's {@code field} written as {@code json}, as is: numbers Jackson would not write. */
    static String withRawValue(String field, String json) {
        String marker = "raw-value-" + field;
        return catalog(onePack(0, p -> p.put(field, marker))).replace("\"" + marker + "\"", json);
    }

    /** {@code published} with one contract's body rules replaced by {@code rules}. */
    static PublishedStubs withBodyRules(PublishedStubs published, String contract, String rules) {
        return new PublishedStubs(
                published.root(),
                published.stubs().stream()
                        .map(stub -> !stub.contract().equals(contract)
                                ? stub
                                : new PublishedStub(
                                        stub.contract(),
                                        stub.consumer(),
                                        stub.state(),
                                        stub.scenario(),
                                        stub.scenarioState(),
                                        stub.request(),
                                        new ResponseRules(
                                                stub.rules().status(),
                                                stub.rules().headers(),
                                                new BodyRules(PublishedJson.MAPPER.readTree(rules))),
                                        stub.requestRules(),
                                        stub.selector(),
                                        stub.example(),
                                        stub.requestMatcher(),
                                        stub.mapping(),
                                        stub.pact()))
                        .toList());
    }

    /** {@code http://user:password@host...} from {@code http://host...}. */
    static String withUserInfo(String url, String userInfo) {
        return url.replace("://", "://" + userInfo + "@");
    }

    static String base64(String credentials) {
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    static void assertNoSecretIn(String text) {
        assertThat(text)
                .doesNotContain("s3cret")
                .doesNotContain("t0k")
                .doesNotContain(base64("admin:s3cret"))
                .doesNotContain(base64("hook:t0k@n"));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static byte[] join(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** {@code bytes} with some of them, from {@code at} on, overwritten by {@code replacement}. */
    private static byte[] replaced(byte[] bytes, int at, byte[] replacement) {
        byte[] copy = bytes.clone();
        System.arraycopy(replacement, 0, copy, at, replacement.length);
        return copy;
    }

    private static Outcome outcome(Report report, String contract) {
        return report.outcomes().stream()
                .filter(outcome -> outcome.contract().equals(contract))
                .findFirst()
                .orElseThrow();
    }

    /** The body a contract's stub answers with: what the contract promises consumers. */
    static JsonNode body(String contract) {
        return FIXTURE.contracts().stream()
                .filter(stub -> stub.contract().equals(contract))
                .findFirst()
                .map(PublishedStub::example)
                .orElseThrow();
    }

    private static Arguments breaking(String change, String expectedInMessage, Consumer<ObjectNode> mutation) {
        return Arguments.of(
                change, ImitationProducer.canned(200, "application/json", catalog(mutation)), expectedInMessage);
    }

    private static Arguments additive(String change, Consumer<ObjectNode> mutation) {
        return Arguments.of(change, ImitationProducer.canned(200, "application/json", catalog(mutation)));
    }

    /** The documented catalog (the 200 stub's body) with one change applied. */
    static String catalog(Consumer<ObjectNode> mutation) {
        ObjectNode body = (ObjectNode) body(CATALOG).deepCopy();
        mutation.accept(body);
        return body.toString();
    }

    private static Consumer<ObjectNode> eachPack(Consumer<ObjectNode> change) {
        return body -> body.get("data").forEach(pack -> change.accept((ObjectNode) pack));
    }

    static Consumer<ObjectNode> onePack(int index, Consumer<ObjectNode> change) {
        return body -> change.accept((ObjectNode) body.get("data").get(index));
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
