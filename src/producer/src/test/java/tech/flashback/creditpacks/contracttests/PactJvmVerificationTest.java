package tech.flashback.creditpacks.contracttests;

import static org.assertj.core.api.Assertions.assertThat;

import au.com.dius.pact.core.model.DefaultPactReader;
import au.com.dius.pact.core.model.Interaction;
import au.com.dius.pact.core.model.Pact;
import au.com.dius.pact.provider.ConsumerInfo;
import au.com.dius.pact.provider.ProviderInfo;
import au.com.dius.pact.provider.ProviderVerifier;
import au.com.dius.pact.provider.VerificationFailureType;
import au.com.dius.pact.provider.VerificationResult;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.verify.ImitationProducer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * pact-jvm's own verifier holds the real producer to every pact the build exports
 * ({@code stubs/pacts/}: the public contracts' and each consumer's), putting it in each
 * interaction's provider state through its state hook as pact-jvm's Maven and Gradle plugins do
 * ({@code stateChangeUrl}, with teardown). A producer that answers {@code price} as a string fails,
 * naming each interaction whose response lists a price, and the price.
 * <p>
 * This is pact-jvm's core verifier rather than its JUnit 5 extension: the extension changes states
 * only through {@code @State} methods of the test class, never through a URL, so it could not
 * show that the hook speaks pact-jvm's state-change requests.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:pact-jvm-${random.uuid};DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles(StateHookController.PROFILE)
class PactJvmVerificationTest {

    private static final Path PACTS = ContractStubs.PUBLISHED.resolve("pacts");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> pactJvmsVerifierHoldsTheProducerToEveryExportedInteractionThroughItsStateHook() {
        String producer = "http://127.0.0.1:" + port;
        List<ExportedInteraction> interactions = exportedInteractions();
        assertThat(interactions)
                .extracting(ExportedInteraction::consumer)
                .contains("public-contract", "java-client", "typescript-client");

        return interactions.stream()
                .map(interaction -> DynamicTest.dynamicTest(interaction.label(), () -> {
                    VerificationResult result = verify(producer, producer + StateHookController.PATH, interaction);
                    assertThat(result)
                            .as(() -> interaction.label() + ":\n" + problems(result))
                            .isInstanceOf(VerificationResult.Ok.class);
                }));
    }

    @Test
    void pactJvmsVerifierFailsAProducerAnsweringPriceAsAStringNamingEachInteractionThatListsAPrice() {
        List<ExportedInteraction> interactions = exportedInteractions();
        try (ImitationProducer imitation = ImitationProducer.start()) {
            // In each state, the public contract's response with every price a string ("19.99").
            for (ExportedInteraction interaction : interactions) {
                if (interaction.consumer().equals("public-contract")) {
                    imitation.answerIn(
                            interaction.state(),
                            ImitationProducer.canned(
                                    interaction.status(),
                                    "application/json",
                                    JSON.writeValueAsString(withPricesAsStrings(interaction.body()))));
                }
            }

            Map<String, String> failed = new LinkedHashMap<>();
            for (ExportedInteraction interaction : interactions) {
                VerificationResult result = verify(imitation.url(), imitation.statesUrl(), interaction);
                if (!(result instanceof VerificationResult.Ok)) {
                    failed.put(interaction.label(), problems(result));
                }
            }

            assertThat(failed.keySet())
                    .as(failed::toString)
                    .containsExactlyInAnyOrderElementsOf(interactions.stream()
                            .filter(ExportedInteraction::listsPrices)
                            .map(ExportedInteraction::label)
                            .toList());
            assertThat(failed.get("public-contract: shouldReturnActivePacks"))
                    .contains("$.data[0].price")
                    .contains("Expected '19.99' (String) to be a number");
        }
    }

    /** pact-jvm's verification of one interaction, its state set up and torn down through {@code statesUrl}. */
    private static VerificationResult verify(String producerUrl, String statesUrl, ExportedInteraction interaction) {
        URI producer = URI.create(producerUrl);
        ProviderInfo provider =
                new ProviderInfo("credit-packs-api", "http", producer.getHost(), producer.getPort(), "/");
        try {
            provider.setStateChangeUrl(URI.create(statesUrl).toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(statesUrl, e);
        }
        provider.setStateChangeUsesBody(true);
        provider.setStateChangeTeardown(true);
        ConsumerInfo consumer = new ConsumerInfo(interaction.consumer());
        consumer.setPactSource(interaction.file());
        return new ProviderVerifier()
                .verifyInteraction(
                        provider, consumer, new LinkedHashMap<>(), interaction.interaction(), interaction.pact(), null);
    }

    /** What pact-jvm found wrong, one line per problem. */
    private static String problems(VerificationResult result) {
        if (!(result instanceof VerificationResult.Failed failed)) {
            return "";
        }
        return failed.getFailures().values().stream()
                .flatMap(List::stream)
                .map(VerificationFailureType::description)
                .collect(Collectors.joining("\n"));
    }

    private static ObjectNode withPricesAsStrings(JsonNode body) {
        ObjectNode copy = (ObjectNode) body.deepCopy();
        copy.path("data").forEach(pack -> {
            if (pack.path("price").isNumber()) {
                ((ObjectNode) pack).put("price", pack.get("price").asString());
            }
        });
        return copy;
    }

    /** One interaction of an exported pact, as pact-jvm reads it and as the test needs to know it. */
    private record ExportedInteraction(
            File file, Pact pact, Interaction interaction, String consumer, String state, int status, JsonNode body) {

        String label() {
            return consumer + ": " + interaction.getDescription();
        }

        boolean listsPrices() {
            for (JsonNode pack : body.path("data")) {
                if (pack.path("price").isNumber()) {
                    return true;
                }
            }
            return false;
        }
    }

    private static List<ExportedInteraction> exportedInteractions() {
        List<ExportedInteraction> interactions = new ArrayList<>();
        try (Stream<Path> files = Files.list(PACTS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                Pact pact = DefaultPactReader.INSTANCE.loadPact(file.toFile());
                JsonNode json = JSON.readTree(file.toFile());
                for (JsonNode exported : json.path("interactions")) {
                    Interaction interaction = pact.getInteractions().stream()
                            .filter(one -> one.getDescription()
                                    .equals(exported.path("description").asString()))
                            .findFirst()
                            .orElseThrow();
                    interactions.add(new ExportedInteraction(
                            file.toFile(),
                            pact,
                            interaction,
                            json.path("consumer").path("name").asString(),
                            exported.path("providerStates").path(0).path("name").asString(),
                            exported.path("response").path("status").asInt(),
                            exported.path("response").path("body").path("content")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No exported pacts in " + PACTS.toAbsolutePath()
                            + ": the build exports them (./mvnw -q generate-test-sources)",
                    e);
        }
        return interactions;
    }
}
