package tech.flashback.creditpacks.statehook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.contracttests.ContractStubs;

/**
 * What {@code GET /credits/packs} answers in each producer state, as the published stubs promise
 * it (each stub names its contract's state), so tests compare the producer with the stubs instead
 * of repeating the example values.
 */
final class StubResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One state's answer: its status and its JSON body. */
    record Answer(int status, JsonNode body) {

        boolean matches(HttpResponse<String> response) {
            return response.statusCode() == status
                    && response.headers().firstValue("Content-Type").filter(type -> type.startsWith("application/json")).isPresent()
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

    private StubResponses() {
    }

    /** Every state's answer to {@code GET /credits/packs}, read from the published stubs. */
    static Map<ProducerState, Answer> published() {
        Map<ProducerState, Answer> answers = new EnumMap<>(ProducerState.class);
        try (Stream<Path> files = Files.walk(ContractStubs.PUBLISHED.resolve("mappings"))) {
            for (Path file : files.filter(file -> file.toString().endsWith(".json")).toList()) {
                JsonNode stub = JSON.readTree(file.toFile());
                JsonNode contract = stub.path("metadata").path("contract");
                if (contract.path("state").isString() && "/credits/packs".equals(contract.path("request").path("path").asString())) {
                    ProducerState state = ProducerState.named(contract.path("state").asString()).orElseThrow(
                            () -> new IllegalStateException("Stub " + file + " names a state the producer does not know"));
                    answers.put(state, new Answer(stub.path("response").path("status").asInt(), stub.path("response").path("jsonBody")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (answers.size() != ProducerState.values().length) {
            throw new IllegalStateException("The stubs under " + ContractStubs.PUBLISHED.toAbsolutePath()
                    + " answer only the states " + answers.keySet());
        }
        return answers;
    }
}
