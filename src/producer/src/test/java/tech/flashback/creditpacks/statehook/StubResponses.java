package tech.flashback.creditpacks.statehook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tech.flashback.creditpacks.contracttests.ContractStubs;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The response of {@code GET /credits/packs} in each producer state, as the published stubs promise
 * it (each stub names its contract's state), so tests compare the producer with the stubs instead
 * of repeating the example values.
 */
final class StubResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One state's response: its status and its JSON body. */
    record StubResponse(int status, JsonNode body) {

        boolean matches(HttpResponse<String> response) {
            return response.statusCode() == status
                    && response.headers()
                            .firstValue("Content-Type")
                            .filter(type -> type.startsWith("application/json"))
                            .isPresent()
                    && readable(response.body()).equals(body);
        }

        private static JsonNode readable(String body) {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return JSON.missingNode();
            }
        }
    }

    private StubResponses() {}

    /**
     * The states a producer that refuses an unknown one names: every state the stubs answer in, in
     * the order of {@link ProducerState}, the one the stubs start in marked as the state of a change
     * that names none.
     */
    static String knownStates() {
        String start = PublishedStubs.read(ContractStubs.PUBLISHED)
                .endpoint("credit-packs")
                .defaultState();
        return published().keySet().stream()
                .map(ProducerState::folder)
                .map(state -> state.equals(start) ? state + " (also for no state)" : state)
                .collect(Collectors.joining(", "));
    }

    /** Every state's response to {@code GET /credits/packs}, read from the published stubs. */
    static Map<ProducerState, StubResponse> published() {
        Map<ProducerState, StubResponse> responses = new EnumMap<>(ProducerState.class);
        try (Stream<Path> files = Files.walk(ContractStubs.PUBLISHED.resolve("mappings"))) {
            for (Path file :
                    files.filter(file -> file.toString().endsWith(".json")).toList()) {
                JsonNode stub = JSON.readTree(file.toFile());
                JsonNode contract = stub.path("metadata").path("contract");
                if (contract.path("state").isString()
                        && "/credits/packs"
                                .equals(contract.path("request").path("path").asString())) {
                    ProducerState state = ProducerState.named(
                                    contract.path("state").asString())
                            .orElseThrow(() -> new IllegalStateException(
                                    "Stub " + file + " names a state the producer does not know"));
                    responses.put(
                            state,
                            new StubResponse(
                                    stub.path("response").path("status").asInt(),
                                    stub.path("response").path("jsonBody")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (responses.size() != ProducerState.values().length) {
            throw new IllegalStateException("The stubs under " + ContractStubs.PUBLISHED.toAbsolutePath()
                    + " answer only the states " + responses.keySet());
        }
        return responses;
    }
}
