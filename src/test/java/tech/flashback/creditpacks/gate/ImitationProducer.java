package tech.flashback.creditpacks.gate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A deliberately wrong producer for the gate's tests: a bare HTTP server on 127.0.0.1 that
 * answers every request with whatever the test last told it to.
 */
final class ImitationProducer implements AutoCloseable {

    /** One canned response. */
    record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private volatile Answer answer = new Answer(503, "application/json", "{}");

    private ImitationProducer(HttpServer server) {
        this.server = server;
    }

    static ImitationProducer start() {
        try {
            ImitationProducer imitation = new ImitationProducer(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            imitation.server.createContext("/", exchange -> {
                Answer current = imitation.answer;
                byte[] body = current.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", current.contentType());
                exchange.sendResponseHeaders(current.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            imitation.server.start();
            return imitation;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void answer(Answer next) {
        this.answer = next;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
