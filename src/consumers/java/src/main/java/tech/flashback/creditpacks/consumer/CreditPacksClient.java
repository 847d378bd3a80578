package tech.flashback.creditpacks.consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consumer's typed client for {@code GET /credits/packs}: the Java counterpart of the
 * reference's TypeScript {@code getCreditsPacks}. It is written as a consumer team would write
 * it, on its own types, sharing nothing with the producer's code: what ties the two together
 * is the contract, through the stubs it is tested against.
 */
public final class CreditPacksClient {

    /** A pack as a consumer shows it; the price is an exact USD amount. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pack(String id, String name, String code, int credits, BigDecimal price) {}

    /** The API answered with its error envelope (or not with the catalog at all). */
    public static final class CreditPacksException extends RuntimeException {

        private final int status;
        private final String errorCode;

        CreditPacksException(int status, String errorCode, String message) {
            super(message);
            this.status = status;
            this.errorCode = errorCode;
        }

        public int status() {
            return status;
        }

        public String errorCode() {
            return errorCode;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Envelope(
            boolean success,
            List<Pack> data,
            @JsonProperty("error_code") String errorCode,
            String message) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    /** A client for the endpoint at exactly this URI (tests add a stub selector to it). */
    public CreditPacksClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A client for the API at {@code baseUrl}, e.g. {@code https://backend.flashback.tech/}. */
    public static CreditPacksClient forBaseUrl(String baseUrl) {
        return new CreditPacksClient(
                URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/").resolve("credits/packs"));
    }

    /** The packs a user can buy; throws {@link CreditPacksException} with the API's error_code otherwise. */
    public List<Pack> getCreditsPacks() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
        Envelope envelope = parse(response);
        if (response.statusCode() != 200 || !envelope.success() || envelope.data() == null) {
            throw new CreditPacksException(response.statusCode(), envelope.errorCode(), envelope.message());
        }
        return envelope.data();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CreditPacksException(0, "UNREACHABLE", "GET " + endpoint + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CreditPacksException(0, "INTERRUPTED", "GET " + endpoint + " was interrupted");
        }
    }

    private Envelope parse(HttpResponse<String> response) {
        try {
            return JSON.readValue(response.body(), Envelope.class);
        } catch (JacksonException e) {
            throw new CreditPacksException(
                    response.statusCode(),
                    "INVALID_RESPONSE",
                    "GET " + endpoint + " answered " + response.statusCode() + " without the API's JSON envelope");
        }
    }
}
