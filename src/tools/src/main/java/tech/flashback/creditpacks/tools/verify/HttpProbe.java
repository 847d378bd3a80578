package tech.flashback.creditpacks.tools.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import tech.flashback.creditpacks.tools.contracts.ExampleRequest;
import tech.flashback.creditpacks.tools.contracts.HttpAnswer;
import tech.flashback.creditpacks.tools.contracts.Problem;

/**
 * The only way the release tooling talks to a producer or a state hook: every call bounded.
 * A connection must be made within {@code connect}, the whole answer (headers and body) must
 * arrive within {@code answer}, and the body may not exceed {@code maxBodyBytes}; redirects are
 * never followed (the answer is the redirect). Each failure names the URL and what went wrong.
 */
public final class HttpProbe {

    /**
     * The bounds: each call's connection, each call's whole answer, each body's size, and all of
     * one verification's calls together ({@link #DEFAULT}: a run against any producer ends within
     * 30 s of its first call, plus at most one call's bound).
     */
    public record Limits(Duration connect, Duration answer, int maxBodyBytes, Duration run) {

        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024,
                Duration.ofSeconds(30));
    }

    public Limits limits() {
        return limits;
    }

    /** A call that produced no answer to judge: refused, timed out, too large, cut off. */
    public static final class Failure extends Exception {

        public Failure(String message) {
            super(message);
        }
    }

    private final Limits limits;
    private final HttpClient client;

    public HttpProbe(Limits limits) {
        this.limits = limits;
        this.client = HttpClient.newBuilder()
                // As a consumer's request goes: no h2c upgrade offered along with it.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A base URL a producer can be reached at: {@code http(s)://host[:port][/path]}, no query, no
     * fragment; {@code property} names where it came from, for the message.
     *
     * @throws IllegalArgumentException naming the property and what is wrong with its value
     */
    public static String baseUrl(String property, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("-D" + property + "=" + Problem.shorten(value) + " is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() > 65535) {
            throw new IllegalArgumentException("-D" + property + "=" + Problem.shorten(value)
                    + " is not a base URL: give http(s)://host[:port][/path], without a query or fragment");
        }
        return value.strip().replaceAll("/+$", "");
    }

    /** {@code request} sent to the producer at {@code baseUrl}. */
    public HttpAnswer send(String baseUrl, ExampleRequest request) throws Failure {
        URI uri = URI.create(baseUrl.replaceAll("/+$", "") + request.target());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (request.method().equals("GET")) {
            builder.GET();
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        request.headers().forEach(builder::header);
        return exchange(builder, request.method() + " " + uri);
    }

    /** A JSON document POSTed to {@code url} (a state hook). */
    public HttpAnswer postJson(String url, String json) throws Failure {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        return exchange(builder, "POST " + url);
    }

    private HttpAnswer exchange(HttpRequest.Builder request, String call) throws Failure {
        CappedBody body = new CappedBody(limits.maxBodyBytes());
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending = client.sendAsync(request.timeout(limits.answer()).build(), info -> body);
        } catch (IllegalArgumentException notSendable) {
            throw new Failure(call + ": " + Problem.shorten(String.valueOf(notSendable.getMessage())));
        }
        try {
            HttpResponse<byte[]> response = pending.get(limits.answer().toMillis(), TimeUnit.MILLISECONDS);
            return new HttpAnswer(response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            body.abandon();
            pending.cancel(true);
            throw new Failure(call + ": " + tooSlow(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new Failure(call + ": interrupted");
        } catch (ExecutionException e) {
            throw new Failure(call + ": " + (e.getCause() instanceof HttpTimeoutException
                    && !(e.getCause() instanceof HttpConnectTimeoutException) ? tooSlow(body) : describe(e.getCause())));
        }
    }

    /** The answer took longer than allowed, whichever of the two timers noticed first. */
    private String tooSlow(CappedBody body) {
        return "no complete answer within " + seconds(limits.answer()) + " ("
                + (body.received() == 0 ? "nothing received" : body.received() + " bytes of the body received") + ")";
    }

    private String describe(Throwable cause) {
        if (cause instanceof BodyTooLarge) {
            return "the answer's body is larger than " + limits.maxBodyBytes() + " bytes (stopped reading there)";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(limits.connect());
        }
        if (cause instanceof ConnectException connect && connect.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "cannot connect (unknown host)";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (connection refused)";
        }
        if (cause instanceof IOException) {
            return "the connection failed: " + Problem.shorten(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return Problem.shorten(cause.toString());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static final class BodyTooLarge extends IOException {

        BodyTooLarge() {
            super("body too large");
        }
    }

    /** Collects the body up to a cap; cancels the exchange beyond it, or when abandoned after a timeout. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int cap;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;
        private volatile int received;

        CappedBody(int cap) {
            this.cap = cap;
        }

        int received() {
            return received;
        }

        void abandon() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                int size = buffer.remaining();
                if (received + size > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLarge());
                    return;
                }
                byte[] chunk = new byte[size];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
                received += size;
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public synchronized void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
