package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Outcome;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Verdict;

/**
 * Consumers' Pact files, exactly as Pact JS wrote them in their own tests, dropped into their
 * folders beside this repository's contracts: one names its provider state after a producer
 * state, one in its own words mapped by its table, one names none, one is a specification 4
 * pact. The real producer, with its state hook, honours every interaction over HTTP; a producer
 * that breaks one fails naming the consumer and the interaction.
 */
@PatientStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:pacts-${random.uuid};DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles(StateHookController.PROFILE)
class PactVerificationTest {

    private static final ContractVerification VERIFICATION =
            new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT));

    @TempDir
    static Path work;

    private static PublishedStubs published;

    @LocalServerPort
    int port;

    @BeforeAll
    static void publishTheContractsWithTheConsumersPacts() {
        published = ConsumersPacts.publishWithThisTreesContracts(work);
    }

    @Test
    void theProducerWithItsStateHookHonoursEveryInteractionOfEveryPact() {
        String url = "http://127.0.0.1:" + port;

        Report report = VERIFICATION.run(
                "the contracts and four consumers' pacts", published, new Target(url, url + StateHookController.PATH));

        assertThat(report.passed()).as(report.render()).isTrue();
        assertThat(report.outcomes())
                .filteredOn(outcome -> outcome.consumer() != null)
                .extracting(Outcome::label)
                .containsExactlyInAnyOrder(
                        "web-storefront: a request for the credit packs", "mobile-app: a request for the credit packs",
                        "reporting: a request for the credit packs",
                                "ops-console: a request for the credit packs when the store fails");
    }

    @Test
    void aProducerThatBreaksOneInteractionFailsNamingTheConsumerAndTheInteraction() {
        try (ImitationProducer imitation = ImitationProducer.start()) {
            imitation.answer(ImitationProducer.canned(
                    200,
                    "application/json",
                    PublishedJson.pretty(published.contracts().stream()
                            .filter(stub -> stub.contract().equals("shouldReturnActivePacks"))
                            .findFirst()
                            .orElseThrow()
                            .example())));
            // The store failure's envelope without its message: what the ops console shows.
            imitation.answerIn(
                    "storefailure",
                    ImitationProducer.canned(
                            500, "application/json", "{\"success\": false, \"error_code\": \"INTERNAL_ERROR\"}"));

            Report report = VERIFICATION.run(
                    "the contracts and four consumers' pacts",
                    published,
                    new Target(imitation.url(), imitation.statesUrl()));

            assertThat(report.outcomes())
                    .filteredOn(outcome -> outcome.verdict() == Verdict.FAILED)
                    .extracting(Outcome::label)
                    .contains("ops-console: a request for the credit packs when the store fails");
            assertThat(report.render())
                    .contains("    FAILED   ops-console: a request for the credit packs when the store fails\n"
                            + "             GET /credits/packs [Accept: application/json] answered 500:\n"
                            + "             $.message: expected a value (the field is required), got no such field");
            assertThat(report.broken())
                    .contains("ops-console", ContractVerification.PUBLIC_CONTRACT)
                    .doesNotContain("web-storefront");
        }
    }
}
