package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Clients that take their time: as many connections as the server takes (16 here, 8,192 by
 * default), each sending one header line now and then, or nothing at all, must not lock out a new
 * client. The deadlines are shortened from the defaults (10 s each) only so the test waits less.
 */
class SlowClientsTest {

    private static final int CONNECTION_LIMIT = 16;
    private static final Duration HEAD_DEADLINE = Duration.ofSeconds(1);
    private static final Duration IDLE_DEADLINE = Duration.ofSeconds(2);
    /** How long the slow clients would go on if nobody stopped them. */
    private static final Duration TRICKLE_FOR = Duration.ofSeconds(15);
    /** A deadline, the watchdog's period and some scheduling slack on a busy machine. */
    private static final Duration SLOT_BACK_WITHIN = Duration.ofSeconds(4);
    private static final byte[] REQUEST = "GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    private static ConfigurableApplicationContext producer;
    private static int port;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    static void startProducer() {
        producer = new SpringApplicationBuilder(CreditPacksApplication.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:slow-clients;DB_CLOSE_DELAY=-1",
                "--server.tomcat.max-connections=" + CONNECTION_LIMIT,
                "--credit-packs.http.request-head-timeout=" + HEAD_DEADLINE.toMillis() + "ms",
                "--server.tomcat.connection-timeout=" + IDLE_DEADLINE.toMillis() + "ms",
                // Reads of the store are not what this test is about: a busy machine must not turn them into 500s.
                "--credit-packs.catalog.read-timeout=10s");
        port = ((WebServerApplicationContext) producer).getWebServer().getPort();
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @AfterAll
    static void stopProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void clientsTricklingTheirHeadersAreCutOffAndANewClientIsServed() throws Exception {
        List<Future<Duration>> slow = new ArrayList<>();
        for (int i = 0; i < CONNECTION_LIMIT; i++) {
            // Half of them first send a whole request on a kept-alive connection, then trickle the next.
            boolean keptAlive = i % 2 == 0;
            slow.add(clients.submit(() -> trickleHeaders(keptAlive)));
        }
        Thread.sleep(300);

        assertThat(timeToAnswer()).isLessThan(SLOT_BACK_WITHIN);
        for (Future<Duration> client : slow) {
            assertThat(client.get(TRICKLE_FOR.toSeconds() + 5, TimeUnit.SECONDS)).as("time until the server closed")
                    .isLessThan(SLOT_BACK_WITHIN);
        }
    }

    @Test
    void clientsThatSendNothingAreCutOffAndANewClientIsServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTION_LIMIT; i++) {
                idle.add(new Socket("127.0.0.1", port));
            }
            Thread.sleep(300);

            assertThat(timeToAnswer()).isLessThan(SLOT_BACK_WITHIN);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aHeadSentInPiecesWithinTheDeadlineIsServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (String piece : new String[] {"GET /credits/packs HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "Connection: close\r\n\r\n"}) {
                out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                Thread.sleep(HEAD_DEADLINE.toMillis() / 4);
            }

            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200 ");
        }
    }

    /** One header line every 200 ms until the server closes the connection; how long that took. */
    private static Duration trickleHeaders(boolean keptAlive) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (keptAlive) {
                out.write("GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                drainResponse(in);
            }
            long started = System.nanoTime();
            out.write("GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int line = 0; System.nanoTime() - started < TRICKLE_FOR.toNanos(); line++) {
                try {
                    out.write(("X-Slow-" + line + ": a\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (in.read() == -1) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the server neither answered nor closed: keep trickling
                } catch (IOException closedByServer) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            }
            return TRICKLE_FOR;
        }
    }

    /** Reads until the server goes quiet: the whole response to the first request. */
    private static void drainResponse(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) > 0) {
                // drain
            }
        } catch (SocketTimeoutException drained) {
            // nothing more to read
        }
    }

    /** A well-behaved client's whole exchange: connect, send, read the answer to the end. */
    private static Duration timeToAnswer() throws IOException {
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TRICKLE_FOR.toMillis() + 5_000);
            socket.getOutputStream().write(REQUEST);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200 ");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
