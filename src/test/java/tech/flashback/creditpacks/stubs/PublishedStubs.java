package tech.flashback.creditpacks.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the WireMock mappings Spring Cloud Contract generates into the published form, and keeps
 * the committed {@code stubs/} folder equal to it. Runs in the build ({@code process-test-classes},
 * see pom.xml) on the generated mappings in place, so the stubs jar and {@code stubs/} carry the
 * same bytes.
 *
 * <p>The published form is what any stock WireMock 3 loads without warnings and what a reviewer
 * can diff: no random {@code id}/{@code uuid}, no {@code spring-cloud-contract} transformer, the
 * body as a readable {@code jsonBody}, fixed key order, two-space indent, LF line endings.
 */
public final class PublishedStubs {

    /** The one command that brings {@code stubs/} up to date; named in every staleness failure. */
    public static final String REGENERATE_COMMAND = "./mvnw process-test-classes -Dstubs.update";

    /** Decimals stay as written in the contract (19.90 must not become 19.9). */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectWriter PRETTY = JSON.writer().with(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private PublishedStubs() {
    }

    /**
     * Arguments: the generated mappings folder, the committed mappings folder, and {@code true}
     * to rewrite the committed folder instead of failing when it is stale.
     */
    public static void main(String[] args) {
        Path generated = Path.of(args[0]);
        Path published = Path.of(args[1]);
        boolean update = args.length > 2 && (args[2].isEmpty() || Boolean.parseBoolean(args[2]));

        Map<Path, String> expected = publishInPlace(generated);
        List<String> stale = differences(expected, published);
        if (stale.isEmpty()) {
            return;
        }
        if (update) {
            write(expected, published);
            System.out.println("Updated " + published + ":\n  " + String.join("\n  ", stale));
            return;
        }
        throw new IllegalStateException(published + " is out of date with the contracts:\n  "
                + String.join("\n  ", stale) + "\nRegenerate it with: " + REGENERATE_COMMAND
                + "\nand commit it together with the contract change.");
    }

    /** Rewrites every generated mapping in its published form; returns them by relative path. */
    static Map<Path, String> publishInPlace(Path generated) {
        Map<Path, String> published = new TreeMap<>();
        for (Path file : jsonFiles(generated)) {
            String text = publish(read(file), file.getFileName().toString().replaceFirst("\\.json$", ""));
            writeText(file, text);
            published.put(generated.relativize(file), text);
        }
        if (published.isEmpty()) {
            throw new IllegalStateException("No mappings were generated under " + generated);
        }
        return published;
    }

    /** The published form of one generated mapping; {@code name} is the contract's name. */
    static String publish(String generatedMapping, String name) {
        JsonNode mapping = JSON.readTree(generatedMapping);
        ObjectNode stub = JSON.createObjectNode();
        stub.put("name", name);
        if (mapping.has("priority")) {
            stub.set("priority", mapping.get("priority"));
        }
        stub.set("request", mapping.get("request"));
        stub.set("response", response(mapping.get("response")));
        return PRETTY.writeValueAsString(stub) + "\n";
    }

    private static ObjectNode response(JsonNode generated) {
        ObjectNode response = JSON.createObjectNode();
        generated.properties().forEach(field -> {
            switch (field.getKey()) {
                // Spring Cloud Contract's own transformer; stock WireMock warns about it and the
                // static bodies here need no templating.
                case "transformers" -> { }
                case "body" -> response.set("jsonBody", JSON.readTree(field.getValue().asString()));
                default -> response.set(field.getKey(), field.getValue());
            }
        });
        return response;
    }

    /** What in {@code published} is not what the contracts generate, a line per file; empty when up to date. */
    static List<String> differences(Map<Path, String> expected, Path published) {
        List<String> stale = new ArrayList<>();
        expected.forEach((relative, text) -> {
            Path committed = published.resolve(relative);
            if (!Files.exists(committed)) {
                stale.add("missing: " + committed);
            } else {
                String committedText = read(committed);
                if (!committedText.equals(text)) {
                    stale.add("differs: " + committed + ":" + firstDifference(text, committedText));
                }
            }
        });
        if (Files.isDirectory(published)) {
            for (Path committed : jsonFiles(published)) {
                if (!expected.containsKey(published.relativize(committed))) {
                    stale.add("no contract generates it any more: " + committed);
                }
            }
        }
        return stale;
    }

    /** {@code "17: the contracts give `a`, the file has `b`"}: the first line that differs, 1-based. */
    private static String firstDifference(String expected, String committed) {
        String[] want = expected.split("\n", -1);
        String[] have = committed.split("\n", -1);
        int line = 0;
        while (line < want.length && line < have.length && want[line].equals(have[line])) {
            line++;
        }
        return (line + 1) + ": the contracts give " + shown(want, line) + ", the file has " + shown(have, line);
    }

    private static String shown(String[] lines, int index) {
        // A stray carriage return is the usual invisible difference (an editor's CRLF), so show it.
        return index < lines.length ? "`" + lines[index].stripLeading().replace("\r", "\\r") + "`" : "the end of the file";
    }

    private static void write(Map<Path, String> expected, Path published) {
        if (Files.isDirectory(published)) {
            jsonFiles(published).forEach(PublishedStubs::delete);
        }
        expected.forEach((relative, text) -> writeText(published.resolve(relative), text));
    }

    private static List<Path> jsonFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
