package tech.flashback.creditpacks.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WireMock server Stub Runner started, driven as a consumer's end-to-end test drives it: through
 * WireMock's admin API. A test switches the producer state of the stubs (the WireMock scenario the
 * stubs are published with), never the application's request, and asks which stub answered.
 */
final class StubServer {

    /** The scenario of GET /credits/packs (contracts/credits/packs/states.properties). */
    static final String SCENARIO = "credit-packs";

    private static final HttpClient ADMIN =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> STUB_RUNNERS_OWN = Set.of("/ping", "/health");

    private final String url;

    StubServer(URL url) {
        String text = url.toString();
        this.url = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The base URL the application is configured with, e.g. {@code http://localhost:12345}. */
    String url() {
        return url;
    }

    /** Back to the state the stubs start in (WireMock's Started: the producer's default state), with an empty request journal. */
    void reset() {
        expectOk(send(HttpRequest.newBuilder(admin("scenarios/reset")).POST(HttpRequest.BodyPublishers.noBody())));
        expectOk(send(HttpRequest.newBuilder(admin("requests")).DELETE()));
    }

    /** Puts the stubs in a scenario state: a producer state's folder name, or Started for the default one. */
    void switchTo(String scenarioState) {
        expectOk(requestState(scenarioState));
    }

    /** WireMock's response to putting the stubs in a scenario state: 422 for a state none of its stubs has. */
    HttpResponse<String> requestState(String scenarioState) {
        return send(HttpRequest.newBuilder(admin("scenarios/" + SCENARIO + "/state"))
                .PUT(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("state", scenarioState).toString())));
    }

    /**
     * Every stub the server holds, as WireMock reports them, but the two Stub Runner adds to every
     * server it starts (GET /ping and GET /health, answering OK).
     */
    List<JsonNode> mappings() {
        List<JsonNode> mappings = new ArrayList<>();
        JSON.readTree(expectOk(send(HttpRequest.newBuilder(admin("mappings")).GET())))
                .path("mappings")
                .forEach(mapping -> {
                    if (!STUB_RUNNERS_OWN.contains(mapping.at("/request/url").asString(""))
                            || mapping.has("metadata")) {
                        mappings.add(mapping);
                    }
                });
        return mappings;
    }

    /** The stub that answered the only request since the last {@link #reset()}; fails when there was not exactly one, or none matched. */
    JsonNode stubThatAnsweredTheRequest() {
        JsonNode requests = JSON.readTree(
                        expectOk(send(HttpRequest.newBuilder(admin("requests")).GET())))
                .path("requests");
        if (requests.size() != 1) {
            throw new AssertionError(
                    "Expected one request in the stub server's journal, found " + requests.size() + ": " + requests);
        }
        JsonNode served = requests.get(0);
        if (!served.path("wasMatched").asBoolean()) {
            throw new AssertionError("No stub answered "
                    + served.path("request").path("url").asString() + ": " + served.path("response"));
        }
        return served.path("stubMapping");
    }

    private URI admin(String path) {
        return URI.create(url + "/__admin/" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return ADMIN.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the stub server's admin API", e);
        }
    }

    private static String expectOk(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
