package tech.flashback.creditpacks.tools.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.databind.JsonNode;

/**
 * A deliberately wrong producer for the release tooling's tests: a bare HTTP server on
 * 127.0.0.1 that answers {@code GET}s as the test tells it to, per producer state, and serves a
 * Pact-style state hook at {@link #STATES} that records what it was asked. Answers can be
 * hostile: never answering, trickling, endless, huge.
 */
public final class ImitationProducer implements AutoCloseable {

    static final String STATES = "/_contract/states";

    /** How the imitation answers one request. */
    @FunctionalInterface
    public interface Response {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A complete response with a status, a content type and a body (in UTF-8). */
    public static Response canned(int status, String contentType, String body) {
        return canned(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A complete response with a status, a content type and a body of these very bytes. */
    static Response canned(int status, String contentType, byte[] bytes) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "imitation-producer");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Response> byState = new ConcurrentHashMap<>();
    private final Map<String, Response> hookByState = new ConcurrentHashMap<>();
    private final Map<String, Response> hookByCall = new ConcurrentHashMap<>();
    private final List<String> hookCalls = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> hookAuthorizations = new CopyOnWriteArrayList<>();
    private volatile Response otherwise = canned(503, "application/json", "{}");
    private volatile String state = "";

    private ImitationProducer(HttpServer server) {
        this.server = server;
    }

    public static ImitationProducer start() {
        try {
            ImitationProducer imitation =
                    new ImitationProducer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            imitation.server.setExecutor(imitation.threads);
            imitation.server.createContext("/", imitation::answer);
            imitation.server.createContext(STATES, imitation::changeState);
            imitation.server.start();
            return imitation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response to every GET, whatever the state (unless {@link #answerIn} says otherwise). */
    ImitationProducer answer(Response response) {
        this.otherwise = response;
        byState.clear();
        return this;
    }

    /** The response to GETs after a setup of {@code producerState}. */
    public ImitationProducer answerIn(String producerState, Response response) {
        byState.put(producerState, response);
        return this;
    }

    /** How the state hook answers a change to {@code producerState} (200 {} unless told). */
    ImitationProducer hookAnswersFor(String producerState, Response response) {
        hookByState.put(producerState, response);
        return this;
    }

    /** How the state hook answers one call, named as {@link #hookCalls} names it ("teardown retiredpacks"). */
    ImitationProducer hookAnswersTo(String call, Response response) {
        hookByCall.put(call, response);
        return this;
    }

    /** The Authorization header of each GET, in order ("none" for a GET without one). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** The Authorization header of each call to the state hook, in order ("none" for a call without one). */
    List<String> hookAuthorizations() {
        return List.copyOf(hookAuthorizations);
    }

    /** "setup available", "teardown available", ...: what the hook was asked, in order. */
    List<String> hookCalls() {
        return List.copyOf(hookCalls);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String statesUrl() {
        return url() + STATES;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(authorization(exchange));
            byState.getOrDefault(state, otherwise).send(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void changeState(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode change =
                    PublishedJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            String changed = change.path("state").asString();
            String action = change.path("action").asString();
            hookAuthorizations.add(authorization(exchange));
            hookCalls.add(action + " " + changed + (change.path("params").isObject() ? "" : " (no params)"));
            state = action.equals("setup") ? changed : "";
            hookByCall
                    .getOrDefault(
                            action + " " + changed,
                            hookByState.getOrDefault(changed, canned(200, "application/json", "{}")))
                    .send(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String authorization(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().getOrDefault("Authorization", List.of());
        return values.isEmpty() ? "none" : String.join(" | ", values);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** A loopback URL nobody listens on right now: a producer that refuses every connection. */
    static String refusingUrl() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
