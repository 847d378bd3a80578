package tech.flashback.creditpacks.tools.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.tools.EditedContracts;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The local stub server exactly as the README starts it: {@code src/stub-server/serve} (the cli
 * jar behind a few lines of bash, with its heap bound and class-data-sharing archive), on a free
 * port; and the cli jar alone, as a team without this repository runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeScriptIT {

    private static final Path SERVE = Path.of("src/stub-server/serve");
    private static final Path CLI_JAR =
            Path.of(System.getProperty("contract-tools.cli-jar", "src/tools/target/cli.jar"));
    private static final long MIB = 1024 * 1024;

    private static Process server;
    private static BufferedReader output;
    private static int port;
    private static LocalHttp http;

    @BeforeAll
    static void startAsTheReadmeSays() throws Exception {
        port = freePort();
        server = new ProcessBuilder(asTerminalJob(List.of(SERVE.toString(), "--port", String.valueOf(port))))
                .redirectErrorStream(true)
                .start();
        output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String firstLine =
                CompletableFuture.supplyAsync(() -> readUntil(output, "")).get(150, TimeUnit.SECONDS);
        assertThat(firstLine)
                .isEqualTo("Stubs from " + Path.of("stubs").toAbsolutePath() + " served at http://localhost:" + port
                        + "/credits/packs (producer states: " + statesOf(PublishedStubs.read(Path.of("stubs"))) + ").");
        assertThat(readUntil(output, ""))
                .isEqualTo("WireMock log: "
                        + Path.of("target/stub-server/wiremock-" + port + ".log")
                                .toAbsolutePath() + ". Ctrl-C stops.");
        http = new LocalHttp(port);
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
    void servesTheStubsAndRefusesTheAdminApiToOtherOrigins() throws Exception {
        HttpResponse<String> packs = http.get("/credits/packs", "Origin", "http://localhost:5173");
        assertThat(packs.statusCode()).isEqualTo(200);
        assertThat(packs.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");

        HttpResponse<String> preflight = http.send(
                "OPTIONS",
                "/__admin/requests",
                null,
                "Origin",
                "http://evil.example",
                "Access-Control-Request-Method",
                "GET");
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertThat(http.json(preflight).path("error_code").asString()).isEqualTo("CROSS_ORIGIN_REFUSED");
        assertThat(http.get("/__admin/requests").statusCode())
                .as("a tool on this machine")
                .isEqualTo(200);
    }

    @Test
    void keepsItsMemoryFlatUnderAFloodOfTenMegabytePosts() throws Exception {
        ProcessHandle java = server.children().findFirst().orElseThrow();
        for (int i = 0; i < 20; i++) {
            assertThat(http.get("/credits/packs").statusCode()).isEqualTo(200);
        }
        long before = residentBytes(java);
        byte[] tenMegabytes = new byte[10 * 1000 * 1000];
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                responses.add(clients.submit(() -> http.send(
                        HttpRequest.newBuilder(http.uri("/credits/packs"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(tenMegabytes)),
                        "Content-Type",
                        "text/plain")));
            }
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> refused = response.get(120, TimeUnit.SECONDS);
                assertThat(refused.statusCode()).isEqualTo(413);
                assertThat(http.json(refused).path("error_code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
            }
        } finally {
            clients.shutdownNow();
        }
        long after = residentBytes(java);

        assertThat(after - before)
                .as("RSS growth: %d MiB to %d MiB", before / MIB, after / MIB)
                .isLessThan(64 * MIB);
        HttpResponse<String> journal = http.get("/__admin/requests");
        assertThat(journal.statusCode()).isEqualTo(200);
        assertThat(journal.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(http.json(journal).path("requests").isArray()).isTrue();
    }

    @Test
    void refusesAPortInUseWithTheBindErrorAndNoUrl() throws Exception {
        Exit second = runUntilExit(List.of(SERVE.toString(), "--port", String.valueOf(port)));

        assertThat(second.code()).isEqualTo(1);
        assertThat(second.printed())
                .contains("serve: WireMock could not start on 127.0.0.1:" + port + ": ")
                .contains("Failed to bind to /127.0.0.1:" + port)
                .contains("serve: another process listens on 127.0.0.1:" + port
                        + "; choose a free port with --port or STUBS_PORT.")
                .doesNotContain("served at", "http://localhost:" + port);
        assertThat(http.get("/credits/packs").statusCode())
                .as("the server holding the port")
                .isEqualTo(200);
    }

    @Test
    void refusesAJournalBoundOutsideOneToTenThousand() throws Exception {
        for (String entries : new String[] {"0", "10001", "all"}) {
            Exit refused = runUntilExit(
                    List.of(SERVE.toString(), "--port", String.valueOf(freePort()), "--journal-entries", entries));

            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.printed())
                    .isEqualTo(
                            "serve: --journal-entries takes a whole number from 1 to 10000, not '" + entries + "'\n");
        }
    }

    @Test
    void servesAStubsJarAndItsMavenCoordinatesWithTheCliJarAlone(@TempDir Path elsewhere) throws Exception {
        String folder = "META-INF/tech.flashback/credit-packs-api/9.9.9";
        Path repository = elsewhere.resolve("repository");
        Path jar = repository.resolve("tech/flashback/credit-packs-api/9.9.9/credit-packs-api-9.9.9-stubs.jar");
        Files.createDirectories(jar.getParent());
        stubsJar(Path.of("stubs"), folder, jar);

        for (List<String> stubs : List.of(
                List.of("--stubs", jar.toString()),
                List.of(
                        "--stubs",
                        "tech.flashback:credit-packs-api:9.9.9",
                        "--repository",
                        repository.toUri().toString()))) {
            int own = freePort();
            List<String> command = new ArrayList<>(List.of(
                    "java", "-jar", CLI_JAR.toAbsolutePath().toString(), "serve", "--port", String.valueOf(own)));
            command.addAll(stubs);
            // From a folder that is not this repository, as a consumer team runs it.
            Process alone = new ProcessBuilder(command)
                    .directory(elsewhere.toFile())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader printed =
                    new BufferedReader(new InputStreamReader(alone.getInputStream(), StandardCharsets.UTF_8));
            try {
                String first = CompletableFuture.supplyAsync(() -> readUntil(printed, "served at"))
                        .get(120, TimeUnit.SECONDS);
                assertThat(first)
                        .startsWith("Stubs from "
                                + (stubs.size() == 2 ? jar.toString() : "tech.flashback:credit-packs-api:9.9.9:stubs")
                                + " served at")
                        .contains("served at http://localhost:" + own + "/credits/packs");
                LocalHttp client = new LocalHttp(own);
                assertThat(PublishedJson.MAPPER.readTree(
                                client.get("/credits/packs").body()))
                        .isEqualTo(PublishedStubs.read(Path.of("stubs")).contracts().stream()
                                .filter(stub -> stub.contract().equals("shouldReturnActivePacks"))
                                .findFirst()
                                .orElseThrow()
                                .example());
                assertThat(client.send("PUT", "/__admin/scenarios/credit-packs/state", "{\"state\":\"storefailure\"}")
                                .statusCode())
                        .isEqualTo(200);
                assertThat(client.get("/credits/packs").statusCode()).isEqualTo(500);
                // As a terminal's Ctrl-C or a CI runner's stop does (Process.destroy would close our end of its output
                // first).
                new ProcessBuilder("kill", "-TERM", String.valueOf(alone.pid()))
                        .start()
                        .waitFor();
                assertThat(CompletableFuture.supplyAsync(() -> readUntil(printed, "stopped"))
                                .get(30, TimeUnit.SECONDS))
                        .isEqualTo("Stub server stopped.");
            } finally {
                alone.destroy();
                assertThat(alone.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void helpPrintsTheScriptsOwnCommentAndNothingOfItsCode() throws Exception {
        Process help = new ProcessBuilder(List.of(SERVE.toString(), "--help"))
                .redirectErrorStream(true)
                .start();
        String printed = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(help.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(printed)
                .startsWith("Serves the published stubs")
                .contains("[--consumer NAME]")
                .endsWith("records a class-data-sharing archive.\n")
                .doesNotContain("set -euo");
    }

    @Test
    void namesEveryEndpointsScenarioAndTheRootWhenTheStubsHoldSeveralEndpoints(@TempDir Path work) throws Exception {
        Path folder = work.resolve("published");
        EditedContracts.withOtherEndpoints(work).publishTo(folder);
        int port = freePort();
        Process several = new ProcessBuilder(
                        List.of(SERVE.toString(), "--port", String.valueOf(port), "--stubs", folder.toString()))
                .redirectErrorStream(true)
                .start();
        BufferedReader printed =
                new BufferedReader(new InputStreamReader(several.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertThat(CompletableFuture.supplyAsync(() -> readUntil(printed, "served at"))
                            .get(150, TimeUnit.SECONDS))
                    .contains(" served at http://localhost:" + port + "/ (producer states: the WireMock scenarios ")
                    .contains("credit-packs: available (Started), noactivepacks, retiredpacks, storefailure; ")
                    .contains("credit-packs-buy: purchasable (Started), checkoutdown; ")
                    .endsWith("; see the README).");
            LocalHttp client = new LocalHttp(port);
            assertThat(client.get("/credits/packs").statusCode()).isEqualTo(200);
            assertThat(client.get("/books").statusCode()).isEqualTo(200);
        } finally {
            several.destroy();
            assertThat(several.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void servesOneConsumersOwnStubsAloneAsStubsPerConsumerDoes() throws Exception {
        PublishedStubs own = PublishedStubs.read(Path.of("stubs")).ofConsumer("java-client");
        int ownPort = freePort();
        Process alone = new ProcessBuilder(
                        List.of(SERVE.toString(), "--port", String.valueOf(ownPort), "--consumer", "java-client"))
                .redirectErrorStream(true)
                .start();
        BufferedReader printed =
                new BufferedReader(new InputStreamReader(alone.getInputStream(), StandardCharsets.UTF_8));
        try {
            assertThat(CompletableFuture.supplyAsync(() -> readUntil(printed, "served at"))
                            .get(150, TimeUnit.SECONDS))
                    .isEqualTo("Stubs from " + Path.of("stubs").toAbsolutePath()
                            + " (consumer java-client's own) served at http://localhost:" + ownPort
                            + "/credits/packs (producer states: " + statesOf(own) + ").");
            LocalHttp client = new LocalHttp(ownPort);
            // The Java client sends Accept, and its contracts ask for it.
            assertThat(PublishedJson.MAPPER.readTree(client.get("/credits/packs", "Accept", "application/json")
                            .body()))
                    .as("the consumer's own catalog, not the public one")
                    .isEqualTo(own.contracts().stream()
                            .filter(stub -> stub.state().equals("available"))
                            .findFirst()
                            .orElseThrow()
                            .example());
            assertThat(client.get("/credits/packs?simulate=internal-error", "Accept", "application/json")
                            .statusCode())
                    .as("no public selector: the consumer's catalog answers, whatever the query")
                    .isEqualTo(200);
            assertThat(client.get("/credits/packs").statusCode())
                    .as("the public stub answering without Accept is not served")
                    .isEqualTo(404);
            assertThat(client.send("PUT", "/__admin/scenarios/credit-packs/state", "{\"state\":\"storefailure\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(client.get("/credits/packs", "Accept", "application/json")
                            .statusCode())
                    .isEqualTo(500);
            assertThat(client.send("PUT", "/__admin/scenarios/credit-packs/state", "{\"state\":\"retiredpacks\"}")
                            .statusCode())
                    .as("a state the consumer has no contract in")
                    .isEqualTo(422);
        } finally {
            new ProcessBuilder("kill", "-TERM", String.valueOf(alone.pid()))
                    .start()
                    .waitFor();
            assertThat(alone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesAConsumerWithoutStubsNamingTheConsumersThereAre() throws Exception {
        Exit refused = runUntilExit(
                List.of(SERVE.toString(), "--port", String.valueOf(freePort()), "--consumer", "web-storefront"));

        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.printed())
                .isEqualTo("serve: --consumer: " + Path.of("stubs").toAbsolutePath()
                        + " holds no stubs of a consumer named 'web-storefront'; its consumers are "
                        + String.join(
                                ", ", PublishedStubs.read(Path.of("stubs")).consumers()) + "\n");
    }

    /** Last, because it stops the shared server the way a user does. */
    @Test
    @Order(Integer.MAX_VALUE)
    void stopsCleanlyOnCtrlC() throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(server.pid())).start().waitFor();

        assertThat(server.waitFor(30, TimeUnit.SECONDS))
                .as("stopped within 30 s")
                .isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(readUntil(output, "stopped")).isEqualTo("Stub server stopped.");
        assertThat(isListening(port)).isFalse();
    }

    private static void stubsJar(Path published, String folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(published)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry(
                        folder + "/" + published.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        }
    }

    private static long residentBytes(ProcessHandle process) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst()
                .orElseThrow();
    }

    /**
     * The command as a terminal runs it, Ctrl-C reaching it. A build started in the background by
     * a non-interactive shell (as some CI runners start it) passes on SIGINT ignored, and a shell
     * script cannot trap a signal it was started with ignored; GNU env gives it back its default.
     */
    private static List<String> asTerminalJob(List<String> command) throws IOException {
        Path status = Path.of("/proc/self/status");
        boolean interruptIgnored = Files.isReadable(status)
                && Files.readAllLines(status).stream()
                        .filter(line -> line.startsWith("SigIgn:"))
                        .anyMatch(line -> (Long.parseUnsignedLong(
                                                line.substring("SigIgn:".length())
                                                        .strip(),
                                                16)
                                        & (1L << 1))
                                != 0);
        if (!interruptIgnored) {
            return command;
        }
        List<String> restored = new ArrayList<>(List.of("env", "--default-signal=INT"));
        restored.addAll(command);
        return restored;
    }

    private record Exit(int code, String printed) {}

    /** Runs a command expected to give up rather than serve, bounded like the shared server's start. */
    private static Exit runUntilExit(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(150, TimeUnit.SECONDS))
                    .as("%s gave up within 150 s", command)
                    .isTrue();
            return new Exit(
                    process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isListening(int candidate) {
        try (Socket ignored = new Socket("127.0.0.1", candidate)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How the start-up line names the producer states of {@code stubs}, whatever they are: the
     * scenario, the state the stubs start in (WireMock's Started) first, then the others.
     */
    private static String statesOf(PublishedStubs stubs) {
        PublishedStubs.Endpoint endpoint = stubs.endpoint("credit-packs");
        return "the WireMock scenario " + endpoint.scenario() + ": "
                + endpoint.states().stream()
                        .map(state -> state.equals(endpoint.defaultState()) ? state + " (Started)" : state)
                        .collect(Collectors.joining(", "))
                + "; see the README";
    }
}
