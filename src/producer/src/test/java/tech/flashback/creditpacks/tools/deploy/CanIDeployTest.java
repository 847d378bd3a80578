package tech.flashback.creditpacks.tools.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.cli.ContractTools;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.verify.ConsumersPacts;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;
import tech.flashback.creditpacks.tools.verify.ImitationProducer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Can I deploy? The producer against every consumer's contracts and the public ones (this tree's,
 * and four consumers' pacts): the real producer may be deployed; one that drops a pack's code
 * breaks the public contract only, which alone holds it; one that renames price breaks every
 * consumer that reads it, each named.
 */
@PatientStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:deploy-${random.uuid};DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles(StateHookController.PROFILE)
class CanIDeployTest {

    @TempDir
    static Path work;

    private static PublishedStubs published;

    @LocalServerPort
    int port;

    @BeforeAll
    static void publish() {
        published = ConsumersPacts.publishWithThisTreesContracts(work);
    }

    @Test
    @ResourceLock(Resources.SYSTEM_OUT)
    void theRealProducerMayBeDeployedAndTheCommandWritesItsMatrixAndReports() {
        String url = "http://127.0.0.1:" + port;
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ContractTools.run(
                    "can-i-deploy",
                    "--producer",
                    url,
                    "--states",
                    url + StateHookController.PATH,
                    "--stubs",
                    work.resolve("published").toString(),
                    "--json",
                    work.resolve("can-i-deploy.json").toString(),
                    "--junit",
                    work.resolve("can-i-deploy.xml").toString());
        } finally {
            System.setOut(console);
        }

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        assertThat(text)
                .containsPattern("  consumer +state +contract +verdict\n")
                .containsPattern("  public contract +available +shouldReturnActivePacks +passed\n")
                .containsPattern(
                        "  ops-console +storefailure +a request for the credit packs when the store fails +passed\n")
                .contains("DEPLOY: all " + published.contracts().size()
                        + " contracts of 5 consumers (the public contract among them) pass");
        JsonNode json = PublishedJson.read(work.resolve("can-i-deploy.json"));
        assertThat(json.path("tool").asString()).isEqualTo("can-i-deploy");
        assertThat(json.path("verdict").asString()).isEqualTo("passed");
    }

    @Test
    void aProducerThatDropsAPacksCodeBreaksOnlyThePublicContractWhichAloneHoldsIt() {
        CanIDeploy.Decision decision = againstAnImitation(pack -> {
            pack.remove("code");
            return pack;
        });

        assertThat(decision.answer()).isEqualTo(CanIDeploy.Answer.DO_NOT_DEPLOY);
        assertThat(decision.report().broken()).containsExactly("public contract");
        assertThat(decision.render()).endsWith("DO NOT DEPLOY: it breaks public contract\n");
    }

    @Test
    void aProducerThatRenamesPriceBreaksEveryConsumerThatReadsItNamingEach() {
        CanIDeploy.Decision decision = againstAnImitation(pack -> {
            pack.set("amount", pack.remove("price"));
            return pack;
        });

        assertThat(decision.answer()).isEqualTo(CanIDeploy.Answer.DO_NOT_DEPLOY);
        assertThat(decision.report().broken())
                .containsExactly("public contract", "mobile-app", "reporting", "web-storefront");
        assertThat(decision.render())
                .contains(
                        "  web-storefront: a request for the credit packs (state available)\n"
                                + "      GET /credits/packs [Accept: application/json] answered 200:\n"
                                + "      $.data[0].price: expected a value (the field is required), got no such field (fields: id, name, code, credits, amount)");
    }

    /** A producer answering each state as the public contracts' examples do, every pack changed by {@code change}. */
    private static CanIDeploy.Decision againstAnImitation(UnaryOperator<ObjectNode> change) {
        try (ImitationProducer imitation = ImitationProducer.start()) {
            for (String state : published.states()) {
                PublishedStub contract = published.contracts().stream()
                        .filter(stub -> stub.consumer() == null && stub.state().equals(state))
                        .findFirst()
                        .orElseThrow();
                JsonNode body = contract.example().deepCopy();
                body.path("data").forEach(pack -> change.apply((ObjectNode) pack));
                imitation.answerIn(
                        state,
                        ImitationProducer.canned(
                                contract.rules().status(), "application/json", PublishedJson.pretty(body)));
            }
            return CanIDeploy.decide(
                    "the contracts and four consumers' pacts",
                    published,
                    new Target(imitation.url(), imitation.statesUrl()));
        }
    }
}
