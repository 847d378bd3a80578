package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;

/**
 * Remote verification of the other endpoints' contracts over HTTP: every request goes out with
 * its body and headers, a producer that honours the contracts passes each one in its state, and
 * one that answers wrong fails naming the contract, the request and the JSON path.
 */
class OtherEndpointsVerificationTest {

    private static final ContractVerification VERIFICATION =
            new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT));

    @TempDir
    Path work;

    private EndpointsProducer producer;
    private PublishedStubs published;

    @BeforeEach
    void publishAndStart() {
        published = EditedContracts.withOtherEndpoints(work).publishTo(work.resolve("published"));
        producer = EndpointsProducer.start(published);
    }

    @AfterEach
    void stop() {
        producer.close();
    }

    @Test
    void aProducerThatHonoursTheContractsPassesEveryOneInItsState() {
        Report report =
                VERIFICATION.run("the other endpoints", published, new Target(producer.url(), producer.statesUrl()));

        assertThat(report.outcomes())
                .extracting(Outcome::contract, Outcome::state, Outcome::verdict)
                .containsExactlyInAnyOrder(
                        tuple("shouldReturnActivePacks", "available", Verdict.PASSED),
                        tuple("shouldReturnNoPacksWhenNoneIsActive", "noactivepacks", Verdict.PASSED),
                        tuple("shouldNeverReturnInactiveOrDeletedPacks", "retiredpacks", Verdict.PASSED),
                        tuple("shouldReturnInternalErrorWhenStoreFails", "storefailure", Verdict.PASSED),
                        tuple("shouldStartACheckoutForAnActivePack", "purchasable", Verdict.PASSED),
                        tuple("shouldReturnNotFoundForAnUnknownPack", "purchasable", Verdict.PASSED),
                        tuple("shouldReturnBadRequestWithoutAPackId", "purchasable", Verdict.PASSED),
                        tuple("shouldReturnServiceUnavailableWhenCheckoutIsDown", "checkoutdown", Verdict.PASSED),
                        tuple("shouldMarkClientAsFraud", "anyclient", Verdict.PASSED),
                        tuple("shouldMarkClientAsNotFraud", "anyclient", Verdict.PASSED),
                        tuple("shouldListUsersMatchingTheFilter", "registered", Verdict.PASSED),
                        tuple("shouldRejectARequestWithoutAToken", "anyorder", Verdict.PASSED),
                        tuple("shouldReturnTheOrdersOfTheTokensOwner", "anyorder", Verdict.PASSED),
                        tuple("shouldCreateALoanApplication", "open", Verdict.PASSED),
                        tuple("shouldDeleteALoanApplication", "open", Verdict.PASSED),
                        tuple("shouldReturnNotFoundForAnUnknownLoan", "open", Verdict.PASSED),
                        tuple("shouldAnswerPongToAPing", "awake", Verdict.PASSED),
                        tuple("shouldAcceptValuesMatchingTheirPatterns", "anyvalue", Verdict.PASSED),
                        tuple("shouldReturnEveryBookOnTheShelf", "shelved", Verdict.PASSED));
        assertThat(report.passed()).isTrue();
        assertThat(producer.received())
                .contains(
                        "PUT /fraudcheck [application/vnd.fraud.v1+json] {\"client.id\":\"0123456789\",\"loanAmount\":99999}",
                        "POST /ping [text/plain] ping",
                        "POST /credits/packs/buy [application/json] {\"packId\":\"pack-1\"}",
                        "POST /credits/packs/buy [application/json] {}",
                        "POST /loans [application/json] {\"clientId\":\"1234567890\",\"amount\":5000,\"currency\":\"EUR\"}",
                        "GET /users?filter=email&gender=mf&limit=100&offset=123",
                        "DELETE /loans/42");
    }

    @Test
    void withoutAStateHookEachEndpointsDefaultStateRunsAndTheOthersAreNamedAsNotRun() {
        Report report = VERIFICATION.run("the other endpoints", published, new Target(producer.url(), null));

        assertThat(report.outcomes())
                .filteredOn(outcome -> outcome.verdict() == Verdict.NOT_RUN)
                .extracting(Outcome::contract)
                .containsExactlyInAnyOrder(
                        "shouldReturnNoPacksWhenNoneIsActive",
                        "shouldNeverReturnInactiveOrDeletedPacks",
                        "shouldReturnInternalErrorWhenStoreFails",
                        "shouldReturnServiceUnavailableWhenCheckoutIsDown");
        assertThat(report.count(Verdict.PASSED)).isEqualTo(15);
        assertThat(report.count(Verdict.FAILED)).isZero();
    }

    @Test
    void aProducerThatAnswersWrongFailsNamingTheContractTheRequestAndTheJsonPath() {
        producer.rewriting(
                "POST /credits/packs/buy",
                response -> response.status() != 200
                        ? response
                        : EndpointsProducer.Response.json(
                                200,
                                response.body()
                                        .replace("\"price\": 49.99", "\"price\": \"49.99\"")
                                        .replace("\"checkoutUrl\": \"https://pay.example.org/chk-7\", ", "")));

        Report report =
                VERIFICATION.run("the other endpoints", published, new Target(producer.url(), producer.statesUrl()));

        assertThat(report.outcomes())
                .filteredOn(outcome -> outcome.verdict() == Verdict.FAILED)
                .extracting(Outcome::contract, Outcome::details)
                .containsExactly(tuple(
                        "shouldStartACheckoutForAnActivePack",
                        "POST /credits/packs/buy [Accept: application/json, Content-Type: application/json] {\"packId\":\"pack-1\"}"
                                + " answered 200:\n"
                                + "$.data.price: expected a number, got the string \"49.99\"\n"
                                + "$.data.checkoutUrl: expected a value (the field is required), got no such field (fields: checkoutId,"
                                + " packId, price)\n"));
        assertThat(report.render())
                .contains("    FAILED   shouldStartACheckoutForAnActivePack\n")
                .endsWith("19 contracts: 18 passed, 1 failed, 0 not run\nFAILED: the producer at " + producer.url()
                        + " breaks contracts of the other endpoints; it breaks: public contract\n");
    }

    @Test
    void aWrongTextBodyOrAMissingHeaderFailsNamingWhatDiffered() {
        producer.rewriting("POST /ping", response -> new EndpointsProducer.Response(200, response.headers(), "PONG"));

        Report report =
                VERIFICATION.run("the other endpoints", published, new Target(producer.url(), producer.statesUrl()));

        assertThat(report.outcomes())
                .filteredOn(outcome -> outcome.verdict() == Verdict.FAILED)
                .extracting(Outcome::contract, Outcome::details)
                .containsExactly(
                        tuple(
                                "shouldAnswerPongToAPing",
                                "POST /ping [Content-Type: text/plain] ping answered 200:\nbody: expected exactly \"pong\", got \"PONG\"\n"));

        producer.rewriting("POST /loans", response -> EndpointsProducer.Response.json(201, response.body()));
        Report noLocation =
                VERIFICATION.run("the other endpoints", published, new Target(producer.url(), producer.statesUrl()));

        assertThat(noLocation.outcomes())
                .filteredOn(outcome -> outcome.verdict() == Verdict.FAILED)
                .extracting(Outcome::contract, Outcome::details)
                .containsExactly(tuple(
                        "shouldCreateALoanApplication",
                        "POST /loans [Content-Type: application/json] {\"clientId\":\"1234567890\",\"amount\":5000,\"currency\":\"EUR\"}"
                                + " answered 201:\nheader Location: expected \"/loans/42\", got no such header\n"));
    }
}
