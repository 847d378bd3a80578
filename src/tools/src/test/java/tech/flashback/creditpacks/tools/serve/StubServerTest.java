package tech.flashback.creditpacks.tools.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.JsonNode;

/**
 * The local stub server in this JVM, serving a private copy of {@code stubs/} on a free port,
 * checked over HTTP the way a consumer's app, its tests and a hostile web page meet it.
 */
class StubServerTest {

    private static final Path PUBLISHED = Path.of("stubs");
    private static final String WEB_APP = "http://localhost:5173";
    private static final String EVIL = "http://evil.example";

    private static PublishedStubs published;
    private static ServedCopy copy;
    private static StubServer server;
    private static LocalHttp http;

    @BeforeAll
    static void start() {
        // What every consumer gets: the public stubs answer before any consumer's own.
        published = PublishedStubs.read(PUBLISHED).publicOnly();
        copy = ServedCopy.of(PublishedStubs.read(PUBLISHED));
        server = StubServer.start(
                copy.root(),
                new StubServer.Settings("127.0.0.1", 0, StubServer.DEFAULT_JOURNAL_ENTRIES),
                new ServeLog());
        http = new LocalHttp(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        copy.close();
    }

    @BeforeEach
    void freshState() throws Exception {
        assertThat(http.send("POST", "/__admin/scenarios/reset", null).statusCode())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/__admin/requests", null).statusCode()).isEqualTo(200);
    }

    @Test
    void servesThe200StubWhateverTheClientAccepts() throws Exception {
        for (String[] accept : new String[][] {{}, {"Accept", "application/json"}, {"Accept", "*/*"}}) {
            HttpResponse<String> response = http.get("/credits/packs", accept);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(PublishedJson.MAPPER.readTree(response.body()))
                    .isEqualTo(contract("shouldReturnActivePacks").example());
        }
    }

    @Test
    void servesThe500StubOnlyThroughItsSelector() throws Exception {
        HttpResponse<String> selected = http.get("/credits/packs?simulate=internal-error");
        assertThat(selected.statusCode()).isEqualTo(500);
        assertThat(PublishedJson.MAPPER.readTree(selected.body()))
                .isEqualTo(contract("shouldReturnInternalErrorWhenStoreFails").example());

        assertThat(http.get("/credits/packs?simulate=something-else").statusCode())
                .isEqualTo(200);
        assertThat(http.get("/credits/packs?page=2").statusCode()).isEqualTo(200);
    }

    @Test
    void answersEachProducerStateToTheSameRequestOnceTheScenarioIsSwitchedAndTheCatalogAfterAReset() throws Exception {
        for (PublishedStub contract : published.contracts()) {
            HttpResponse<String> switched = http.send(
                    "PUT",
                    "/__admin/scenarios/" + contract.scenario() + "/state",
                    "{\"state\":\"" + contract.scenarioState() + "\"}");
            assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);

            HttpResponse<String> response = http.get("/credits/packs", "Accept", "application/json");
            assertThat(response.statusCode())
                    .as(contract.state())
                    .isEqualTo(contract.rules().status());
            assertThat(PublishedJson.MAPPER.readTree(response.body()))
                    .as(contract.state())
                    .isEqualTo(contract.example());
        }
        http.send("POST", "/__admin/scenarios/reset", null);
        assertThat(PublishedJson.MAPPER.readTree(http.get("/credits/packs").body()))
                .isEqualTo(contract("shouldReturnActivePacks").example());
    }

    @Test
    void refusesAStateTheStubsDoNotHave() throws Exception {
        HttpResponse<String> refused =
                http.send("PUT", "/__admin/scenarios/credit-packs/state", "{\"state\":\"available\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Scenario credit-packs does not support state available");
    }

    @Test
    void answersAWebAppsPreflightAndRequestForTheStubsWithCorsHeaders() throws Exception {
        HttpResponse<String> preflight = http.send(
                "OPTIONS",
                "/credits/packs",
                null,
                "Origin",
                WEB_APP,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "accept");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(WEB_APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(m -> assertThat(m).contains("GET"));

        HttpResponse<String> actual = http.get("/credits/packs", "Origin", WEB_APP, "Accept", "application/json");
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_APP);
    }

    @Test
    void explainsAnUnmatchedRequestWithA404NearMissReport() throws Exception {
        HttpResponse<String> response = http.get("/credits/pack");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Request was not matched", "/credits/packs", "URL does not match");
    }

    @Test
    void refusesAnAdminPreflightFromAnotherOriginWithoutAnyCorsHeader() throws Exception {
        for (String method : new String[] {"GET", "POST", "DELETE", "PUT"}) {
            HttpResponse<String> preflight = http.send(
                    "OPTIONS",
                    "/__admin/requests",
                    null,
                    "Origin",
                    EVIL,
                    "Access-Control-Request-Method",
                    method,
                    "Access-Control-Request-Headers",
                    "content-type");

            assertRefusedCrossOrigin(preflight, EVIL);
        }
    }

    @Test
    void refusesEveryAdminRequestFromAnotherOriginAndLeavesTheServerAsItWas() throws Exception {
        String mappingsBefore = http.get("/__admin/mappings").body();
        String someMapping = http.json(http.get("/__admin/mappings"))
                .path("mappings")
                .get(0)
                .path("id")
                .asString();
        String injected = "{\"request\":{\"method\":\"GET\",\"url\":\"/credits/packs\"},\"priority\":1,"
                + "\"response\":{\"status\":200,\"body\":\"{\\\"success\\\":true,\\\"data\\\":[{\\\"id\\\":\\\"evil\\\"}]}\"}}";
        http.get("/credits/packs", "Authorization", "Bearer consumer-token");

        for (String origin : new String[] {
            EVIL, WEB_APP, "null", "http://127.0.0.1:" + (server.port() + 1), "https://localhost:" + server.port()
        }) {
            assertRefusedCrossOrigin(http.get("/__admin/requests", "Origin", origin), origin);
            assertRefusedCrossOrigin(
                    http.send("POST", "/__admin/mappings", injected, "Origin", origin, "Content-Type", "text/plain"),
                    origin);
            assertRefusedCrossOrigin(http.send("POST", "/__admin/mappings/save", null, "Origin", origin), origin);
            assertRefusedCrossOrigin(
                    http.send("DELETE", "/__admin/mappings/" + someMapping, null, "Origin", origin), origin);
            assertRefusedCrossOrigin(http.send("POST", "/__admin/shutdown", null, "Origin", origin), origin);
        }

        assertThat(server.isRunning()).isTrue();
        assertThat(http.get("/__admin/mappings").body()).isEqualTo(mappingsBefore);
        assertThat(PublishedJson.MAPPER.readTree(http.get("/credits/packs").body()))
                .isEqualTo(contract("shouldReturnActivePacks").example());
        assertThat(http.json(http.get("/__admin/requests")).path("requests").size())
                .as("refused requests never reach the journal")
                .isEqualTo(2);
    }

    @Test
    void refusesAdminRequestsABrowserMarksAsComingFromAnotherSite() throws Exception {
        for (String site : new String[] {"cross-site", "same-site"}) {
            HttpResponse<String> refused = http.get("/__admin/requests", "Sec-Fetch-Site", site);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(http.json(refused).path("error_code").asString()).isEqualTo("CROSS_ORIGIN_REFUSED");
            assertThat(http.json(refused).path("message").asString()).contains("Sec-Fetch-Site: '" + site + "'");
        }
    }

    @Test
    void refusesAdminRequestsAddressedToAnotherHostAsADnsRebindingPageSendsThem() throws Exception {
        for (String host : new String[] {"evil.example:" + server.port(), "rebind.evil.example", "127.0.0.1.nip.io"}) {
            LocalHttp.RawResponse refused = http.raw("GET /__admin/requests HTTP/1.1\r\nHost: " + host);

            assertThat(refused.status()).as(host).isEqualTo(403);
            assertThat(refused.headers())
                    .as(host)
                    .containsEntry("content-type", "application/json")
                    .doesNotContainKeys("access-control-allow-origin", "access-control-allow-credentials");
            JsonNode body = LocalHttp.JSON.readTree(refused.body());
            assertThat(body.path("success").asBoolean(true)).isFalse();
            assertThat(body.path("error_code").asString()).isEqualTo("FOREIGN_HOST");
            assertThat(body.path("message").asString()).contains("'" + host + "'");
        }
        // The stubs themselves answer whatever the Host: their answers are public, and CORS already shares them.
        assertThat(http.raw("GET /credits/packs HTTP/1.1\r\nHost: evil.example").status())
                .isEqualTo(200);
    }

    @Test
    void letsTheMachinesOwnToolsAndTheServersOwnOriginUseTheAdminApi() throws Exception {
        String own = "http://localhost:" + server.port();
        for (String[] headers : new String[][] {
            {},
            {"Origin", own},
            {"Origin", "http://127.0.0.1:" + server.port()},
            {"Sec-Fetch-Site", "same-origin"},
            {"Sec-Fetch-Site", "none"}
        }) {
            HttpResponse<String> allowed =
                    http.send("PUT", "/__admin/scenarios/credit-packs/state", "{\"state\":\"storefailure\"}", headers);

            assertThat(allowed.statusCode()).as(String.join(" ", headers)).isEqualTo(200);
            assertThat(allowed.headers().map().keySet())
                    .as("no CORS on the admin API")
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            assertThat(http.get("/credits/packs").statusCode()).isEqualTo(500);
            http.send("POST", "/__admin/scenarios/reset", null);
        }
        for (String host : new String[] {
            "localhost:" + server.port(), "127.0.0.1", "127.1.2.3:80", "[::1]:" + server.port(), "LOCALHOST."
        }) {
            assertThat(http.raw("GET /__admin/scenarios HTTP/1.1\r\nHost: " + host)
                            .status())
                    .as(host)
                    .isEqualTo(200);
        }
    }

    @Test
    void keepsTheNewestRequestsForVerificationUpToItsBound() throws Exception {
        int bound = StubServer.DEFAULT_JOURNAL_ENTRIES;
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, 3 * bound)
                    .mapToObj(i -> clients.submit(
                            () -> http.get("/credits/packs?concurrent=" + i).statusCode()))
                    .toList();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(http.json(http.get("/__admin/requests"))
                        .path("meta")
                        .path("total")
                        .asInt())
                .as("exactly the bound after concurrent requests")
                .isEqualTo(bound);
        List<String> newestFirst = IntStream.range(0, bound)
                .mapToObj(i -> "/credits/packs?sequential=" + (bound - 1 - i))
                .toList();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            assertThat(http.get(newestFirst.get(i)).statusCode()).isEqualTo(200);
        }

        JsonNode journal = http.json(http.get("/__admin/requests"));
        assertThat(journal.path("meta").path("total").asInt()).isEqualTo(bound);
        List<String> journaled = new ArrayList<>();
        journal.path("requests")
                .forEach(
                        event -> journaled.add(event.path("request").path("url").asString()));
        assertThat(journaled).containsExactlyElementsOf(newestFirst);
        assertThat(countRequests("{\"method\": \"GET\", \"urlPath\": \"/credits/packs\"}"))
                .isEqualTo(bound);
        assertThat(
                        countRequests(
                                "{\"method\": \"GET\", \"urlPath\": \"/credits/packs\", \"queryParameters\": {\"concurrent\": {\"matches\": \".*\"}}}"))
                .as("requests older than the bound")
                .isZero();
    }

    @Test
    void keepsCredentialHeadersAndCookiesInTheJournalByNameOnly() throws Exception {
        Map<String, String> credentials = Map.of(
                "Authorization",
                "Bearer eyJ-consumer-token",
                "Proxy-Authorization",
                "Basic cHJveHk6cGFzcw==",
                "Cookie",
                "session=s3ss10n-value; theme=dark",
                "X-Api-Key",
                "api-key-4711",
                "X-CSRF-Token",
                "csrf-0815");
        StringBuilder headers = new StringBuilder("\r\nHost: localhost\r\nAccept: application/json");
        // Raw: Java's HTTP client leaves Proxy-Authorization out.
        credentials.forEach((name, value) ->
                headers.append("\r\n").append(name).append(": ").append(value));
        assertThat(http.raw("GET /credits/packs HTTP/1.1" + headers).status()).isEqualTo(200);
        // A path no stub has: WireMock's near-miss report on it is journaled too.
        assertThat(http.raw("GET /credits/unknown HTTP/1.1" + headers).status()).isEqualTo(404);

        HttpResponse<String> journal = http.get("/__admin/requests");
        for (String secret : List.of(
                "eyJ-consumer-token", "cHJveHk6cGFzcw==", "s3ss10n-value", "dark", "api-key-4711", "csrf-0815")) {
            assertThat(journal.body())
                    .as("the journal as the admin API answers it")
                    .doesNotContain(secret);
        }
        JsonNode request = http.json(journal).path("requests").get(1).path("request");
        for (String name : credentials.keySet()) {
            assertThat(request.path("headers").path(name).asString()).as(name).isEqualTo(BoundedJournal.REDACTED);
        }
        assertThat(request.path("headers").path("Accept").asString()).isEqualTo("application/json");
        assertThat(request.path("cookies").path("session").asString()).isEqualTo(BoundedJournal.REDACTED);
        assertThat(request.path("cookies").path("theme").asString()).isEqualTo(BoundedJournal.REDACTED);
        assertThat(countRequests(
                        "{\"urlPath\": \"/credits/packs\", \"headers\": {\"Authorization\": {\"matches\": \".+\"}}}"))
                .as("verification by the header's presence")
                .isEqualTo(1);
        assertThat(
                        countRequests(
                                "{\"urlPath\": \"/credits/packs\", \"headers\": {\"Authorization\": {\"equalTo\": \"Bearer eyJ-consumer-token\"}}}"))
                .as("verification by the header's value")
                .isZero();
    }

    @Test
    void keepsARequestBodyUpTo64KiBAndAnyLongerOneAsEmpty() throws Exception {
        String kept = "k".repeat(BoundedJournal.MAX_KEPT_BODY_BYTES);
        String dropped = "d".repeat(BoundedJournal.MAX_KEPT_BODY_BYTES + 1);
        assertThat(http.send("POST", "/credits/packs", kept, "Content-Type", "text/plain")
                        .statusCode())
                .isEqualTo(404);
        assertThat(http.send("POST", "/credits/packs", dropped, "Content-Type", "text/plain")
                        .statusCode())
                .isEqualTo(404);

        JsonNode requests = http.json(http.get("/__admin/requests")).path("requests");
        JsonNode newest = requests.get(0).path("request");
        assertThat(newest.path("body").asString()).isEmpty();
        assertThat(newest.path("headers").path("Content-Length").asString())
                .isEqualTo(String.valueOf(dropped.length()));
        assertThat(requests.get(1).path("request").path("body").asString()).isEqualTo(kept);
    }

    @Test
    void keepsNoMoreThan8MiBInTheJournalWhateverItsEntryBound() throws Exception {
        ServedCopy ownCopy = ServedCopy.of(PublishedStubs.read(PUBLISHED));
        try (StubServer own = StubServer.start(
                ownCopy.root(),
                new StubServer.Settings("127.0.0.1", 0, StubServer.MAX_JOURNAL_ENTRIES),
                new ServeLog())) {
            LocalHttp client = new LocalHttp(own.port());
            int sent = 200;
            String body = "b".repeat(60 * 1024);
            for (int i = 0; i < sent; i++) {
                assertThat(client.send("POST", "/credits/packs?n=" + i, body, "Content-Type", "text/plain")
                                .statusCode())
                        .isEqualTo(404);
            }

            JsonNode requests = client.json(client.get("/__admin/requests")).path("requests");
            long keptBodies = 0;
            for (JsonNode event : requests) {
                keptBodies += event.path("request").path("body").asString().length();
            }
            assertThat(keptBodies).isLessThanOrEqualTo(BoundedJournal.MAX_JOURNAL_BYTES);
            // 8 MiB hold 136 bodies of 60 KiB; each entry also counts its headers and the 404's report.
            assertThat(requests.size()).isBetween(100, 136);
            List<String> newestFirst = new ArrayList<>();
            requests.forEach(
                    event -> newestFirst.add(event.path("request").path("url").asString()));
            assertThat(newestFirst)
                    .containsExactlyElementsOf(IntStream.range(0, requests.size())
                            .mapToObj(i -> "/credits/packs?n=" + (sent - 1 - i))
                            .toList());
        } finally {
            ownCopy.close();
        }
    }

    @Test
    void refusesABodyOver1MiBAsSentWith413AndNeverJournalsIt() throws Exception {
        byte[] atTheBound = new byte[RequestBodyLimit.MAX_BODY_BYTES];
        assertThat(http.send(HttpRequest.newBuilder(http.uri("/credits/packs"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(atTheBound)))
                        .statusCode())
                .as("a body of exactly 1 MiB reaches WireMock (no stub takes a POST)")
                .isEqualTo(404);

        byte[] over = new byte[RequestBodyLimit.MAX_BODY_BYTES + 1];
        for (String path : new String[] {"/credits/packs", "/__admin/mappings"}) {
            HttpResponse<String> declared = http.send(
                    HttpRequest.newBuilder(http.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(over)));
            assertTooLarge(declared, "this one has " + over.length);

            // Chunked: no Content-Length says how long it is.
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(http.uri(path))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(new byte[2 * RequestBodyLimit.MAX_BODY_BYTES]))));
            assertTooLarge(chunked, "this one has more");
        }
        HttpResponse<String> tenMegabytes = http.send(
                HttpRequest.newBuilder(http.uri("/credits/packs"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10 * 1024 * 1024])),
                "Origin",
                WEB_APP);
        assertTooLarge(tenMegabytes, "this one has 10485760");
        assertThat(tenMegabytes.headers().firstValue("Access-Control-Allow-Origin"))
                .as("a web app reads why")
                .hasValue(WEB_APP);

        assertThat(http.json(http.get("/__admin/requests"))
                        .path("meta")
                        .path("total")
                        .asInt())
                .as("only the 1 MiB body's request")
                .isEqualTo(1);
    }

    @Test
    void refusesABodyThatInflatesToMoreThan1MiBWith413AndOneThatIsNotGzipWith400() throws Exception {
        byte[] bomb = gzip(new byte[16 * RequestBodyLimit.MAX_BODY_BYTES]);
        assertThat(bomb.length).isLessThan(64 * 1024);
        // WireMock inflates a body that says it is gzip, and one that merely starts like gzip.
        for (String[] headers : new String[][] {{"Content-Encoding", "gzip"}, {"Content-Type", "text/plain"}}) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(http.uri("/credits/packs"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bomb)),
                    headers);
            assertTooLarge(refused, "this one inflates to more");
        }

        byte[] fine = gzip("{\"small\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(http.send(
                                HttpRequest.newBuilder(http.uri("/credits/packs"))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(fine)),
                                "Content-Encoding",
                                "gzip")
                        .statusCode())
                .isEqualTo(404);

        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(http.uri("/credits/packs"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x1f, (byte) 0x8b, 1, 2, 3})));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(http.json(broken).path("error_code").asString()).isEqualTo("BAD_REQUEST");
        assertThat(http.json(broken).path("message").asString()).contains("not valid gzip");
    }

    @Test
    void savesAndDeletesMappingsThroughTheAdminApiWithoutTouchingThePublishedStubs() throws Exception {
        Map<String, String> before = fingerprint(PUBLISHED);
        JsonNode mappings = http.json(http.get("/__admin/mappings")).path("mappings");
        String deleted = mappings.get(0).path("id").asString();
        int copiedFiles = fingerprint(copy.root()).size();

        HttpResponse<String> added = http.send(
                "POST",
                "/__admin/mappings",
                "{\"request\":{\"method\":\"GET\",\"url\":\"/added\"},\"response\":{\"status\":204},\"persistent\":true}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(http.send("POST", "/__admin/mappings/save", null).statusCode())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/__admin/mappings/" + deleted, null).statusCode())
                .isEqualTo(200);

        assertThat(fingerprint(PUBLISHED)).as("stubs/, byte for byte").isEqualTo(before);
        assertThat(fingerprint(copy.root()))
                .as("the server's own copy took the changes")
                .isNotEqualTo(fingerprint(PUBLISHED))
                .hasSizeGreaterThanOrEqualTo(copiedFiles);
        // Back to the published stubs for the other tests.
        assertThat(http.send("POST", "/__admin/mappings/remove-by-metadata", "{\"matchesJsonPath\": \"$.nothing\"}")
                        .statusCode())
                .isLessThan(500);
        http.send("DELETE", "/__admin/mappings/" + http.json(added).path("id").asString(), null);
        assertThat(http.send(
                                "POST",
                                "/__admin/mappings/import",
                                "{\"mappings\": ["
                                        + Files.readString(published.stubs().stream()
                                                .filter(stub -> stub.mapping()
                                                        .toString()
                                                        .contains(mappingFileOf(mappings.get(0))))
                                                .findFirst()
                                                .map(stub -> PUBLISHED.resolve(stub.mapping()))
                                                .orElseThrow())
                                        + "]}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.json(http.get("/__admin/mappings")).path("mappings").size())
                .isEqualTo(mappings.size());
    }

    private static String mappingFileOf(JsonNode mapping) {
        return mapping.path("name").asString().isEmpty()
                ? mapping.path("id").asString()
                : mapping.path("name").asString();
    }

    private static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        MessageDigest sha = sha256();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(
                        root.relativize(file).toString(),
                        HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return files;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static void assertTooLarge(HttpResponse<String> response, String why) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = LocalHttp.JSON.readTree(response.body());
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error_code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(body.path("message").asString())
                .isEqualTo("A request body may be at most 1048576 bytes (1 MiB); " + why + ".");
    }

    private static void assertRefusedCrossOrigin(HttpResponse<String> response, String origin) {
        assertThat(response.statusCode())
                .as(
                        "%s %s from %s",
                        response.request().method(), response.request().uri(), origin)
                .isEqualTo(403);
        HttpHeaders headers = response.headers();
        assertThat(headers.firstValue("Content-Type")).hasValue("application/json");
        assertThat(headers.map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        JsonNode body = LocalHttp.JSON.readTree(response.body());
        assertThat(body.path("success").asBoolean(true)).isFalse();
        assertThat(body.path("error_code").asString()).isEqualTo("CROSS_ORIGIN_REFUSED");
        assertThat(body.path("message").asString())
                .startsWith("The admin API is for this machine's own tools, not for web pages:"
                        + " a request from origin '" + origin + "' is refused.");
    }

    private static int countRequests(String pattern) throws IOException, InterruptedException {
        HttpResponse<String> count = http.send("POST", "/__admin/requests/count", pattern);
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        return http.json(count).path("count").asInt();
    }

    private static PublishedStub contract(String name) {
        return published.contracts().stream()
                .filter(stub -> stub.contract().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
