package tech.flashback.creditpacks.tools.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import tech.flashback.creditpacks.tools.published.ExampleRequest;
import tech.flashback.creditpacks.tools.published.ObservedResponse;
import tech.flashback.creditpacks.tools.published.Problem;

/**
 * The only way the release tooling talks to a producer or a state hook: every call bounded.
 * A connection must be made within {@code connect}, the whole response (headers and body) must
 * arrive within {@code response}, and the body may not exceed {@code maxBodyBytes}; redirects are
 * never followed (the response is the redirect). Each failure names the URL and what went wrong.
 */
public final class HttpProbe {

    /**
     * The bounds: each call's connection, each call's whole response, each body's size, and all of
     * one verification's calls together ({@link #DEFAULT}: a run against any producer ends within
     * 30 s of its first call, plus at most one call's bound).
     */
    public record Limits(Duration connect, Duration response, int maxBodyBytes, Duration run) {

        public static final Limits DEFAULT =
                new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 1024 * 1024, Duration.ofSeconds(30));
    }

    public Limits limits() {
        return limits;
    }

    /** A call that produced no response to judge: refused, timed out, too large, cut off. */
    public static final class Failure extends Exception {

        public Failure(String message) {
            super(message);
        }
    }

    private final Limits limits;
    /** For http:// URLs. */
    private final HttpClient plain;
    /** For https:// URLs, made on the first of them (null until then). */
    private HttpClient tls;

    public HttpProbe(Limits limits) {
        this.limits = limits;
        // Java's client loads the JDK's trust store when it is made, about 0.3 s of a command line's
        // start; a producer on plain HTTP never needs it, and redirects are never followed to https.
        this.plain = client().sslContext(PlainHttpOnly.CONTEXT).build();
    }

    private HttpClient.Builder client() {
        return HttpClient.newBuilder()
                // As a consumer's request goes: no h2c upgrade offered along with it.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.connect())
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    /** The client for {@code uri}: with the JDK's TLS and trust store for anything but plain http. */
    private synchronized HttpClient clientFor(URI uri) {
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            return plain;
        }
        if (tls == null) {
            tls = client().build();
        }
        return tls;
    }

    /**
     * A base URL a producer can be reached at: {@code http(s)://[user:password@]host[:port][/path]},
     * no query, no fragment; {@code property} names where it came from, for the message. A
     * user-info is HTTP Basic credentials: every call to the URL sends them in an
     * {@code Authorization} header, and no message shows them ({@link #shown}).
     *
     * @throws IllegalArgumentException naming the property and what is wrong with its value
     */
    public static String baseUrl(String property, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "-D" + property + "=" + Problem.shorten(shown(value)) + " is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getPort() > 65535) {
            throw new IllegalArgumentException("-D" + property + "=" + Problem.shorten(shown(value))
                    + " is not a base URL: give http(s)://host[:port][/path], without a query or fragment");
        }
        return value.strip().replaceAll("/+$", "");
    }

    /**
     * {@code url} as a report or a message may show it: the password of its user-info replaced by
     * {@code ***} ({@code http://admin:***@host}), or the whole user-info when it has no password,
     * as it may be a token ({@code http://***@host}). The user name stays: it tells a reader which
     * account was used. A text that does not parse as a URL loses everything from its scheme to its
     * last {@code @}.
     */
    public static String shown(String url) {
        if (url == null || !url.contains("@")) {
            return url;
        }
        try {
            URI uri = new URI(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && uri.getHost() != null) {
                int start = url.indexOf("://") + 3;
                int colon = userInfo.indexOf(':');
                return url.substring(0, start) + (colon < 0 ? "" : userInfo.substring(0, colon + 1)) + "***"
                        + url.substring(start + userInfo.length());
            }
            if (uri.getHost() != null && !uri.getRawAuthority().contains("@")) {
                return url; // an @ in the path
            }
        } catch (URISyntaxException notAUrl) {
            // redacted as text, below
        }
        int start = url.indexOf("://") < 0 ? 0 : url.indexOf("://") + 3;
        int at = url.lastIndexOf('@');
        return at < start ? "***" + url.substring(at) : url.substring(0, start) + "***" + url.substring(at);
    }

    /** {@code request} sent to the producer at {@code baseUrl}. */
    public ObservedResponse send(String baseUrl, ExampleRequest request) throws Failure {
        String url = baseUrl.replaceAll("/+$", "") + request.target();
        String call = request.method() + " " + shown(url);
        Destination destination = Destination.of(url, call);
        HttpRequest.Builder builder = destination.request(call);
        if (request.body() != null) {
            builder.method(
                    request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        } else if (request.method().equals("GET")) {
            builder.GET();
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        // Java's client sets these itself, and refuses to be told them.
        request.headers().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        // A contract whose request names its own Authorization holds the producer to that one.
        if (destination.authorization() != null
                && request.headers().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            builder.header("Authorization", destination.authorization());
        }
        return exchange(clientFor(destination.uri()), builder, call);
    }

    /** Headers java.net.http sets itself and does not let a caller set. */
    private static final java.util.Set<String> RESTRICTED =
            java.util.Set.of("connection", "content-length", "expect", "host", "upgrade");

    /** A JSON document POSTed to {@code url} (a state hook). */
    public ObservedResponse postJson(String url, String json) throws Failure {
        String call = "POST " + shown(url);
        Destination destination = Destination.of(url, call);
        HttpRequest.Builder builder = destination
                .request(call)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (destination.authorization() != null) {
            builder.header("Authorization", destination.authorization());
        }
        return exchange(clientFor(destination.uri()), builder, call);
    }

    /**
     * Where a call goes: the URL without its user-info, which Java's HttpClient would ignore, and
     * that user-info as the {@code Authorization: Basic} header its writer meant (null without one).
     */
    private record Destination(URI uri, String authorization) {

        static Destination of(String url, String call) throws Failure {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new Failure(call + ": not a URL");
            }
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null) {
                return new Destination(uri, null);
            }
            int start = url.indexOf("://") + 3;
            // A user-info without a password is a user (or a token) with an empty one, as curl sends it.
            String credentials = uri.getUserInfo().contains(":") ? uri.getUserInfo() : uri.getUserInfo() + ":";
            return new Destination(
                    URI.create(url.substring(0, start) + url.substring(start + userInfo.length() + 1)),
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }

        HttpRequest.Builder request(String call) throws Failure {
            try {
                return HttpRequest.newBuilder(uri);
            } catch (IllegalArgumentException notHttp) {
                throw new Failure(call + ": not an http(s) URL");
            }
        }
    }

    private ObservedResponse exchange(HttpClient client, HttpRequest.Builder request, String call) throws Failure {
        CappedBody body = new CappedBody(limits.maxBodyBytes());
        CompletableFuture<HttpResponse<byte[]>> pending;
        try {
            pending = client.sendAsync(request.timeout(limits.response()).build(), info -> body);
        } catch (IllegalArgumentException notSendable) {
            throw new Failure(call + ": " + Problem.shorten(String.valueOf(notSendable.getMessage())));
        }
        try {
            HttpResponse<byte[]> response = pending.get(limits.response().toMillis(), TimeUnit.MILLISECONDS);
            return new ObservedResponse(
                    response.statusCode(), response.headers().map(), response.body());
        } catch (TimeoutException e) {
            body.abandon();
            pending.cancel(true);
            throw new Failure(call + ": " + tooSlow(body));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new Failure(call + ": interrupted");
        } catch (ExecutionException e) {
            throw new Failure(call + ": "
                    + (e.getCause() instanceof HttpTimeoutException
                                    && !(e.getCause() instanceof HttpConnectTimeoutException)
                            ? tooSlow(body)
                            : describe(e.getCause())));
        }
    }

    /** The response took longer than allowed, whichever of the two timers noticed first. */
    private String tooSlow(CappedBody body) {
        return "no complete answer within " + seconds(limits.response()) + " ("
                + (body.received() == 0 ? "nothing received" : body.received() + " bytes of the body received") + ")";
    }

    private String describe(Throwable cause) {
        if (cause instanceof BodyTooLarge) {
            return "the answer's body is larger than " + limits.maxBodyBytes() + " bytes (stopped reading there)";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(limits.connect());
        }
        if (cause instanceof ConnectException connect
                && connect.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return "cannot connect (unknown host)";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect (connection refused)";
        }
        if (cause instanceof IOException) {
            return "the connection failed: "
                    + Problem.shorten(
                            cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        }
        return Problem.shorten(cause.toString());
    }

    /** "10 s", or "250 ms" for a bound that is not whole seconds. */
    static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /**
     * The TLS of the plain-http client: none. Java's client needs a TLS context to be made, but uses
     * it only for https URLs, which go to the other client; should one ever reach this context, it
     * refuses, so nothing is sent unencrypted or unverified in its place.
     */
    private static final class PlainHttpOnly extends SSLContextSpi {

        static final SSLContext CONTEXT = new SSLContext(new PlainHttpOnly(), null, "none") {};

        private static IllegalStateException refused() {
            return new IllegalStateException("this client speaks plain http only");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        /** Read once, when the client is made. */
        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
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
