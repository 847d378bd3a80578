package tech.flashback.creditpacks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that each send one request after another to one URL (with a short pause between them)
 * until stopped, and record every response: when the request was sent, how long the response took,
 * its status and body. A request with no response within {@link #GIVE_UP} (or a broken connection)
 * counts as status 0.
 */
final class ConcurrentClients implements AutoCloseable {

    static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final Duration PAUSE = Duration.ofMillis(20);

    /** One request of client number {@code client}: sent at {@code sentNanos} (System.nanoTime), answered {@code latencyNanos} later. */
    record Response(int client, long sentNanos, long latencyNanos, int status, String body) {

        long receivedNanos() {
            return sentNanos + latencyNanos;
        }

        Duration latency() {
            return Duration.ofNanos(latencyNanos);
        }
    }

    private final int count;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Response> responses = Collections.synchronizedList(new ArrayList<>());

    /**
     * Each client is a thread with a keep-alive connection of its own, speaking plain HTTP/1.1:
     * 250 of them cost the test little, so the figures are the server's, not the client library's.
     */
    ConcurrentClients(int count, URI target) {
        this.count = count;
        threads = Executors.newFixedThreadPool(count);
        byte[] request = ("GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getAuthority()
                        + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < count; i++) {
            int client = i;
            threads.execute(() -> keepAsking(client, new KeptAliveConnection(target), request));
        }
    }

    /** One client's thread: sends {@code request}, records the response, pauses, and again, until stopped. */
    private void keepAsking(int client, KeptAliveConnection connection, byte[] request) {
        try {
            while (running.get()) {
                long sent = System.nanoTime();
                WireResponse response = connection.exchange(request);
                responses.add(new Response(client, sent, System.nanoTime() - sent, response.status(), response.body()));
                try {
                    Thread.sleep(PAUSE.toMillis());
                } catch (InterruptedException stopped) {
                    break;
                }
            }
        } finally {
            connection.close();
        }
    }

    /** A client's connection, kept alive from one request to the next, and opened again after the server closed it or it broke. */
    private static final class KeptAliveConnection {

        private final URI target;
        private Socket socket;
        private DataInputStream in;

        KeptAliveConnection(URI target) {
            this.target = target;
        }

        /** {@code request}'s response; status 0, with the failure as its body, when none came (or the connection broke). */
        WireResponse exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket(target.getHost(), target.getPort());
                    socket.setSoTimeout((int) GIVE_UP.toMillis());
                    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                }
                socket.getOutputStream().write(request);
                WireResponse response = WireResponse.read(in);
                if (response.closes()) {
                    close();
                }
                return response;
            } catch (IOException noResponse) {
                close();
                return new WireResponse(0, noResponse.toString(), true);
            }
        }

        void close() {
            closeQuietly(socket);
            socket = null;
        }
    }

    /** One HTTP/1.1 response: status, body (with Content-Length or chunked), and whether the server closes. */
    private record WireResponse(int status, String body, boolean closes) {

        static WireResponse read(DataInputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = 0;
            boolean chunked = false;
            boolean closes = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                switch (name) {
                    case "content-length" -> length = Integer.parseInt(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> {}
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
                line(in);
            } else {
                body.write(in.readNBytes(length));
            }
            return new WireResponse(status, body.toString(StandardCharsets.UTF_8), closes);
        }

        private static String line(DataInputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("connection closed mid-response");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    private static void closeQuietly(Socket connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException alreadyGone) {
                // nothing to release
            }
        }
    }

    /** Every response so far, oldest request first. */
    List<Response> responses() {
        synchronized (responses) {
            List<Response> copy = new ArrayList<>(responses);
            copy.sort(Comparator.comparingLong(Response::sentNanos));
            return copy;
        }
    }

    /** Whether every client has had a response to a request it sent at or after {@code sentNanos} (System.nanoTime). */
    boolean everyClientAnsweredSince(long sentNanos) {
        synchronized (responses) {
            return responses.stream()
                            .filter(response -> response.sentNanos() >= sentNanos)
                            .map(Response::client)
                            .distinct()
                            .count()
                    == count;
        }
    }

    /** How many clients have had no response yet to a request they sent at or after {@code sentNanos}. */
    long clientsUnansweredSince(long sentNanos) {
        synchronized (responses) {
            return count
                    - responses.stream()
                            .filter(response -> response.sentNanos() >= sentNanos)
                            .map(Response::client)
                            .distinct()
                            .count();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(GIVE_UP.toSeconds() + 5, TimeUnit.SECONDS)) {
            threads.shutdownNow();
        }
    }

    static Duration median(List<Response> responses) {
        List<Long> latencies =
                responses.stream().map(Response::latencyNanos).sorted().toList();
        return latencies.isEmpty() ? Duration.ZERO : Duration.ofNanos(latencies.get(latencies.size() / 2));
    }

    static Duration max(List<Response> responses) {
        return Duration.ofNanos(
                responses.stream().mapToLong(Response::latencyNanos).max().orElse(0));
    }
}
