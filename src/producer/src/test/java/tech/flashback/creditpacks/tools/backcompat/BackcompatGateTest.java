package tech.flashback.creditpacks.tools.backcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tech.flashback.creditpacks.FreePort;
import tech.flashback.creditpacks.PatientStore;
import tech.flashback.creditpacks.statehook.StateHookController;
import tech.flashback.creditpacks.tools.cli.ContractTools;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.resolve.Coordinates;
import tech.flashback.creditpacks.tools.resolve.MavenResolution;
import tech.flashback.creditpacks.tools.resolve.StubsJar;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Target;

/**
 * The backcompat gate end to end, offline: versions of this artifact's stubs jar are published
 * into a temporary Maven repository, resolved from there by version, read as data, and their
 * contracts run against the current producer (which honours them) and against producers or
 * rules that break them.
 */
@PatientStore
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "server.address=127.0.0.1",
            "spring.datasource.url=jdbc:h2:mem:backcompat-test-${random.uuid};DB_CLOSE_DELAY=-1"
        })
@ActiveProfiles(StateHookController.PROFILE)
@ResourceLock(Resources.SYSTEM_PROPERTIES)
@ResourceLock(Resources.SYSTEM_OUT)
class BackcompatGateTest {

    private static final String BASELINE = "0.9.0";
    /** A version whose published rules are stricter than this build's: every pack had a currency. */
    private static final String STRICTER = "0.8.0";
    /** A version from before the rules were published as data. */
    private static final String PREHISTORIC = "0.7.0";

    private static final Path PUBLISHED = Path.of(System.getProperty("published.stubs"));
    /** Every contract a version publishes, the consumers' among them: the gate runs them all. */
    private static final int CONTRACTS =
            PublishedStubs.read(PUBLISHED).contracts().size();

    private static final String CATALOG_RULES = "rules/credits/packs/available/shouldReturnActivePacks.schema.json";

    @TempDir
    static Path work;

    private static String repository;
    private static String previousLocalRepository;

    @LocalServerPort
    int port;

    @BeforeAll
    static void publishVersions() throws IOException {
        Path published = work.resolve("published");
        publishStubsJar(published, BASELINE, Map.of());
        String rules = Files.readString(PUBLISHED.resolve(CATALOG_RULES));
        String stricter = rules.replace("\"price\"\n        ],", "\"price\",\n          \"currency\"\n        ],");
        assertThat(stricter)
                .as("the edit that makes the rules stricter still applies")
                .isNotEqualTo(rules);
        publishStubsJar(published, STRICTER, Map.of(CATALOG_RULES, stricter));
        publishStubsJar(
                published,
                PREHISTORIC,
                Map.of(
                        "mappings/credits/packs/available/shouldReturnActivePacks.json",
                        "{ \"request\" : { \"urlPath\" : \"/credits/packs\", \"method\" : \"GET\" }, \"response\" : { \"status\" : 200 } }"));
        repository = published.toUri().toString();
        // Resolve into a local repository of the test's own, so the user's ~/.m2 stays untouched.
        previousLocalRepository =
                System.setProperty("maven.repo.local", work.resolve("local").toString());
    }

    /** What the tools do when they are done; without it every resolution here left a folder in the system's temporary folder. */
    @AfterEach
    void removeResolvedJars() {
        StubsJar.cleanUp();
    }

    @AfterAll
    static void restoreLocalRepository() {
        if (previousLocalRepository == null) {
            System.clearProperty("maven.repo.local");
        } else {
            System.setProperty("maven.repo.local", previousLocalRepository);
        }
    }

    @Test
    void theCurrentProducerHonoursThePublishedVersionInEveryState() {
        Report report = BackcompatGate.check(
                coordinates(BASELINE).toString(),
                PublishedStubs.read(StubsJar.resolve(coordinates(BASELINE), repository)),
                ownProducer());

        assertThat(report.passed()).as(report.render()).isTrue();
        assertThat(report.render())
                .startsWith("Contracts of tech.flashback:credit-packs-api:0.9.0:stubs against " + url())
                .contains(CONTRACTS + " contracts: " + CONTRACTS + " passed, 0 failed, 0 not run")
                .endsWith(
                        "PASSED: the producer honours the contracts of tech.flashback:credit-packs-api:0.9.0:stubs\n");
    }

    @Test
    void aVersionIsHeldToItsOwnPublishedRulesNotToThisBuilds() {
        Report report = BackcompatGate.check(
                coordinates(STRICTER).toString(),
                PublishedStubs.read(StubsJar.resolve(coordinates(STRICTER), repository)),
                ownProducer());

        assertThat(report.passed()).isFalse();
        assertThat(report.render())
                .contains("    FAILED   shouldReturnActivePacks")
                .contains("$.data[0].currency: expected a value (the field is required), got no such field")
                .contains("FAILED: the producer at " + url()
                        + " breaks contracts of tech.flashback:credit-packs-api:0.8.0:stubs");
    }

    @Test
    void aVersionIsResolvedFromAnHttpRepositoryAndItsTemporaryFilesAreRemoved() throws IOException {
        HttpServer repository = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Path files = work.resolve("published");
        repository.createContext("/", exchange -> {
            Path file = files.resolve(exchange.getRequestURI().getPath().substring(1))
                    .normalize();
            try (exchange) {
                if (!file.startsWith(files) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, Files.size(file));
                Files.copy(file, exchange.getResponseBody());
            }
        });
        repository.start();
        try {
            String url = "http://127.0.0.1:" + repository.getAddress().getPort();
            Path published = StubsJar.resolve(coordinates(BASELINE), url);

            assertThat(PublishedStubs.read(published).contracts()).hasSize(CONTRACTS);
            List<Path> temporaryRepositories = MavenResolution.localRepositories();
            assertThat(temporaryRepositories)
                    .as("Stub Runner resolves a remote version through a temporary local repository")
                    .isNotEmpty();
            StubsJar.cleanUp();
            assertThat(published).doesNotExist();
            assertThat(temporaryRepositories)
                    .allSatisfy(temporary -> assertThat(temporary).doesNotExist());
            assertThatIllegalStateException()
                    .isThrownBy(() -> StubsJar.resolve(coordinates("9.9.9"), url))
                    .withMessageStartingWith(
                            "No stubs jar tech.flashback:credit-packs-api:9.9.9:stubs in " + url + ": ")
                    .withMessageContaining("Could not find artifact tech.flashback:credit-packs-api:jar:stubs:9.9.9");
        } finally {
            repository.stop(0);
        }
    }

    @Test
    void anUnreachableRepositoryIsNamedWithWhatWentWrong() {
        String nobody = "http://127.0.0.1:" + FreePort.next();

        assertThatIllegalStateException()
                .isThrownBy(() -> StubsJar.resolve(coordinates(BASELINE), nobody))
                .withMessageStartingWith("No stubs jar tech.flashback:credit-packs-api:0.9.0:stubs in " + nobody + ": ")
                .withMessageContaining("Connection refused");
    }

    @Test
    void aVersionPublishedBeforeItsRulesWereDataIsRefusedWithAReason() {
        assertThatIllegalStateException()
                .isThrownBy(() -> PublishedStubs.read(StubsJar.resolve(coordinates(PREHISTORIC), repository)))
                .withMessageContaining(
                        "carries no contract metadata: it was published before the contracts' rules were");
    }

    @Test
    void anUnpublishedVersionIsNamedWithWhereItWasLookedFor() {
        assertThatIllegalStateException()
                .isThrownBy(() -> StubsJar.resolve(coordinates("9.9.9"), repository))
                .withMessage("No stubs jar tech.flashback:credit-packs-api:9.9.9:stubs in " + repository
                        + ": The following artifacts"
                        + " could not be resolved: tech.flashback:credit-packs-api:jar:stubs:9.9.9 (absent): Could not find artifact"
                        + " tech.flashback:credit-packs-api:jar:stubs:9.9.9 in remote0 ("
                        + repository.replace("file:///", "file:/") + ")");
    }

    @Test
    void theCommandChecksAVersionByItsNumberAgainstAProducerAndPrintsTheReport() {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ContractTools.run(
                    "gate",
                    "--baseline",
                    BASELINE,
                    "--artifact",
                    "tech.flashback:credit-packs-api",
                    "--repository",
                    repository,
                    "--producer",
                    url(),
                    "--states",
                    url() + StateHookController.PATH);
        } finally {
            System.setOut(console);
        }

        assertThat(exit).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("/_contract/states)")
                .contains(CONTRACTS + " contracts: " + CONTRACTS + " passed, 0 failed, 0 not run");
    }

    private static Coordinates coordinates(String version) {
        return new Coordinates("tech.flashback", "credit-packs-api", version, Coordinates.STUBS);
    }

    private Target ownProducer() {
        return new Target(url(), url() + StateHookController.PATH);
    }

    private String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Publishes this build's stubs jar content (the folder the build packs it from) under
     * {@code version}, with some files replaced, in Maven's repository layout.
     */
    private static void publishStubsJar(Path repository, String version, Map<String, String> replaced)
            throws IOException {
        Path directory = repository.resolve("tech/flashback/credit-packs-api").resolve(version);
        Files.createDirectories(directory);
        Path pom = directory.resolve("credit-packs-api-" + version + ".pom");
        Files.writeString(pom, """
                <project><modelVersion>4.0.0</modelVersion><groupId>tech.flashback</groupId>
                <artifactId>credit-packs-api</artifactId><version>%s</version></project>""".formatted(version));
        Path stubsJar = directory.resolve("credit-packs-api-" + version + "-stubs.jar");
        String root = "META-INF/tech.flashback/credit-packs-api/" + version + "/";
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(stubsJar));
                Stream<Path> files = Files.walk(PUBLISHED)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = PUBLISHED.relativize(file).toString().replace('\\', '/');
                jar.putNextEntry(new JarEntry(root + name));
                jar.write(
                        replaced.containsKey(name)
                                ? replaced.get(name).getBytes(StandardCharsets.UTF_8)
                                : Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        // Maven's resolver checks what it downloads against the checksums a deploy publishes.
        writeSha1(pom);
        writeSha1(stubsJar);
    }

    private static void writeSha1(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(
                    file.resolveSibling(file.getFileName() + ".sha1"),
                    HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
