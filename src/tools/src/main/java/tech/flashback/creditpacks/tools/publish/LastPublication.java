package tech.flashback.creditpacks.tools.publish;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record of the publisher's last successful run, kept in the build's own folder: what it took
 * in (every file of the contracts folder, its settings, the tools' own build and class path) and
 * what it left on disk (every file of the published folder, of the generated tests and, when it
 * compared it, of the committed copy), each as a SHA-256 of its bytes. A run whose inputs and
 * outputs are both as recorded would read, publish, generate and compare exactly the same again,
 * so it does nothing; anything else (a contract edited, added, renamed or deleted, a stub or a
 * generated test edited or deleted behind the build's back, a file dropped into the committed
 * copy, the tools rebuilt) makes a run, and the record is removed before it and written only when
 * it succeeds, so a failed check is never taken for a passed one.
 *
 * <p>A run after an edit of contracts' contents alone (no file added, removed or moved, no other
 * file of the tree, setting or tool changed) takes over from the record what the unchanged Groovy
 * contract files published, and generates the tests of the changed files' folders alone: reading a
 * Groovy contract is most of a publication's work. Everything that looks at the contracts together
 * (names, the OpenAPI document and its check, the Pact files, the comparison with the committed
 * copy) is done again; the stubs' checks of a set of stubs, unless all they look at is as it was
 * when they passed (see {@link StubChecks#inputs}). A contract that reads a file from outside the
 * contracts folder is not seen to change with it.
 */
final class LastPublication {

    /** Bump when what a run writes changes in a way the inputs below do not show. */
    private static final String FORMAT = "1";

    private static final String TESTS = "tests/";

    /**
     * What a run takes in: the digest of it all, of all but the Groovy contract files' contents (their
     * paths are in), and of each Groovy contract file, by path relative to the contracts folder.
     */
    record Inputs(String digest, String context, Map<String, String> groovy) {}

    /**
     * What a successful run took in, what each Groovy contract file published, what it set aside
     * (ignored contracts), and what it left on disk.
     */
    record State(
            String inputs,
            String context,
            Map<String, String> groovy,
            Map<Path, StubPublisher.FilePublication> publications,
            Set<String> checkedViews,
            List<String> ignored,
            Map<String, String> outputs) {

        /** What a run with {@code now} for inputs, and {@code outputs} on disk, takes over from this one. */
        StubPublisher.Earlier earlier(Inputs now, Map<String, String> outputs) {
            if (!context.equals(now.context())) {
                return StubPublisher.Earlier.NONE;
            }
            Map<Path, StubPublisher.FilePublication> unchanged = new TreeMap<>();
            Set<Path> changedFolders = new TreeSet<>();
            now.groovy().forEach((file, digest) -> {
                Path relative = Path.of(file);
                if (digest.equals(groovy.get(file)) && publications.containsKey(relative)) {
                    unchanged.put(relative, publications.get(relative));
                } else if (!digest.equals(groovy.get(file))) {
                    changedFolders.add(relative.getParent() == null ? Path.of("") : relative.getParent());
                }
            });
            boolean testsAsLeft = tests(this.outputs).equals(tests(outputs));
            return new StubPublisher.Earlier(unchanged, testsAsLeft ? changedFolders : null, checkedViews);
        }

        private static Map<String, String> tests(Map<String, String> outputs) {
            Map<String, String> tests = new TreeMap<>();
            outputs.forEach((file, digest) -> {
                if (file.startsWith(TESTS)) {
                    tests.put(file, digest);
                }
            });
            return tests;
        }
    }

    private LastPublication() {}

    /** What a run of {@code settings} reads. */
    static Inputs inputs(StubPublisher.Settings settings) {
        MessageDigest context = sha256();
        field(context, FORMAT);
        // As given too: the publications taken over name their files as this run's would.
        field(context, settings.contracts().toString());
        field(context, absolute(settings.contracts()));
        field(context, absolute(settings.published()));
        field(context, settings.committed() == null ? "-" : absolute(settings.committed()));
        field(context, String.valueOf(compares(settings)));
        field(context, settings.publication().toString());
        field(context, String.valueOf(settings.tests()));
        tools(context);
        Map<String, String> groovy = new TreeMap<>();
        for (Path file : PublishedFiles.under(settings.contracts())) {
            String relative = settings.contracts().relativize(file).toString().replace('\\', '/');
            field(context, relative);
            if (isGroovy(relative)) {
                groovy.put(relative, hex(sha256().digest(bytes(file))));
            } else {
                field(context, bytes(file));
            }
        }
        String contextDigest = hex(context.digest());
        MessageDigest all = sha256();
        field(all, contextDigest);
        groovy.forEach((file, digest) -> {
            field(all, file);
            field(all, digest);
        });
        return new Inputs(hex(all.digest()), contextDigest, groovy);
    }

    /** A file Spring Cloud Contract reads as a Groovy contract (see {@link ContractTree}). */
    private static boolean isGroovy(String relative) {
        String name = relative.toLowerCase(Locale.ROOT);
        return name.endsWith(".groovy") || name.endsWith(".gvy");
    }

    /** Every file a run of {@code settings} leaves behind, by where it is, with the digest of its bytes. */
    static Map<String, String> outputs(StubPublisher.Settings settings) {
        Map<String, String> outputs = new TreeMap<>();
        files(outputs, "published/", settings.published());
        if (settings.tests() != null) {
            files(outputs, TESTS, settings.tests().folder());
        }
        if (compares(settings)) {
            files(outputs, "committed/", settings.committed());
        }
        return outputs;
    }

    /** The record in {@code file}; none when there is none, or it cannot be read (a run then does all the work). */
    static Optional<State> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = PublishedJson.MAPPER.readTree(PublishedFiles.readText(file));
            String inputs = json.path("inputs").asString("");
            String context = json.path("context").asString("");
            if (inputs.isEmpty() || context.isEmpty()) {
                return Optional.empty();
            }
            Map<Path, StubPublisher.FilePublication> publications = new TreeMap<>();
            json.path("publications")
                    .properties()
                    .forEach(entry -> publications.put(
                            Path.of(entry.getKey()),
                            new StubPublisher.FilePublication(
                                    contracts(entry.getValue().path("published")),
                                    strings(entry.getValue().path("ignored")))));
            return Optional.of(new State(
                    inputs,
                    context,
                    strings(json.path("groovy"), JsonNode::asString),
                    publications,
                    new TreeSet<>(strings(json.path("checkedViews"))),
                    strings(json.path("ignored")),
                    strings(json.path("outputs"), JsonNode::asString)));
        } catch (JacksonException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    static void write(Path file, State state) {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("inputs", state.inputs());
        json.put("context", state.context());
        state.groovy().forEach(json.putObject("groovy")::put);
        ObjectNode publications = json.putObject("publications");
        state.publications().forEach((relative, publication) -> {
            ObjectNode entry = publications.putObject(relative.toString().replace('\\', '/'));
            ArrayNode published = entry.putArray("published");
            publication.published().forEach(contract -> published.add(json(contract)));
            publication.ignored().forEach(entry.putArray("ignored")::add);
        });
        state.checkedViews().forEach(json.putArray("checkedViews")::add);
        state.ignored().forEach(json.putArray("ignored")::add);
        state.outputs().forEach(json.putObject("outputs")::put);
        PublishedFiles.writeText(file, PublishedJson.pretty(json));
    }

    private static ObjectNode json(PublishedContract contract) {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("source", contract.source().toString());
        json.put("name", contract.name());
        json.put("consumer", contract.placement().consumer());
        json.put("endpoint", contract.placement().endpoint());
        json.put("state", contract.placement().state());
        json.put("mappingFile", path(contract.mappingFile()));
        json.set("mapping", contract.mapping());
        json.put("selectorFile", path(contract.selectorFile()));
        json.set("selectorMapping", contract.selectorMapping());
        json.put("rulesFile", path(contract.rulesFile()));
        json.set("rules", contract.rules());
        json.put("requestRulesFile", path(contract.requestRulesFile()));
        json.set("requestRules", contract.requestRules());
        return json;
    }

    private static List<PublishedContract> contracts(JsonNode array) {
        List<PublishedContract> contracts = new ArrayList<>();
        for (JsonNode json : array) {
            contracts.add(new PublishedContract(
                    Path.of(json.path("source").asString()),
                    json.path("name").asString(),
                    new ContractTree.Placement(text(json, "consumer"), text(json, "endpoint"), text(json, "state")),
                    path(json, "mappingFile"),
                    object(json, "mapping"),
                    path(json, "selectorFile"),
                    object(json, "selectorMapping"),
                    path(json, "rulesFile"),
                    object(json, "rules"),
                    path(json, "requestRulesFile"),
                    object(json, "requestRules")));
        }
        return contracts;
    }

    private static String path(Path path) {
        return path == null ? null : path.toString().replace('\\', '/');
    }

    private static Path path(JsonNode json, String field) {
        String text = text(json, field);
        return text == null ? null : Path.of(text);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static ObjectNode object(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value instanceof ObjectNode object ? object : null;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(entry -> strings.add(entry.asString()));
        return strings;
    }

    private static Map<String, String> strings(JsonNode object, Function<JsonNode, String> value) {
        Map<String, String> strings = new TreeMap<>();
        object.properties().forEach(entry -> strings.put(entry.getKey(), value.apply(entry.getValue())));
        return strings;
    }

    static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static boolean compares(StubPublisher.Settings settings) {
        return settings.committed() != null && (settings.check() || settings.update());
    }

    /**
     * The tools themselves: the bytes of their own classes (a folder in the reactor build, where they
     * change without a new version) or their jar's size and time, and every other entry of the class
     * path they run with (Spring Cloud Contract, Groovy, WireMock: the jar of each version).
     */
    private static void tools(MessageDigest digest) {
        Path own = codeSource(StubPublisher.class.getProtectionDomain().getCodeSource());
        List<Path> classPath = new ArrayList<>();
        ClassLoader loader = StubPublisher.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            for (URL url : urls.getURLs()) {
                Path entry = path(url);
                if (entry != null) {
                    classPath.add(entry);
                }
            }
        } else {
            for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    classPath.add(Path.of(entry));
                }
            }
        }
        if (own != null && Files.isDirectory(own)) {
            for (Path file : PublishedFiles.under(own)) {
                field(digest, own.relativize(file).toString());
                field(digest, bytes(file));
            }
        } else if (own != null) {
            classPath.add(0, own);
        }
        for (Path entry : classPath) {
            field(digest, absolute(entry));
            if (Files.isRegularFile(entry)) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class);
                    field(
                            digest,
                            attributes.size() + "@"
                                    + attributes.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + entry, e);
                }
            }
        }
    }

    private static Path codeSource(CodeSource source) {
        return source == null || source.getLocation() == null ? null : path(source.getLocation());
    }

    private static Path path(URL url) {
        try {
            return "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : null;
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return null;
        }
    }

    private static void files(Map<String, String> outputs, String prefix, Path folder) {
        for (Path file : PublishedFiles.under(folder)) {
            outputs.put(
                    prefix + folder.relativize(file).toString().replace('\\', '/'), hex(sha256().digest(bytes(file))));
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    private static void field(MessageDigest digest, String text) {
        field(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Length first, so that no two sequences of fields give the same stream of bytes. */
    private static void field(MessageDigest digest, byte[] bytes) {
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no SHA-256", e);
        }
    }
}
