package tech.flashback.creditpacks.tools.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.flashback.creditpacks.tools.published.PublishedJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The committed copy of the published form ({@code stubs/}): compared with what the contracts
 * publish, and brought up to date on request. Only files the build wrote are ever rewritten or
 * deleted; each carries the record of it (a mapping its {@code metadata.contract}, a rules file
 * its "Generated from" comment, the OpenAPI document its generated description). Anything else
 * in the folder is someone's own file: the check fails naming it, and an update leaves it alone.
 */
final class CommittedCopy {

    /** What the check found: files to bring up to date, and files nobody but their author may touch. */
    record Comparison(List<String> stale, List<String> foreign) {

        boolean upToDate() {
            return stale.isEmpty() && foreign.isEmpty();
        }
    }

    private final Path folder;

    CommittedCopy(Path folder) {
        this.folder = folder;
    }

    Path folder() {
        return folder;
    }

    /** {@code expected}: the published files by path relative to the folder. */
    Comparison compare(Map<Path, String> expected) {
        List<String> stale = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        expected.forEach((relative, text) -> {
            Path file = folder.resolve(relative);
            if (!Files.exists(file)) {
                stale.add("missing: " + file);
                return;
            }
            String committed = PublishedFiles.readText(file);
            if (committed.equals(text)) {
                return;
            }
            if (writtenByTheBuild(relative, committed)) {
                stale.add("differs: " + file + ":" + firstDifference(text, committed));
            } else {
                foreign.add(file
                        + " (the contracts now publish a file of this name, and this one was not written by the build:"
                        + " move it away)");
            }
        });
        for (Path file : PublishedFiles.under(folder)) {
            Path relative = folder.relativize(file);
            if (expected.containsKey(relative)) {
                continue;
            }
            if (writtenByTheBuild(relative, PublishedFiles.readText(file))) {
                stale.add("no contract publishes it any more: " + file);
            } else {
                foreign.add(file + " (not written by the build: move it out of " + folder + ", or delete it yourself)");
            }
        }
        return new Comparison(stale, foreign);
    }

    /**
     * Writes what is stale and removes what the build wrote and no contract publishes; a file already
     * up to date keeps its time, and a file the build did not write is never touched.
     */
    void update(Map<Path, String> expected) {
        for (Path file : PublishedFiles.under(folder)) {
            Path relative = folder.relativize(file);
            if (!expected.containsKey(relative) && writtenByTheBuild(relative, PublishedFiles.readText(file))) {
                PublishedFiles.delete(folder, file);
            }
        }
        expected.forEach((relative, text) -> {
            Path file = folder.resolve(relative);
            if (!Files.exists(file) || writtenByTheBuild(relative, PublishedFiles.readText(file))) {
                PublishedFiles.writeChanged(file, text);
            }
        });
    }

    /**
     * Whether the build wrote this file, by the record each published file carries. A file that
     * cannot be read as what it claims to be (a hand-made mapping, notes, a stray text) was not.
     */
    static boolean writtenByTheBuild(Path relative, String text) {
        String name = relative.toString().replace('\\', '/');
        if (name.equals(OpenApiDocument.FILE.toString())) {
            return text.contains(OpenApiDocument.GENERATED);
        }
        if (!name.endsWith(".json")) {
            return false;
        }
        JsonNode json;
        try {
            json = PublishedJson.MAPPER.readTree(text);
        } catch (JacksonException notJson) {
            return false;
        }
        if (name.startsWith(PublishedFiles.MAPPINGS + "/")) {
            return json.path("metadata").path("contract").isObject();
        }
        if (name.startsWith(PublishedFiles.RULES + "/")) {
            return json.path("$comment").asString("").startsWith(PublishedFiles.GENERATED_FROM);
        }
        if (name.startsWith(PactExport.FOLDER + "/")) {
            return json.path("metadata").has(PactExport.GENERATED);
        }
        return false;
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
        return index < lines.length
                ? "`" + lines[index].stripLeading().replace("\r", "\\r") + "`"
                : "the end of the file";
    }
}
