package tech.flashback.creditpacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
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
 *
 * <p>No verdict is a stopwatch reading, which a busy machine could miss: a trickling client must be
 * cut off by the server while it is still sending (left alone, it would go on for a minute), a new
 * client must be served while the silent ones still hold their sockets open, and a head sent in
 * pieces is judged only when the machine let the test send it well within the deadline.
 */
class SlowClientsTest {

    private static final int CONNECTION_LIMIT = 16;
    private static final Duration HEAD_DEADLINE = Duration.ofSeconds(1);
    private static final Duration IDLE_DEADLINE = Duration.ofSeconds(2);
    /** How long a trickling client goes on unless the server cuts it off: what a missing deadline costs. */
    private static final Duration TRICKLE_FOR = Duration.ofSeconds(60);
    /** One header line per this; also how long a read waits before the client sends the next line. */
    private static final Duration LINE_EVERY = Duration.ofMillis(200);
    /** How long the test waits for anything else (a connection, a response) before it gives up. */
    private static final Duration PATIENCE = PatientStore.PATIENCE;

    private static final byte[] REQUEST = "GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    /**
     * How a trickling client's connection ended. Without the deadline, the server does end it too,
     * but only after Tomcat's limit of 100 header lines (20 s here), with a 400 first.
     */
    enum Ending {
        CUT_OFF_BY_THE_SERVER,
        ANSWERED_THEN_CLOSED_BY_THE_SERVER,
        GAVE_UP_AFTER_A_MINUTE
    }

    private static ConfigurableApplicationContext producer;
    private static int port;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeAll
    static void startProducer() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=jdbc:h2:mem:slow-clients;DB_CLOSE_DELAY=-1",
                "--server.tomcat.max-connections=" + CONNECTION_LIMIT,
                "--credit-packs.http.request-head-timeout=" + HEAD_DEADLINE.toMillis() + "ms",
                "--server.tomcat.connection-timeout=" + IDLE_DEADLINE.toMillis() + "ms"));
        // Reads of the store are not what this test is about: a busy machine must not turn them into 500s.
        arguments.addAll(PatientStore.ARGUMENTS);
        producer = new SpringApplicationBuilder(CreditPacksApplication.class).run(arguments.toArray(String[]::new));
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
        CountDownLatch trickling = new CountDownLatch(CONNECTION_LIMIT);
        List<Future<Ending>> slow = new ArrayList<>();
        for (int i = 0; i < CONNECTION_LIMIT; i++) {
            // Half of them first send a whole request on a kept-alive connection, then trickle the next.
            boolean keptAlive = i % 2 == 0;
            slow.add(clients.submit(() -> trickleHeaders(keptAlive, trickling)));
        }
        // Every slow client is connected before the new one: the server takes connections in that order.
        assertThat(trickling.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("every slow client trickling")
                .isTrue();

        assertThat(responseToANewClient()).startsWith("HTTP/1.1 200 ");
        for (Future<Ending> client : slow) {
            assertThat(client.get(TRICKLE_FOR.plus(PATIENCE).toSeconds(), TimeUnit.SECONDS))
                    .as("how a slow client's connection ended")
                    .isEqualTo(Ending.CUT_OFF_BY_THE_SERVER);
        }
    }

    @Test
    void clientsThatSendNothingAreCutOffAndANewClientIsServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTION_LIMIT; i++) {
                idle.add(new Socket("127.0.0.1", port));
            }

            // Served while every silent client still holds its socket open: the server dropped them.
            assertThat(responseToANewClient()).startsWith("HTTP/1.1 200 ");
            for (Socket socket : idle) {
                socket.setSoTimeout((int) PATIENCE.toMillis());
                assertThat(socket.getInputStream().read())
                        .as("a silent client's connection, closed by the server")
                        .isEqualTo(-1);
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void aHeadSentInPiecesWithinTheDeadlineIsServed() throws Exception {
        String[] pieces = {"GET /credits/packs HTTP/1.1\r\n", "Host: 127.0.0.1\r\n", "Connection: close\r\n\r\n"};
        // A pause between pieces as long as the deadline's watchdog takes between its looks, so that
        // it sees the head unfinished at least once. A try in which the machine held the test up so
        // long that the head took more than three quarters of the deadline proves nothing either
        // way: the server might rightly have cut it off. Such a try is made again.
        Duration pause = HEAD_DEADLINE.dividedBy(4);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Try sent = sendInPieces(pieces, pause);
            if (sent.sending().compareTo(HEAD_DEADLINE.multipliedBy(3).dividedBy(4)) < 0) {
                assertThat(sent.response())
                        .as(
                                "the response to a head sent in %d ms",
                                sent.sending().toMillis())
                        .startsWith("HTTP/1.1 200 ");
                return;
            }
            assertThat(System.nanoTime())
                    .as("a try with a head sent in time, within %s", PATIENCE)
                    .isLessThan(deadline);
        }
    }

    /** One try at sending a head in pieces: how long sending it took, and what came back. */
    private record Try(Duration sending, String response) {}

    /**
     * Sends {@code pieces} with {@code pause} between them and reads the response. When the server
     * cuts the connection off, the sending counts until the test saw that, which is after the
     * server's own deadline ran out (the server saw the first byte after the test sent it).
     */
    private static Try sendInPieces(String[] pieces, Duration pause) throws InterruptedException {
        long first = System.nanoTime();
        long sent = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            first = System.nanoTime();
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    Thread.sleep(pause.toMillis());
                }
                out.write(pieces[i].getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            sent = System.nanoTime();
            return new Try(
                    Duration.ofNanos(sent - first),
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException cutOff) {
            return new Try(Duration.ofNanos((sent != 0 ? sent : System.nanoTime()) - first), "no response: " + cutOff);
        }
    }

    /**
     * One header line every {@link #LINE_EVERY} until the server closes the connection or a minute
     * has passed; counts {@code trickling} down once it has begun.
     */
    private static Ending trickleHeaders(boolean keptAlive, CountDownLatch trickling) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (keptAlive) {
                out.write(
                        "GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                assertThat(readResponse(in)).startsWith("HTTP/1.1 200 ");
            }
            socket.setSoTimeout((int) LINE_EVERY.toMillis());
            long started = System.nanoTime();
            out.write("GET /credits/packs HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            trickling.countDown();
            boolean answered = false;
            for (int line = 0; System.nanoTime() - started < TRICKLE_FOR.toNanos(); line++) {
                try {
                    out.write(("X-Slow-" + line + ": a\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (in.read() == -1) {
                        return answered ? Ending.ANSWERED_THEN_CLOSED_BY_THE_SERVER : Ending.CUT_OFF_BY_THE_SERVER;
                    }
                    answered = true;
                } catch (SocketTimeoutException stillOpen) {
                    // the server neither answered nor closed: keep trickling
                } catch (IOException closedByServer) {
                    return answered ? Ending.ANSWERED_THEN_CLOSED_BY_THE_SERVER : Ending.CUT_OFF_BY_THE_SERVER;
                }
            }
            return Ending.GAVE_UP_AFTER_A_MINUTE;
        }
    }

    /** One whole response of a kept-alive connection: its head and its Content-Length bytes of body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next == -1) {
                throw new IOException("connection closed mid-response: " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(next);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = text.lines()
                .map(line -> line.toLowerCase(Locale.ROOT))
                .filter(line -> line.startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(
                        line.substring("content-length:".length()).trim()))
                .findFirst()
                .orElseThrow(() -> new IOException("no Content-Length in " + text));
        in.readNBytes(length);
        return text;
    }

    /** A well-behaved client's whole exchange: connect, send, read the response to the end. */
    private static String responseToANewClient() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // Past the minute the slow clients would go on: a server that waits for them to give up answers too late.
            socket.setSoTimeout((int) TRICKLE_FOR.plus(PATIENCE).toMillis());
            socket.getOutputStream().write(REQUEST);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
