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
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import tech.flashback.creditpacks.tools.contracts.PublishedJson;

/**
 * The record of the publisher's last successful run, kept in the build's own folder: what it took
 * in (every file of the contracts folder, its settings, the tools' own build and class path) and
 * what it left on disk (every file of the published folder, of the generated tests and, when it
 * compared it, of the committed copy), each as a SHA-256 of its bytes. A run whose inputs and
 * outputs are both as recorded would read, publish, generate and compare exactly the same again,
 * so it does nothing; anything else (a contract edited, added, renamed or deleted, a stub or a
 * generated test edited or deleted behind the build's back, a file dropped into the committed
 * copy, the tools rebuilt) makes a full run. The record is removed before a full run and written
 * only when it succeeds, so a failed check is never taken for a passed one.
 */
final class LastPublication {

    /** Bump when what a run writes changes in a way the inputs below do not show. */
    private static final String FORMAT = "1";

    /** What a successful run took in, what it set aside (ignored contracts), and what it left on disk. */
    record State(String inputs, List<String> ignored, Map<String, String> outputs) {
    }

    private LastPublication() {
    }

    /** The digest of everything a run of {@code settings} reads. */
    static String inputs(StubPublisher.Settings settings) {
        MessageDigest digest = sha256();
        field(digest, FORMAT);
        field(digest, absolute(settings.contracts()));
        field(digest, absolute(settings.published()));
        field(digest, settings.committed() == null ? "-" : absolute(settings.committed()));
        field(digest, String.valueOf(compares(settings)));
        field(digest, settings.publication().toString());
        field(digest, String.valueOf(settings.tests()));
        for (Path file : PublishedFiles.under(settings.contracts())) {
            field(digest, settings.contracts().relativize(file).toString().replace('\\', '/'));
            field(digest, bytes(file));
        }
        tools(digest);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every file a run of {@code settings} leaves behind, by where it is, with the digest of its bytes. */
    static Map<String, String> outputs(StubPublisher.Settings settings) {
        Map<String, String> outputs = new TreeMap<>();
        files(outputs, "published/", settings.published());
        if (settings.tests() != null) {
            files(outputs, "tests/", settings.tests().folder());
        }
        if (compares(settings)) {
            files(outputs, "committed/", settings.committed());
        }
        return outputs;
    }

    /** The record in {@code file}; none when there is none, or it cannot be read (a run then does the work). */
    static Optional<State> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = PublishedJson.MAPPER.readTree(PublishedFiles.readText(file));
            List<String> ignored = new ArrayList<>();
            json.path("ignored").forEach(entry -> ignored.add(entry.asString()));
            Map<String, String> outputs = new TreeMap<>();
            json.path("outputs").properties().forEach(entry -> outputs.put(entry.getKey(), entry.getValue().asString()));
            String inputs = json.path("inputs").asString("");
            return inputs.isEmpty() ? Optional.empty() : Optional.of(new State(inputs, ignored, outputs));
        } catch (JacksonException unreadable) {
            return Optional.empty();
        }
    }

    static void write(Path file, State state) {
        ObjectNode json = PublishedJson.MAPPER.createObjectNode();
        json.put("inputs", state.inputs());
        state.ignored().forEach(json.putArray("ignored")::add);
        ObjectNode outputs = json.putObject("outputs");
        state.outputs().forEach(outputs::put);
        PublishedFiles.writeText(file, PublishedJson.pretty(json));
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
                    field(digest, attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
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
            outputs.put(prefix + folder.relativize(file).toString().replace('\\', '/'), HexFormat.of().formatHex(sha256().digest(bytes(file))));
        }
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
