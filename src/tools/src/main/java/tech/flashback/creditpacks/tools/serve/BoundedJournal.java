package tech.flashback.creditpacks.tools.serve;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.common.url.PathParams;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Cookie;
import com.github.tomakehurst.wiremock.http.FormParameter;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.store.RequestJournalStore;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.SubEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The request journal WireMock verifies against ({@code /__admin/requests}), bounded in bytes as
 * well as in entries, and keeping no credential:
 * <ul>
 *   <li>the newest {@code maxEntries} requests, of which no more than {@link #MAX_JOURNAL_BYTES}
 *       (counting each entry's URL, headers and kept bodies); older entries go first;</li>
 *   <li>a request body over {@link #MAX_KEPT_BODY_BYTES} is kept as an empty body (its
 *       Content-Length header still says how long it was); a response body is cut there;</li>
 *   <li>the value of every {@link #CREDENTIAL_HEADERS credential header} and of every cookie is
 *       kept as {@link #REDACTED}, the name kept, so verifying that a header was sent still works;
 *       the same values are replaced wherever the response or WireMock's notes on the request
 *       (the near-miss report) repeat them.</li>
 * </ul>
 * WireMock itself bounds the journal by entries only, and counts the whole journal on every request
 * to do it; this store keeps the bound itself, so WireMock is given none.
 */
final class BoundedJournal implements RequestJournalStore {

    static final int MAX_KEPT_BODY_BYTES = 64 * 1024;
    static final long MAX_JOURNAL_BYTES = 8L * 1024 * 1024;
    static final String REDACTED = "[redacted]";
    /** Lower case. Headers whose value lets whoever reads it act as the client. */
    static final Set<String> CREDENTIAL_HEADERS = Set.of(
            "authorization",
            "proxy-authorization",
            "cookie",
            "x-api-key",
            "api-key",
            "x-auth-token",
            "x-access-token",
            "x-csrf-token",
            "x-xsrf-token",
            "x-amz-security-token");

    private record Entry(ServeEvent event, long bytes) {}

    private final int maxEntries;
    /** Oldest first. */
    private final LinkedHashMap<UUID, Entry> entries = new LinkedHashMap<>();

    private long bytes;

    BoundedJournal(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized void add(ServeEvent event) {
        Entry kept = keep(event);
        Entry replaced = entries.put(event.getId(), kept);
        bytes += kept.bytes() - (replaced == null ? 0 : replaced.bytes());
        trim();
    }

    /** WireMock's update of an entry once its response is sent: kept only while the entry still is. */
    @Override
    public synchronized void put(UUID id, ServeEvent event) {
        Entry old = entries.get(id);
        if (old != null) {
            Entry kept = keep(event);
            entries.put(id, kept);
            bytes += kept.bytes() - old.bytes();
            trim();
        }
    }

    /** Newest first, as WireMock lists them. */
    @Override
    public Stream<ServeEvent> getAll() {
        List<ServeEvent> newestFirst;
        synchronized (this) {
            newestFirst = new ArrayList<>(entries.size());
            entries.values().forEach(entry -> newestFirst.add(entry.event()));
        }
        Collections.reverse(newestFirst);
        return newestFirst.stream();
    }

    @Override
    public Stream<UUID> getAllKeys() {
        return getAll().map(ServeEvent::getId);
    }

    @Override
    public synchronized Optional<ServeEvent> get(UUID id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.event());
    }

    @Override
    public synchronized void remove(UUID id) {
        Entry removed = entries.remove(id);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    @Override
    public synchronized void removeLast() {
        Iterator<Entry> oldest = entries.values().iterator();
        if (oldest.hasNext()) {
            bytes -= oldest.next().bytes();
            oldest.remove();
        }
    }

    @Override
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    /** The bytes the journal's entries count now (for tests). */
    synchronized long bytes() {
        return bytes;
    }

    private void trim() {
        while (entries.size() > maxEntries || (bytes > MAX_JOURNAL_BYTES && entries.size() > 1)) {
            removeLast();
        }
    }

    /** The entry as kept: credentials replaced, an over-long body dropped, its size counted. */
    private static Entry keep(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        Set<String> secrets = secretsOf(request);
        LoggedRequest kept = LoggedRequest.createFrom(new KeptRequest(request, secrets));
        LoggedResponse response = redacted(event.getResponse(), secrets);
        Collection<SubEvent> notes = new ConcurrentLinkedQueue<>();
        for (SubEvent note : event.getSubEvents()) {
            notes.add(secrets.isEmpty() ? note : redacted(note, secrets));
        }
        ServeEvent keptEvent = new ServeEvent(
                event.getId(),
                kept,
                event.getStubMapping(),
                event.getResponseDefinition(),
                response,
                false,
                event.getTiming(),
                new ConcurrentLinkedQueue<>(notes));
        return new Entry(keptEvent, sizeOf(kept, response));
    }

    private static Set<String> secretsOf(LoggedRequest request) {
        Set<String> secrets = new LinkedHashSet<>();
        for (HttpHeader header : request.getHeaders().all()) {
            if (isCredential(header.key())) {
                header.values().stream().filter(value -> !value.isBlank()).forEach(secrets::add);
            }
        }
        if (request.getCookies() != null) {
            request.getCookies()
                    .values()
                    .forEach(cookie -> cookie.getValues().stream()
                            .filter(value -> value != null && !value.isBlank())
                            .forEach(secrets::add));
        }
        // Longest first, so that a value holding another is replaced whole.
        List<String> ordered = new ArrayList<>(secrets);
        ordered.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return new LinkedHashSet<>(ordered);
    }

    static boolean isCredential(String headerName) {
        return CREDENTIAL_HEADERS.contains(headerName.toLowerCase(Locale.ROOT));
    }

    private static String withoutSecrets(String text, Set<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }

    private static boolean mentions(String text, Set<String> secrets) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }

    private static LoggedResponse redacted(LoggedResponse response, Set<String> secrets) {
        if (response == null || secrets.isEmpty()) {
            return response;
        }
        String body = response.getBodyAsString();
        boolean inHeaders = response.getHeaders() != null
                && response.getHeaders().all().stream()
                        .anyMatch(header -> header.values().stream().anyMatch(value -> mentions(value, secrets)));
        if (!mentions(body, secrets) && !inHeaders) {
            return response;
        }
        HttpHeaders headers = response.getHeaders() == null
                ? null
                : new HttpHeaders(response.getHeaders().all().stream()
                        .map(header -> new HttpHeader(
                                header.key(),
                                header.values().stream()
                                        .map(value -> withoutSecrets(value, secrets))
                                        .toList()))
                        .toList());
        byte[] keptBody = mentions(body, secrets)
                ? withoutSecrets(body, secrets).getBytes(response.getCharset())
                : response.getBody();
        return new LoggedResponse(
                response.getStatus(),
                headers,
                keptBody == null ? null : Base64.getEncoder().encodeToString(keptBody),
                response.getFault(),
                null);
    }

    /** WireMock's note (the near-miss report, say) with the secrets it repeats replaced. */
    private static SubEvent redacted(SubEvent note, Set<String> secrets) {
        String json = Json.write(note);
        return mentions(json, secrets) ? Json.read(withoutSecrets(json, secrets), SubEvent.class) : note;
    }

    private static long sizeOf(LoggedRequest request, LoggedResponse response) {
        long size =
                request.getAbsoluteUrl() == null ? 0 : request.getAbsoluteUrl().length();
        for (HttpHeader header : request.getHeaders().all()) {
            size += header.key().length();
            for (String value : header.values()) {
                size += value.length();
            }
        }
        size += request.getBody() == null ? 0 : request.getBody().length;
        if (response != null) {
            size += response.getBody() == null ? 0 : response.getBody().length;
            if (response.getHeaders() != null) {
                for (HttpHeader header : response.getHeaders().all()) {
                    size += header.key().length()
                            + String.join("", header.values()).length();
                }
            }
        }
        return size;
    }

    /** The request as the journal keeps it: the logged request, but for its credentials and an over-long body. */
    private static final class KeptRequest implements Request {

        private final LoggedRequest request;
        private final Set<String> secrets;
        private final boolean bodyKept;

        KeptRequest(LoggedRequest request, Set<String> secrets) {
            this.request = request;
            this.secrets = secrets;
            this.bodyKept = request.getBody() == null || request.getBody().length <= MAX_KEPT_BODY_BYTES;
        }

        @Override
        public HttpHeaders getHeaders() {
            List<HttpHeader> headers = new ArrayList<>();
            for (HttpHeader header : request.getHeaders().all()) {
                headers.add(
                        isCredential(header.key())
                                ? new HttpHeader(
                                        header.key(),
                                        header.values().stream()
                                                .map(value -> REDACTED)
                                                .toList())
                                : header);
            }
            return new HttpHeaders(headers);
        }

        @Override
        public String getHeader(String key) {
            return header(key).firstValue();
        }

        @Override
        public HttpHeader header(String key) {
            return getHeaders().getHeader(key);
        }

        @Override
        public boolean containsHeader(String key) {
            return request.containsHeader(key);
        }

        @Override
        public Set<String> getAllHeaderKeys() {
            return request.getAllHeaderKeys();
        }

        @Override
        public ContentTypeHeader contentTypeHeader() {
            return request.contentTypeHeader();
        }

        @Override
        public Map<String, Cookie> getCookies() {
            if (request.getCookies() == null) {
                return null;
            }
            Map<String, Cookie> cookies = new LinkedHashMap<>();
            request.getCookies()
                    .forEach((name, cookie) -> cookies.put(
                            name,
                            new Cookie(cookie.getValues().stream()
                                    .map(value -> REDACTED)
                                    .toList())));
            return cookies;
        }

        @Override
        public byte[] getBody() {
            if (!bodyKept) {
                return new byte[0];
            }
            byte[] body = request.getBody();
            if (body == null || secrets.isEmpty()) {
                return body;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            return mentions(text, secrets) ? withoutSecrets(text, secrets).getBytes(StandardCharsets.UTF_8) : body;
        }

        @Override
        public String getBodyAsString() {
            byte[] body = getBody();
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String getBodyAsBase64() {
            byte[] body = getBody();
            return Base64.getEncoder().encodeToString(body == null ? new byte[0] : body);
        }

        @Override
        public boolean isMultipart() {
            return bodyKept && request.isMultipart();
        }

        @Override
        public Collection<Part> getParts() {
            return bodyKept ? request.getParts() : null;
        }

        @Override
        public Part getPart(String name) {
            return bodyKept ? request.getPart(name) : null;
        }

        @Override
        public UUID getId() {
            return request.getId();
        }

        @Override
        public String getUrl() {
            return request.getUrl();
        }

        @Override
        public String getAbsoluteUrl() {
            return request.getAbsoluteUrl();
        }

        @Override
        public RequestMethod getMethod() {
            return request.getMethod();
        }

        @Override
        public String getScheme() {
            return request.getScheme();
        }

        @Override
        public String getHost() {
            return request.getHost();
        }

        @Override
        public int getPort() {
            return request.getPort();
        }

        @Override
        public String getClientIp() {
            return request.getClientIp();
        }

        @Override
        public PathParams getPathParameters() {
            return request.getPathParameters();
        }

        @Override
        public QueryParameter queryParameter(String key) {
            return request.queryParameter(key);
        }

        @Override
        public FormParameter formParameter(String key) {
            return request.formParameter(key);
        }

        @Override
        public Map<String, FormParameter> formParameters() {
            return request.formParameters();
        }

        @Override
        public boolean isBrowserProxyRequest() {
            return request.isBrowserProxyRequest();
        }

        @Override
        public Optional<Request> getOriginalRequest() {
            return request.getOriginalRequest();
        }

        @Override
        public String getProtocol() {
            return request.getProtocol();
        }
    }
}
