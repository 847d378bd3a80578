package tech.flashback.creditpacks.consumer;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.cloud.contract.stubrunner.HttpServerStubConfiguration;
import org.springframework.cloud.contract.stubrunner.junit.StubRunnerExtension;
import org.springframework.cloud.contract.stubrunner.provider.wiremock.WireMockHttpServerStubConfigurer;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;
import tech.flashback.creditpacks.consumer.CreditPacksClient.Pack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The producer's published stubs as this consumer's tests get them: the stubs jar's contents on
 * the test classpath (here the folder the producer's build packs the jar from, see pom.xml), run
 * by Spring Cloud Contract Stub Runner, and read as data to know what each stub answers.
 */
final class ProducerStubs {

    static final String GROUP = "tech.flashback";
    static final String ARTIFACT = "credit-packs-api";
    /** This consumer's name: its contracts are in contracts/consumers/java-client/, its stubs under mappings/consumers/java-client/. */
    static final String CONSUMER = "java-client";

    private static final String VERSION = System.getProperty("project.version");
    private static final String ROOT = "META-INF/" + GROUP + "/" + ARTIFACT + "/" + VERSION + "/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProducerStubs() {}

    /** Every stub the producer publishes, public and consumers' own, on a random port of 127.0.0.1. */
    static StubRunnerExtension all() {
        return new StubRunnerExtension()
                .downloadStub(GROUP, ARTIFACT, published(), "stubs")
                .stubsMode(StubsMode.CLASSPATH)
                .withHttpServerStubConfigurer(LoopbackOnly.class);
    }

    /** Only this consumer's own stubs (Stub Runner's stubs per consumer), on a random port of 127.0.0.1. */
    static StubRunnerExtension ownOnly() {
        return all().withStubPerConsumer(true).withConsumerName(CONSUMER);
    }

    /** The server the extension started, once it has: it says where the stubs come from when there are none to start. */
    static StubServer serverOf(StubRunnerExtension stubs) {
        if (ProducerStubs.class.getClassLoader().getResource(ROOT + "mappings") == null) {
            throw new IllegalStateException("No published stubs of " + GROUP + ":" + ARTIFACT + ":" + VERSION
                    + " on the test classpath (" + ROOT + "mappings): " + whereTheyComeFrom());
        }
        return new StubServer(stubs.findStubUrl(ARTIFACT));
    }

    /**
     * The published stubs (WireMock mappings, as JSON) under {@code mappings/<folder>} ("": all of
     * them), read from the test classpath as Stub Runner reads them.
     */
    static List<JsonNode> mappingsUnder(String folder) {
        String resource = ROOT + "mappings" + (folder.isEmpty() ? "" : "/" + folder);
        URL url = ProducerStubs.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(
                    "No published stubs at " + resource + " on the test classpath: " + whereTheyComeFrom());
        }
        try (Stream<Path> files = Files.walk(pathOf(url))) {
            List<JsonNode> mappings = new ArrayList<>();
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList()) {
                mappings.add(JSON.readTree(Files.readString(file)));
            }
            return mappings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The consumer's name a published stub carries (metadata.contract.consumer); null for a public stub. */
    static String consumerOf(JsonNode mapping) {
        JsonNode consumer = mapping.at("/metadata/contract/consumer");
        return consumer.isMissingNode() ? null : consumer.asString();
    }

    /** How a stub is named in assertions: its name, after its consumer's for a consumer's own (two consumers' may share a name). */
    static String label(JsonNode mapping) {
        String consumer = consumerOf(mapping);
        return (consumer == null ? "" : consumer + ": ") + mapping.path("name").asString();
    }

    /** The packs a 200 stub answers, prices read exactly as written. */
    static List<Pack> packsOf(JsonNode mapping) {
        List<Pack> packs = new ArrayList<>();
        for (JsonNode pack : mapping.at("/response/jsonBody/data")) {
            packs.add(new Pack(
                    pack.get("id").asString(),
                    pack.get("name").asString(),
                    pack.get("code").asString(),
                    pack.get("credits").asInt(),
                    new BigDecimal(pack.get("price").toString())));
        }
        return packs;
    }

    /** The one stub under {@code mappings/<folder>} that answers in the scenario state {@code scenarioState}. */
    static JsonNode answeringIn(String folder, String scenarioState) {
        List<JsonNode> answering = mappingsUnder(folder).stream()
                .filter(mapping ->
                        mapping.path("requiredScenarioState").asString("").equals(scenarioState))
                .toList();
        if (answering.size() != 1) {
            throw new IllegalStateException("Expected one stub under mappings/" + folder + " for the scenario state "
                    + scenarioState + ", found " + answering.size());
        }
        return answering.get(0);
    }

    private static String published() {
        if (VERSION == null) {
            throw new IllegalStateException("No -Dproject.version: run the tests with Maven (surefire sets it), "
                    + "or set it to the version of the producer's stubs");
        }
        return VERSION;
    }

    private static String whereTheyComeFrom() {
        return "the producer's build publishes them to "
                + System.getProperty("producer.stubs", "src/producer/target/stubs")
                + "; build it first (./mvnw test from the repository root builds src/producer before this module)";
    }

    private static Path pathOf(URL url) {
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                // The stubs jar itself on the classpath: open it once, whichever test class comes first.
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException alreadyOpen) {
                    // read through the open one
                }
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot read the published stubs at " + url, e);
        }
    }

    /** Tests' servers listen on the loopback interface only; Stub Runner's WireMock would listen on every interface. */
    public static final class LoopbackOnly extends WireMockHttpServerStubConfigurer {

        @Override
        public WireMockConfiguration configure(WireMockConfiguration config, HttpServerStubConfiguration stub) {
            return config.bindAddress("127.0.0.1");
        }
    }
}
