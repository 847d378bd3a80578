package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.tools.backcompat.BackcompatGate;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;

/**
 * Producers that misbehave on the wire, met by the remote verification and the backcompat gate
 * with their shipped limits: every failure ends, names the URL and what timed out (by the tools'
 * own 10 s bound) or overflowed, once a producer stops answering nothing more is tried, and the
 * report stays a few lines long whatever the producer sends.
 *
 * <p>How long a run took is printed, not judged: on a busy machine it is the tools' bounds plus
 * whatever the machine adds. A run that does not end at all fails the test after {@link #HANG_GUARD};
 * one that waits out its bound for every contract fails on the contracts it should not have tried
 * (the run's 30 s in all is shown on a clock of the test's own, in RemoteVerificationTest).
 */
// Each case waits out a 10 s bound: side by side, they cost the build one wait, not four.
@Execution(ExecutionMode.CONCURRENT)
class HostileProducerTest {

    /** The tools' fixture contracts: the outcomes and hook calls below are theirs. */
    private static final PublishedStubs FIXTURE = FixtureStubs.PUBLISHED;
    /** Far beyond a run against a producer that stops answering (one 10 s bound, and a teardown's). */
    private static final Duration HANG_GUARD = PatientStore.PATIENCE;

    private static final int REPORT_CHARS = 4_000;
    private static final String CATALOG = "shouldReturnActivePacks";

    private ImitationProducer hostile;
    private ImitationProducer good;

    @BeforeEach
    void startProducers() {
        hostile = ImitationProducer.start();
        good = ImitationProducer.start()
                .answer(ImitationProducer.canned(
                        200,
                        "application/json",
                        RemoteVerificationTest.body("shouldReturnActivePacks").toString()));
    }

    @AfterEach
    void stopProducers() {
        hostile.close();
        good.close();
    }

    static Stream<Arguments> hostileResponses() {
        return Stream.of(
                Arguments.of(
                        "accepts and never answers",
                        (ImitationProducer.Response) exchange -> Thread.sleep(Long.MAX_VALUE),
                        "GET http://127.0.0.1:%d/credits/packs: no complete answer within 10 s (nothing received)"),
                Arguments.of(
                        "sends a byte a second",
                        (ImitationProducer.Response) exchange -> {
                            exchange.sendResponseHeaders(200, 0);
                            OutputStream body = exchange.getResponseBody();
                            while (true) {
                                body.write('{');
                                body.flush();
                                Thread.sleep(1000);
                            }
                        },
                        "GET http://127.0.0.1:%d/credits/packs: no complete answer within 10 s ("),
                Arguments.of(
                        "sends an endless chunked body",
                        (ImitationProducer.Response) exchange -> {
                            exchange.sendResponseHeaders(200, 0);
                            byte[] chunk = new byte[64 * 1024];
                            Arrays.fill(chunk, (byte) ' ');
                            while (true) {
                                exchange.getResponseBody().write(chunk);
                            }
                        },
                        "GET http://127.0.0.1:%d/credits/packs: the answer's body is larger than 1048576 bytes (stopped reading there)"),
                Arguments.of(
                        "sends a 50 MB body",
                        (ImitationProducer.Response) exchange -> {
                            byte[] chunk = new byte[1024 * 1024];
                            Arrays.fill(chunk, (byte) 'x');
                            exchange.sendResponseHeaders(200, 50L * chunk.length);
                            for (int i = 0; i < 50; i++) {
                                exchange.getResponseBody().write(chunk);
                            }
                        },
                        "GET http://127.0.0.1:%d/credits/packs: the answer's body is larger than 1048576 bytes (stopped reading there)"));
    }

    @ParameterizedTest(name = "a producer that {0} fails, naming the URL")
    @MethodSource("hostileResponses")
    void aHostileProducerFailsInBoundedTimeNamingTheUrlAndWhatWentWrong(
            String behaviour, ImitationProducer.Response response, String expected) {
        hostile.answer(response);

        long started = System.nanoTime();
        Report report = ending("the verification of a producer that " + behaviour, () -> verify(hostile.url()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("a producer that %s: the verification failed after %d ms%n", behaviour, took.toMillis());
        assertThat(catalog(report).verdict()).isEqualTo(Verdict.FAILED);
        assertThat(catalog(report).details()).startsWith(expected.formatted(port(hostile)));
        assertThat(report.render()).hasSizeLessThan(REPORT_CHARS);
    }

    @Test
    void aRedirectIsAFailureNamingTheStatusAndTheLocationNeverFollowed() {
        hostile.answer(exchange -> {
            exchange.getResponseHeaders().set("Location", good.url() + "/credits/packs");
            exchange.sendResponseHeaders(302, -1);
        });

        Outcome catalog = catalog(verify(hostile.url()));

        assertThat(catalog.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(catalog.details())
                .contains("status: expected 200, got 302, a redirect to " + good.url()
                        + "/credits/packs (never followed)");
    }

    @Test
    void aRefusedConnectionNamesTheUrl() {
        String nobody = ImitationProducer.refusingUrl();

        Outcome catalog = catalog(verify(nobody));

        assertThat(catalog.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(catalog.details())
                .isEqualTo("GET " + nobody + "/credits/packs: cannot connect (connection refused)");
    }

    @Test
    void aBodyWithThousandsOfProblemsIsReportedAsTheFirstFewAndACount() {
        StringBuilder packs = new StringBuilder("{\"success\":true,\"data\":[");
        for (int i = 0; i < 5000; i++) {
            packs.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"\",\"name\":\"x\",\"code\":\"x\",\"credits\":0,\"price\":1}");
        }
        hostile.answer(ImitationProducer.canned(
                200, "application/json", packs.append("]}").toString()));

        Report report = verify(hostile.url());

        assertThat(catalog(report).details()).contains("... and 9990 more problems");
        assertThat(report.render()).hasSizeLessThan(REPORT_CHARS);
    }

    @Test
    void theBackcompatGateFailsAProducerThatNeverAnswersWithinTheBoundToo() {
        hostile.answer(exchange -> Thread.sleep(Long.MAX_VALUE));

        long started = System.nanoTime();
        Report report = ending(
                "the backcompat gate against a producer that never answers",
                () -> BackcompatGate.check(
                        "tech.flashback:credit-packs-api:1.0.0:stubs",
                        FIXTURE,
                        new Target(hostile.url(), hostile.statesUrl())));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf(
                "the backcompat gate against a producer that never answers failed after %d ms%n", took.toMillis());
        assertThat(report.passed()).isFalse();
        assertThat(report.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED));
        String noResponse =
                "GET " + hostile.url() + "/credits/packs: no complete answer within 10 s (nothing received)";
        assertThat(report.outcomes().get(0).details()).isEqualTo(noResponse);
        // The first contract waited out the bound; none after it waited again.
        assertThat(report.outcomes().subList(1, report.outcomes().size()))
                .allSatisfy(
                        outcome -> assertThat(outcome.details()).isEqualTo("not tried, no answer came: " + noResponse));
    }

    @Test
    void theBackcompatGateJudgesEncodingsAndNumbersTearsDownEveryStateAndKeepsCredentialsOutOfItsReport() {
        RemoteVerificationTest.answerAsTheStubs(hostile)
                .answerIn(
                        "available",
                        ImitationProducer.canned(
                                200, "application/json", RemoteVerificationTest.withRawValue("credits", "1e400")))
                .answerIn(
                        "storefailure",
                        ImitationProducer.canned(
                                500,
                                "application/json",
                                RemoteVerificationTest.body("shouldReturnInternalErrorWhenStoreFails")
                                        .toString()
                                        .getBytes(StandardCharsets.UTF_16LE)));
        PublishedStubs unresolvable = RemoteVerificationTest.withBodyRules(
                FIXTURE, "shouldNeverReturnInactiveOrDeletedPacks", "{\"$ref\": \"#/$defs/missing\"}");
        Target target = new Target(
                RemoteVerificationTest.withUserInfo(hostile.url(), "admin:s3cret"),
                RemoteVerificationTest.withUserInfo(hostile.statesUrl(), "hook:t0k%40n"));

        Report report = BackcompatGate.check("tech.flashback:credit-packs-api:1.0.0:stubs", unresolvable, target);

        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::verdict, Outcome::details)
                .containsExactly(
                        tuple(
                                "shouldReturnActivePacks",
                                Verdict.FAILED,
                                "GET /credits/packs answered 200:\n$.data[0].credits: expected an integer,"
                                        + " got the number 1E+400, beyond the range of a double (RFC 8259 §6), which JavaScript reads as Infinity\n"),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", Verdict.PASSED, ""),
                        tuple(
                                "shouldNeverReturnInactiveOrDeletedPacks",
                                Verdict.FAILED,
                                "GET /credits/packs answered 200, which could not be judged:"
                                        + " InvalidSchemaRefException: Reference /$defs/missing cannot be resolved"),
                        tuple(
                                "shouldReturnInternalErrorWhenStoreFails",
                                Verdict.FAILED,
                                "GET /credits/packs answered 500:\n"
                                        + "body: expected a JSON document in UTF-8 (RFC 8259 §8.1), got UTF-16LE (no byte order mark)\n"));
        assertThat(hostile.hookCalls()).isEqualTo(RemoteVerificationTest.EVERY_STATE_SET_UP_AND_TORN_DOWN);
        assertThat(hostile.authorizations())
                .hasSize(4)
                .containsOnly("Basic " + RemoteVerificationTest.base64("admin:s3cret"));
        assertThat(hostile.hookAuthorizations())
                .hasSize(8)
                .containsOnly("Basic " + RemoteVerificationTest.base64("hook:t0k@n"));
        assertThat(report.render())
                .startsWith("Contracts of tech.flashback:credit-packs-api:1.0.0:stubs against "
                        + RemoteVerificationTest.withUserInfo(hostile.url(), "admin:***") + " (state hook "
                        + RemoteVerificationTest.withUserInfo(hostile.statesUrl(), "hook:***") + ")\n")
                .endsWith(
                        "FAILED: the producer at " + RemoteVerificationTest.withUserInfo(hostile.url(), "admin:***")
                                + " breaks contracts of tech.flashback:credit-packs-api:1.0.0:stubs; it breaks: public contract\n");
        RemoteVerificationTest.assertNoSecretIn(report.render());
    }

    @Test
    void aStateHookThatNeverAnswersFailsEveryStateWithinTheBound() {
        hostile.answer(ImitationProducer.canned(
                200,
                "application/json",
                RemoteVerificationTest.body("shouldReturnActivePacks").toString()));
        for (String state : FIXTURE.states()) {
            hostile.hookAnswersFor(state, exchange -> Thread.sleep(Long.MAX_VALUE));
        }

        long started = System.nanoTime();
        Report report = ending(
                "a verification against a state hook that never answers",
                () -> verify(hostile.url(), hostile.statesUrl()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.printf("a state hook that never answers: the verification failed after %d ms%n", took.toMillis());
        String noResponse = "state available setup: POST " + hostile.statesUrl()
                + ": no complete answer within 10 s (nothing received)";
        assertThat(catalog(report).details()).isEqualTo(noResponse);
        assertThat(report.outcomes())
                .allSatisfy(outcome -> assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED));
        // The first state's setup waited out the bound; no other state's setup was tried.
        assertThat(report.outcomes().stream()
                        .filter(outcome -> !outcome.contract().equals(CATALOG)))
                .allSatisfy(
                        outcome -> assertThat(outcome.details()).isEqualTo("not tried, no answer came: " + noResponse));
        assertThat(hostile.hookCalls()).containsExactly("setup available");
        assertThat(report.render()).hasSizeLessThan(REPORT_CHARS);
    }

    /** What {@code run} returns; fails the test, naming {@code what}, if it has not ended after {@link #HANG_GUARD}. */
    private static Report ending(String what, ThrowingSupplier<Report> run) {
        return assertTimeoutPreemptively(HANG_GUARD, run, () -> what + " had not ended after " + HANG_GUARD);
    }

    private static Report verify(String url) {
        return verify(url, null);
    }

    private static Report verify(String url, String statesUrl) {
        return new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT))
                .run("the working tree", FIXTURE, new Target(url, statesUrl));
    }

    private static Outcome catalog(Report report) {
        return report.outcomes().stream()
                .filter(outcome -> outcome.contract().equals(CATALOG))
                .findFirst()
                .orElseThrow();
    }

    private static int port(ImitationProducer producer) {
        return Integer.parseInt(producer.url().substring(producer.url().lastIndexOf(':') + 1));
    }
}
