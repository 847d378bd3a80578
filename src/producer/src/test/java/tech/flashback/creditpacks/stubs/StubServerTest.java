package tech.flashback.creditpacks.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.contract.ContractStubs;
import tech.flashback.creditpacks.tools.contracts.PublishedJson;
import tech.flashback.creditpacks.tools.contracts.PublishedStub;
import tech.flashback.creditpacks.tools.contracts.PublishedStubs;

/**
 * The local stub server exactly as the README starts it ({@code src/stub-server/serve}), on a
 * free port, checked over HTTP the way a browser app or a script meets it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StubServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String WEB_APP = "http://localhost:5173";
    /** How many requests serve's journal keeps by default (its {@code --journal-entries}). */
    private static final int JOURNAL_ENTRIES = 100;

    private static Process server;
    private static BufferedReader output;
    private static int port;

    @BeforeAll
    static void startAsTheReadmeSays() throws Exception {
        port = FreePort.next();
        server = new ProcessBuilder(asTerminalJob(List.of("src/stub-server/serve", "--port", String.valueOf(port))))
                .redirectErrorStream(true).start();
        output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        // Nothing before it: WireMock's output goes to its log, and serve's own waiting is silent.
        // Longer than serve's own 120 s start-up deadline, so that serve, not this wait, decides.
        String firstLine = CompletableFuture.supplyAsync(() -> readUntil(output, "")).get(150, TimeUnit.SECONDS);
        assertThat(firstLine).startsWith("Stubs from ").contains(" served at http://localhost:" + port + "/credits/packs");
    }

    @AfterAll
    static void stop() throws Exception {
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    @Test
    void servesThe200StubWhateverTheClientAccepts() throws Exception {
        for (String accept : new String[] {null, "application/json", "*/*"}) {
            HttpResponse<String> response = get("/credits/packs", accept == null ? new String[0] : new String[] {"Accept", accept});

            assertThat(response.statusCode()).as("Accept %s", accept).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(JSON.readTree(response.body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
        }
    }

    @Test
    void servesThe500StubOnlyThroughItsSelector() throws Exception {
        HttpResponse<String> selected = get("/credits/packs?simulate=internal-error");
        assertThat(selected.statusCode()).isEqualTo(500);
        assertThat(selected.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(selected.body()))
                .isEqualTo(ContractStubs.responseBody("shouldReturnInternalErrorWhenStoreFails"));

        assertThat(get("/credits/packs?simulate=something-else").statusCode()).isEqualTo(200);
        assertThat(get("/credits/packs?page=2").statusCode()).isEqualTo(200);
    }

    @Test
    void answersEachProducerStateToTheSameRequestOnceTheScenarioIsSwitchedAndTheCatalogAfterAReset() throws Exception {
        PublishedStubs published = PublishedStubs.read(ContractStubs.PUBLISHED);
        try {
            for (PublishedStub contract : published.contracts()) {
                HttpResponse<String> switched = send(HttpRequest.newBuilder(uri("/__admin/scenarios/" + published.scenario() + "/state"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"" + contract.scenarioState() + "\"}")));
                assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);

                HttpResponse<String> answer = get("/credits/packs", "Accept", "application/json");
                assertThat(answer.statusCode()).as(contract.state()).isEqualTo(contract.rules().status());
                assertThat(PublishedJson.MAPPER.readTree(answer.body())).as(contract.state()).isEqualTo(contract.example());
                assertThat(get("/credits/packs?simulate=internal-error").statusCode()).as("the selector in " + contract.state())
                        .isEqualTo(500);
            }
        } finally {
            send(HttpRequest.newBuilder(uri("/__admin/scenarios/reset")).POST(HttpRequest.BodyPublishers.noBody()));
        }
        assertThat(JSON.readTree(get("/credits/packs").body())).isEqualTo(ContractStubs.responseBody("shouldReturnActivePacks"));
    }

    @Test
    void refusesAStateTheStubsDoNotHave() throws Exception {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/__admin/scenarios/credit-packs/state"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"available\"}")));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Scenario credit-packs does not support state available");
    }

    @Test
    void answersBrowserPreflightAndActualRequestWithCorsHeaders() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/credits/packs"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", WEB_APP)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "accept"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_APP);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("GET"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(h -> assertThat(h).containsIgnoringCase("accept"));

        HttpResponse<String> actual = get("/credits/packs", "Origin", WEB_APP, "Accept", "application/json");
        assertThat(actual.statusCode()).isEqualTo(200);
        assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).hasValue(WEB_APP);
    }

    @Test
    void explainsAnUnmatchedRequestWithA404NearMissReport() throws Exception {
        HttpResponse<String> response = get("/credits/pack");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Request was not matched", "/credits/packs", "URL does not match");
    }

    @Test
    void keepsTheNewestRequestsForVerificationUpToItsBound() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/__admin/requests")).DELETE()).statusCode()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, 3 * JOURNAL_ENTRIES)
                    .mapToObj(i -> clients.submit(() -> get("/credits/packs?concurrent=" + i).statusCode()))
                    .toList();
            for (Future<Integer> status : statuses) {
                assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        // Then one bound's worth in a known order: WireMock trims its journal without a lock, so
        // concurrent requests may leave it a few entries short, never over.
        List<String> newestFirst = IntStream.range(0, JOURNAL_ENTRIES)
                .mapToObj(i -> "/credits/packs?sequential=" + (JOURNAL_ENTRIES - 1 - i)).toList();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            assertThat(get(newestFirst.get(i)).statusCode()).isEqualTo(200);
        }

        JsonNode journal = JSON.readTree(get("/__admin/requests").body());
        assertThat(journal.path("meta").path("total").asInt()).isEqualTo(JOURNAL_ENTRIES);
        List<String> journaled = new ArrayList<>();
        journal.path("requests").forEach(event -> journaled.add(event.path("request").path("url").asString()));
        assertThat(journaled).containsExactlyElementsOf(newestFirst);
        assertThat(countRequests("{\"method\": \"GET\", \"urlPath\": \"/credits/packs\"}")).isEqualTo(JOURNAL_ENTRIES);
        assertThat(countRequests("{\"method\": \"GET\", \"url\": \"" + newestFirst.get(0) + "\"}")).isEqualTo(1);
        assertThat(countRequests("{\"method\": \"GET\", \"urlPath\": \"/credits/packs\", \"queryParameters\": {\"concurrent\": {\"matches\": \".*\"}}}"))
                .as("requests older than the bound").isZero();
    }

    @Test
    void refusesAPortInUseWithTheBindErrorAndNoUrl() throws Exception {
        Exit second = serveUntilExit("--port", String.valueOf(port));

        assertThat(second.code()).isEqualTo(1);
        assertThat(second.printed())
                .contains("Failed to bind to /127.0.0.1:" + port)
                .contains("another process listens on 127.0.0.1:" + port)
                .doesNotContain("served at", "http://localhost:" + port);
        assertThat(get("/credits/packs").statusCode()).as("the server holding the port").isEqualTo(200);
    }

    @Test
    void refusesAJournalBoundOutsideOneToTenThousand() throws Exception {
        for (String entries : new String[] {"0", "10001", "all"}) {
            Exit refused = serveUntilExit("--port", String.valueOf(FreePort.next()), "--journal-entries", entries);

            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.printed())
                    .isEqualTo("serve: --journal-entries takes a whole number from 1 to 10000, not '" + entries + "'\n");
        }
    }

    /** Last, because it stops the shared server the way a user does. */
    @Test
    @Order(Integer.MAX_VALUE)
    void stopsCleanlyOnCtrlC() throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();

        assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped within 20 s").isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(readUntil(output, "stopped")).isEqualTo("Stub server stopped.");
        assertThat(isListening(port)).isFalse();
    }

    /**
     * The command as a terminal runs it, Ctrl-C reaching it. A build started in the background by
     * a non-interactive shell (as some CI runners start it) passes on SIGINT ignored, and a shell
     * script cannot trap a signal it was started with ignored; GNU env gives it back its default.
     */
    private static List<String> asTerminalJob(List<String> command) throws IOException {
        Path status = Path.of("/proc/self/status");
        boolean interruptIgnored = Files.isReadable(status) && Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .anyMatch(line -> (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0);
        if (!interruptIgnored) {
            return command;
        }
        List<String> restored = new ArrayList<>(List.of("env", "--default-signal=INT"));
        restored.addAll(command);
        return restored;
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Exit(int code, String printed) {
    }

    /** Runs serve when it is expected to give up rather than serve, bounded like the shared server's start. */
    private static Exit serveUntilExit(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("src/stub-server/serve"));
        command.addAll(List.of(options));
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            // Longer than serve's own 120 s start-up deadline, so that serve, not this wait, decides.
            assertThat(serve.waitFor(150, TimeUnit.SECONDS)).as("serve %s gave up within 150 s", command).isTrue();
            return new Exit(serve.exitValue(), new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            serve.descendants().forEach(ProcessHandle::destroyForcibly);
            serve.destroyForcibly();
        }
    }

    private static int countRequests(String pattern) throws IOException, InterruptedException {
        HttpResponse<String> count = send(HttpRequest.newBuilder(uri("/__admin/requests/count"))
                .POST(HttpRequest.BodyPublishers.ofString(pattern)));
        assertThat(count.statusCode()).isEqualTo(200);
        return JSON.readTree(count.body()).path("count").asInt();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String readUntil(BufferedReader output, String marker) {
        try {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.contains(marker)) {
                    return line;
                }
            }
            throw new IllegalStateException("The stub server exited before printing '" + marker + "'");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }


    private static boolean isListening(int candidate) {
        try (Socket ignored = new Socket("127.0.0.1", candidate)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
