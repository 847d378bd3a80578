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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * A producer of the other endpoints' contracts (and of the catalog), written by hand over a bare
 * HTTP server on 127.0.0.1, with a Pact-style state hook at {@link #STATES}: it answers from the
 * request it gets (method, path, headers, body), as a producer in any language would. A test can
 * rewrite any response ({@link #rewriting}) to play a producer that breaks a contract, and reads
 * every request it was sent ({@link #received}).
 */
final class EndpointsProducer implements AutoCloseable {

    static final String STATES = "/_contract/states";

    /** One response: status, headers, body (null: none). */
    record Response(int status, Map<String, String> headers, String body) {

        static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    /** What the producer was sent: "METHOD /path?query [Content-Type] body". */
    private final List<String> received = new CopyOnWriteArrayList<>();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "endpoints-producer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile String state = "";
    private volatile UnaryOperator<Response> rewrite = UnaryOperator.identity();
    private volatile String rewritten = null;

    /** The catalog's contracts, whose examples are its answers in their states. */
    private final List<PublishedStub> catalog;

    private EndpointsProducer(HttpServer server, List<PublishedStub> catalog) {
        this.server = server;
        this.catalog = catalog;
    }

    /** A producer that answers {@code GET /credits/packs} as the catalog's contracts among {@code published} do. */
    static EndpointsProducer start(PublishedStubs published) {
        List<PublishedStub> catalog = published.contracts().stream()
                .filter(stub -> stub.request().path().equals("/credits/packs"))
                .toList();
        try {
            EndpointsProducer producer =
                    new EndpointsProducer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), catalog);
            producer.server.setExecutor(producer.threads);
            producer.server.createContext("/", producer::answer);
            producer.server.createContext(STATES, producer::changeState);
            producer.server.start();
            return producer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String statesUrl() {
        return url() + STATES;
    }

    /** Every response to {@code "METHOD /path"} rewritten: a producer that breaks that endpoint's contracts. */
    EndpointsProducer rewriting(String request, UnaryOperator<Response> change) {
        this.rewritten = request;
        this.rewrite = change;
        return this;
    }

    List<String> received() {
        return List.copyOf(received);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            received.add(method + " " + path + (query == null ? "" : "?" + query)
                    + (contentType == null ? "" : " [" + contentType + "]") + (body.isEmpty() ? "" : " " + body));
            Response response = route(method, path, exchange.getRequestHeaders().getFirst("Authorization"), body);
            if ((method + " " + path).equals(rewritten)) {
                response = rewrite.apply(response);
            }
            response.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] bytes =
                    response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), response.body() == null ? -1 : bytes.length);
            if (response.body() != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** The producer itself: what each endpoint answers, from the request. */
    private Response route(String method, String path, String authorization, String body) {
        JsonNode json = readJson(body);
        return switch (method + " " + path) {
            case "GET /credits/packs" -> catalog();
            case "POST /credits/packs/buy" -> {
                if (state.equals("checkoutdown")) {
                    yield Response.json(
                            503,
                            "{\"success\": false, \"error_code\": \"CHECKOUT_UNAVAILABLE\","
                                    + " \"message\": \"Checkout is unavailable, try again later\"}");
                }
                String packId = json == null ? null : json.path("packId").asString(null);
                if (packId == null || packId.isEmpty()) {
                    yield Response.json(
                            400,
                            "{\"success\": false, \"error_code\": \"VALIDATION_ERROR\", \"message\": \"packId is required\"}");
                }
                if (!List.of("pack-1", "pack-2", "pack-3").contains(packId)) {
                    yield Response.json(
                            404,
                            "{\"success\": false, \"error_code\": \"PACK_NOT_FOUND\","
                                    + " \"message\": \"No active credit pack with this id\"}");
                }
                yield Response.json(
                        200,
                        "{\"success\": true, \"data\": {\"checkoutId\": \"chk-7\", \"checkoutUrl\":"
                                + " \"https://pay.example.org/chk-7\", \"packId\": \"" + packId
                                + "\", \"price\": 49.99}}");
            }
            case "PUT /fraudcheck" ->
                new Response(
                        200,
                        Map.of("Content-Type", "application/vnd.fraud.v1+json"),
                        json != null && json.path("loanAmount").asDouble() > 10_000
                                ? "{\"fraudCheckStatus\": \"FRAUD\", \"rejection.reason\": \"Amount too high\"}"
                                : "{\"fraudCheckStatus\": \"OK\", \"rejection.reason\": null}");
            case "GET /users" ->
                Response.json(200, "[{\"id\": 7, \"email\": \"grace@example.org\", \"gender\": \"f\"}]");
            case "GET /orders" ->
                authorization == null
                        ? new Response(
                                401,
                                Map.of("Content-Type", "application/json", "WWW-Authenticate", "Bearer"),
                                "{\"error\": \"unauthorized\"}")
                        : Response.json(200, "{\"orders\": []}");
            case "POST /loans" ->
                new Response(
                        201,
                        Map.of("Content-Type", "application/json", "Location", "/loans/42"),
                        "{\"id\": 42, \"status\": \"PENDING\"}");
            case "DELETE /loans/42" -> new Response(204, Map.of(), null);
            case "GET /loans/999" ->
                Response.json(404, "{\"error\": \"LOAN_NOT_FOUND\", \"message\": \"No loan application 999\"}");
            case "POST /ping" ->
                new Response(200, Map.of("Content-Type", "text/plain"), body.equals("ping") ? "pong" : "?");
            case "POST /matchers" ->
                Response.json(
                        200,
                        "{\"duck\": 456, \"alpha\": \"xyz\", \"number\": 1.5, \"aBoolean\": false,"
                                + " \"date\": \"2024-02-29\", \"valueWithoutAMatcher\": \"foo\"}");
            case "GET /books" ->
                Response.json(
                        200, "[{\"title\": \"Ficciones\", \"authors\": [\"Jorge Luis Borges\"], \"year\": 1944}]");
            default -> Response.json(404, "{\"error\": \"no such endpoint\"}");
        };
    }

    /** The catalog in each of its states: the responses its contracts publish, as its producer gives them. */
    private Response catalog() {
        PublishedStub contract = catalog.stream()
                .filter(stub -> stub.state().equals(state))
                .findFirst()
                .orElseGet(() -> catalog.stream()
                        .filter(PublishedStub::inDefaultState)
                        .findFirst()
                        .orElseThrow());
        return Response.json(contract.rules().status(), PublishedJson.MAPPER.writeValueAsString(contract.example()));
    }

    private void changeState(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode change =
                    PublishedJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            state = change.path("action").asString().equals("setup")
                    ? change.path("state").asString()
                    : "";
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return body.isEmpty() ? null : PublishedJson.MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
