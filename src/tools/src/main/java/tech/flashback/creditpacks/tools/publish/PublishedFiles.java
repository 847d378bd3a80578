package tech.flashback.creditpacks.tools.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The publication's files on disk: the folder a stubs jar is packed from, which the tools own,
 * and the file operations every part of the publisher shares. The folder keeps a list of what
 * the last publication wrote ({@value #RECORD}), so that publishing again removes exactly those
 * files and never one it did not write.
 */
final class PublishedFiles {

    static final String MAPPINGS = "mappings";
    static final String RULES = "rules";
    /** How every rules file the build writes begins its {@code $comment}: the record that the build wrote it. */
    static final String GENERATED_FROM = "Generated from contracts/";
    /** The list of files the last publication wrote into a folder, one relative path a line. */
    static final String RECORD = ".publication";

    private PublishedFiles() {}

    /**
     * {@code folder} becomes the files of this publication: of what the last publication into it
     * wrote, a file no longer published is deleted and a file whose content changed is rewritten;
     * a file whose content is the same keeps its bytes and its time (so that what reads the folder,
     * the compiler for generated tests, sees nothing to redo), and nothing else is touched. A folder
     * with files of someone else's is refused.
     *
     * @throws IllegalStateException naming the files the folder holds that no publication wrote
     */
    static void publishInto(Path folder, Map<Path, String> files) {
        Path record = folder.resolve(RECORD);
        List<Path> written = Files.exists(record)
                ? readText(record)
                        .lines()
                        .filter(line -> !line.isBlank())
                        .map(Path::of)
                        .toList()
                : List.of();
        List<Path> others = under(folder).stream()
                .map(folder::relativize)
                .filter(file -> !file.equals(Path.of(RECORD)) && !written.contains(file))
                .toList();
        if (!others.isEmpty()) {
            throw new IllegalStateException(
                    "Cannot publish into " + folder + ": it holds files no publication wrote ("
                            + others.stream().limit(5).map(Path::toString).toList() + (others.size() > 5 ? ", ..." : "")
                            + "); publish into an empty folder, or the one a publication used before (./mvnw clean empties the build's own)");
        }
        written.stream()
                .filter(file -> !files.containsKey(file))
                .map(folder::resolve)
                .filter(Files::exists)
                .forEach(file -> delete(folder, file));
        files.forEach((relative, text) -> writeChanged(folder.resolve(relative), text));
        StringBuilder list = new StringBuilder();
        new TreeSet<>(files.keySet())
                .forEach(file -> list.append(file.toString().replace('\\', '/')).append('\n'));
        writeChanged(record, list.toString());
    }

    /** Every regular file below {@code root}, in a stable order; none when it does not exist. */
    static List<Path> under(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text, whatever its bytes (a file that is not UTF-8 is shown, never a reason to stop). */
    static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Writes {@code text} unless the file already holds exactly it; whether it wrote. */
    static boolean writeChanged(Path file, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(file)
                    && Files.size(file) == bytes.length
                    && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        writeText(file, text);
        return true;
    }

    static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Deletes {@code file}, and the folders below {@code root} it leaves empty (a renamed state's old folder). */
    static void delete(Path root, Path file) {
        try {
            Files.delete(file);
            removeEmptyFolders(root, file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    private static void removeEmptyFolders(Path root, Path folder) throws IOException {
        Path current = folder;
        while (current != null && !current.equals(root) && current.startsWith(root) && Files.isDirectory(current)) {
            try (Stream<Path> entries = Files.list(current)) {
                if (entries.findAny().isPresent()) {
                    return;
                }
            }
            Files.delete(current);
            current = current.getParent();
        }
    }
}
