package tech.flashback.creditpacks.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tech.flashback.creditpacks.gate.BaselineGate.Baseline;
import tech.flashback.creditpacks.gate.BaselineGate.Report;
import tech.flashback.creditpacks.gate.ImitationProducer.Answer;

/**
 * The release gate end to end, offline: a baseline of this artifact is published into a
 * temporary Maven repository, resolved from there by version, and its contracts run against
 * the current producer (which honours them) and against a producer with a breaking change
 * (which must fail, with a report a release manager can read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ResourceLock(Resources.SYSTEM_PROPERTIES)
class BaselineGateTest {

    private static final String BASELINE = "0.9.0";
    /** A baseline whose published rules are stricter than this build's: every pack had a currency. */
    private static final String STRICTER_BASELINE = "0.8.0";
    private static final Path SHAPE_RULES = Path.of("src/test/java/tech/flashback/creditpacks/contract/CatalogShape.java");

    @TempDir
    static Path work;

    private static Baseline baseline;
    private static Baseline stricterBaseline;
    private static ImitationProducer breakingProducer;
    private static String previousLocalRepository;

    @LocalServerPort
    int port;

    @BeforeAll
    static void publishAndResolveTheBaselines() throws IOException {
        Path repository = work.resolve("published");
        String rules = Files.readString(SHAPE_RULES);
        publishStubsJar(repository, BASELINE, rules);
        String stricterRules = rules.replace("requireNumber(pack, path, \"price\", problems);",
                "requireNumber(pack, path, \"price\", problems);\n            requireText(pack, path, \"currency\", problems);");
        assertThat(stricterRules).as("the edit that makes the rules stricter still applies").isNotEqualTo(rules);
        publishStubsJar(repository, STRICTER_BASELINE, stricterRules);
        // Resolve into a local repository of the test's own, so the user's ~/.m2 stays untouched.
        previousLocalRepository = System.setProperty("maven.repo.local", work.resolve("local").toString());
        baseline = BaselineGate.resolve(BASELINE, repository.toUri().toString(), work.resolve("gate"));
        // Same contracts as 0.9.0, so its compiled tests serve; only the published rules differ.
        stricterBaseline = new Baseline(STRICTER_BASELINE, baseline.tests(), BaselineGate.shapeRules(STRICTER_BASELINE,
                PublishedContracts.resolve(STRICTER_BASELINE, repository.toUri().toString()), work.resolve("rules-stricter")));

        breakingProducer = ImitationProducer.start();
        // The catalog with credits renamed: a breaking change for every consumer of 0.9.0.
        breakingProducer.answer(new Answer(200, "application/json",
                "{\"success\":true,\"data\":[{\"id\":\"pack-1\",\"name\":\"Pack 1\",\"code\":\"PACK_1\",\"amount\":100,\"price\":19.99}]}"));
    }

    @AfterAll
    static void stop() {
        if (breakingProducer != null) {
            breakingProducer.close();
        }
        if (previousLocalRepository == null) {
            System.clearProperty("maven.repo.local");
        } else {
            System.setProperty("maven.repo.local", previousLocalRepository);
        }
    }

    @Test
    void currentProducerHonoursThePublishedBaseline() {
        Report report = BaselineGate.check(baseline, "http://127.0.0.1:" + port);

        assertThat(report.passed()).as(report.render()).isTrue();
        assertThat(report.render()).isEqualTo("""
                Contracts of tech.flashback:credit-packs-api:0.9.0:stubs
                  shape rules: the 0.9.0 stubs jar's own (verification/CatalogShape.java)
                  PASSED   shouldReturnActivePacks
                  NOT RUN  shouldReturnInternalErrorWhenStoreFails
                           NOT RUN: contract shouldReturnInternalErrorWhenStoreFails needs the producer's store to fail, \
                which cannot be arranged from outside; it is verified in the producer's own build.
                PASSED: the producer honours 0.9.0
                """);
    }

    @Test
    void producerWithABreakingChangeFailsWithAReadableReport() {
        Report report = BaselineGate.check(baseline, breakingProducer.url());

        System.out.print(report.render());
        assertThat(report.passed()).isFalse();
        assertThat(report.render())
                .contains("FAILED   shouldReturnActivePacks")
                .contains("$.data[0].credits: expected a positive integer, got no such field (fields: [id, name, code, amount, price])")
                .contains("FAILED: the producer breaks consumers built against 0.9.0");
    }

    @Test
    void aBaselineIsHeldToItsOwnPublishedRulesNotToThisBuilds() {
        Report report = BaselineGate.check(stricterBaseline, "http://127.0.0.1:" + port);

        assertThat(report.passed()).isFalse();
        assertThat(report.render())
                .contains("shape rules: the 0.8.0 stubs jar's own (verification/CatalogShape.java)")
                .contains("$.data[0].currency: expected a non-empty string, got no such field")
                .contains("FAILED: the producer breaks consumers built against 0.8.0");
    }

    /** Publishes the stubs jar as the build packs it (contracts, mappings, shape rules) in Maven's layout. */
    private static void publishStubsJar(Path repository, String version, String shapeRules) throws IOException {
        Path directory = repository.resolve("tech/flashback/credit-packs-api").resolve(version);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("credit-packs-api-" + version + ".pom"), """
                <project><modelVersion>4.0.0</modelVersion><groupId>tech.flashback</groupId>
                <artifactId>credit-packs-api</artifactId><version>%s</version></project>""".formatted(version));
        String root = "META-INF/tech.flashback/credit-packs-api/" + version + "/";
        Path stubsJar = directory.resolve("credit-packs-api-" + version + "-stubs.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(stubsJar))) {
            add(jar, Path.of("contracts"), root + "contracts/");
            add(jar, Path.of("stubs/mappings"), root + "mappings/");
            jar.putNextEntry(new JarEntry(root + PublishedContracts.SHAPE_RULES));
            jar.write(shapeRules.getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        // Maven's resolver checks what it downloads against the checksums a deploy publishes.
        writeSha1(directory.resolve("credit-packs-api-" + version + ".pom"));
        writeSha1(stubsJar);
    }

    private static void writeSha1(Path file) throws IOException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            Files.writeString(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(JarOutputStream jar, Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(prefix + folder.relativize(file).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
    }
}
