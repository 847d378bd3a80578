package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.ObservedResponse;

/**
 * The probe speaks plain HTTP to an http URL and TLS to an https one: the JDK's TLS, made only
 * when an https URL is first called, so a verification of a producer on plain HTTP does not wait
 * for the trust store to load.
 */
class HttpProbeTest {

    private static final ExampleRequest PACKS =
            new ExampleRequest("GET", "/credits/packs", Map.of(), Map.of("Accept", "application/json"));

    private ServerSocket listener;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setSoTimeout(10_000);
    }

    @AfterEach
    void close() throws IOException {
        for (Socket socket : accepted) {
            socket.close();
        }
        listener.close();
    }

    @Test
    void speaksPlainHttpToAnHttpUrl() throws Exception {
        CompletableFuture<String> requestLine = CompletableFuture.supplyAsync(
                () -> answerOnce("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"));

        ObservedResponse response = new HttpProbe(HttpProbe.Limits.DEFAULT).send(base("http"), PACKS);

        assertThat(requestLine.get(10, TimeUnit.SECONDS)).isEqualTo("GET /credits/packs HTTP/1.1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.bodyText()).isEqualTo("{}");
    }

    @Test
    void opensATlsHandshakeForAnHttpsUrlAfterPlainHttpCalls() throws Exception {
        HttpProbe probe = new HttpProbe(HttpProbe.Limits.DEFAULT);
        CompletableFuture<String> plainCall =
                CompletableFuture.supplyAsync(() -> answerOnce("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
        assertThat(probe.send(base("http"), PACKS).status()).isEqualTo(204);
        assertThat(plainCall.get(10, TimeUnit.SECONDS)).isEqualTo("GET /credits/packs HTTP/1.1");

        CompletableFuture<byte[]> firstBytes = CompletableFuture.supplyAsync(this::firstBytesThenAnswerInPlainHttp);

        assertThatExceptionOfType(HttpProbe.Failure.class)
                .isThrownBy(() -> probe.send(base("https"), PACKS))
                .withMessage("GET " + base("https")
                        + "/credits/packs: the connection failed: Unrecognized SSL message, plaintext connection?");
        // A TLS record (22: handshake) of TLS's major version 3: the ClientHello, not an HTTP request line.
        assertThat(firstBytes.get(10, TimeUnit.SECONDS)).containsExactly(22, 3);
    }

    private String base(String scheme) {
        return scheme + "://127.0.0.1:" + listener.getLocalPort();
    }

    /** Accepts one connection, reads its request head and answers {@code response}; returns the request line. */
    private String answerOnce(String response) {
        try {
            Socket socket = accept();
            BufferedReader head =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String requestLine = head.readLine();
            for (String line = head.readLine(); line != null && !line.isEmpty(); line = head.readLine()) {
                // the rest of the head
            }
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return requestLine;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts one connection and returns its first two bytes, after answering them as a plain HTTP server would. */
    private byte[] firstBytesThenAnswerInPlainHttp() {
        try {
            Socket socket = accept();
            byte[] first = socket.getInputStream().readNBytes(2);
            socket.getOutputStream()
                    .write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return first;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized Socket accept() throws IOException {
        Socket socket = listener.accept();
        socket.setSoTimeout(10_000);
        accepted.add(socket);
        return socket;
    }
}
