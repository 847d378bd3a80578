package tech.flashback.creditpacks.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract tools as a team without this repository runs them: the command-line jar and the
 * producer's stubs jar, from an empty folder, against the producer's own packaged jar started as
 * a process (with its state hook), and against an imitation that breaks a field.
 */
class VerifyCommandLineIT {

    private static final Path CLI_JAR = Path.of(System.getProperty("contract-tools.cli-jar"));
    private static final Path PRODUCER_JAR = Path.of(System.getProperty("producer.jar"));
    private static final Path STUBS_JAR = Path.of(System.getProperty("producer.stubs-jar"));
    private static final String VERSION = System.getProperty("project.version");
    private static final PublishedStubs PUBLISHED = PublishedStubs.read(Path.of(System.getProperty("published.stubs")));

    @TempDir
    static Path empty;

    @TempDir
    static Path producerFolder;

    private static Process producer;
    private static String producerUrl;

    @BeforeAll
    static void startThePackagedProducer() throws Exception {
        assertThat(CLI_JAR)
                .as("the contract tools' command line; build it with ./mvnw -pl src/tools package")
                .isRegularFile();
        int port = FreePort.next();
        producerUrl = "http://127.0.0.1:" + port;
        producer = new ProcessBuilder(
                        "java",
                        "-jar",
                        PRODUCER_JAR.toString(),
                        "--spring.profiles.active=contract-states",
                        "--server.address=127.0.0.1",
                        "--server.port=" + port)
                .directory(producerFolder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(producerFolder.resolve("producer.log").toFile())
                .start();
        awaitResponse(producerUrl + "/credits/packs", Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (producer != null) {
            producer.destroy();
            if (!producer.waitFor(20, TimeUnit.SECONDS)) {
                producer.destroyForcibly();
            }
        }
    }

    @Test
    void verifiesTheRealProducerFromAStubsJarWithNothingButAJdk() throws Exception {
        Run run = contractTools(
                empty,
                "verify",
                "--producer",
                producerUrl,
                "--states",
                producerUrl + "/_contract/states",
                "--stubs",
                STUBS_JAR.toString());

        int contracts = PUBLISHED.contracts().size();
        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(run.printed())
                .contains(contracts + " contracts: " + contracts + " passed, 0 failed, 0 not run")
                .contains("java-client");
        try (var files = Files.list(empty)) {
            assertThat(files).as("nothing written where it ran").isEmpty();
        }
    }

    @Test
    void resolvesTheStubsJarByItsCoordinatesFromARepository(@TempDir Path elsewhere) throws Exception {
        Path repository = elsewhere.resolve("repository");
        Path jar = repository.resolve(
                "tech/flashback/credit-packs-api/" + VERSION + "/credit-packs-api-" + VERSION + "-stubs.jar");
        Files.createDirectories(jar.getParent());
        Files.copy(STUBS_JAR, jar);
        Path work = Files.createDirectories(elsewhere.resolve("work"));

        Run run = contractTools(
                work,
                "verify",
                "--producer",
                producerUrl,
                "--states",
                producerUrl + "/_contract/states",
                "--stubs",
                "tech.flashback:credit-packs-api:" + VERSION,
                "--repository",
                repository.toUri().toString(),
                "--json",
                "report.json",
                "--junit",
                "report.xml");

        assertThat(run.exit()).as(run.printed()).isZero();
        assertThat(PublishedJson.MAPPER
                        .readTree(work.resolve("report.json").toFile())
                        .path("verdict")
                        .asString())
                .isEqualTo("passed");
        assertThat(Files.readString(work.resolve("report.xml")))
                .contains("<testsuite")
                .contains("name=\"java-client\"");
    }

    @Test
    void aProducerThatRenamesPriceFailsNamingTheContractTheConsumerAndThePath(@TempDir Path work) throws Exception {
        try (ImitationProducer imitation = ImitationProducer.start()) {
            // Every state answered as the public stubs answer it, but the catalog's price renamed.
            for (PublishedStub stub : PUBLISHED.publicOnly().contracts()) {
                String body = stub.example() == null ? "" : stub.example().toString();
                if (stub.inDefaultState()) {
                    ObjectNode catalog = (ObjectNode) stub.example().deepCopy();
                    catalog.withArray("data")
                            .forEach(pack -> ((ObjectNode) pack).set("cost", ((ObjectNode) pack).remove("price")));
                    body = catalog.toString();
                }
                imitation.answerIn(
                        stub.state(), ImitationProducer.canned(stub.rules().status(), "application/json", body));
            }

            Run run = contractTools(
                    work,
                    "verify",
                    "--producer",
                    imitation.url(),
                    "--states",
                    imitation.statesUrl(),
                    "--stubs",
                    STUBS_JAR.toString());

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            int contracts = PUBLISHED.contracts().size();
            long catalogs = PUBLISHED.contracts().stream()
                    .filter(PublishedStub::inDefaultState)
                    .count();
            assertThat(run.printed())
                    .contains("    FAILED   shouldReturnActivePacks\n"
                            + "             GET /credits/packs answered 200:\n"
                            + "             $.data[0].price: expected a value (the field is required), got no such field"
                            + " (fields: id, name, code, credits, cost)\n")
                    .contains(
                            "    FAILED   java-client: shouldReturnThePacksTheClientReads\n"
                                    + "             GET /credits/packs [Accept: application/json] answered 200:\n"
                                    + "             $.data[0].price: expected a value (the field is required), got no such field")
                    // Every catalog contract reads price; the other states' answers are right.
                    .contains(contracts + " contracts: " + (contracts - catalogs) + " passed, " + catalogs
                            + " failed, 0 not run\n")
                    .endsWith("; it breaks: public contract, " + String.join(", ", PUBLISHED.consumers()) + "\n");
        }
    }

    private record Run(int exit, String printed) {}

    /** {@code java -jar <cli jar> args...} in {@code folder}, bounded: a hang fails the test, naming the command. */
    private static Run contractTools(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("java", "-jar", CLI_JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path printed = Files.createTempFile("contract-tools", ".out");
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(printed.toFile())
                .start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("%s ended within 120 s", command)
                    .isTrue();
            return new Run(process.exitValue(), Files.readString(printed, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(printed);
        }
    }

    private static String producerLog() throws IOException {
        return Files.readString(producerFolder.resolve("producer.log"), StandardCharsets.UTF_8);
    }

    private static void awaitResponse(String url, Duration bound) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            assertThat(producer.isAlive())
                    .as("the producer exited before answering:%n%s", producerLog())
                    .isTrue();
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            assertThat(System.nanoTime())
                    .as("%s answered 200 within %s; the producer printed:%n%s", url, bound, producerLog())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
