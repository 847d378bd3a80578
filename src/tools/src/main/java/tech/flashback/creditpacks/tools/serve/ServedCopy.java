package tech.flashback.creditpacks.tools.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The stub server's own copy of a published folder's WireMock files ({@code mappings/} and
 * {@code __files/}), in a temporary folder removed on {@link #close()}. WireMock's admin API writes
 * and deletes mapping files ({@code POST /__admin/mappings/save}, {@code DELETE /__admin/mappings/<id>});
 * served from the copy, it can never change the published stubs, which the build checks against
 * the contracts.
 */
public final class ServedCopy implements AutoCloseable {

    private static final List<String> WIREMOCK_FOLDERS = List.of("mappings", "__files");

    private final Path root;

    private ServedCopy(Path root) {
        this.root = root;
    }

    public static ServedCopy of(Path published) {
        Path root;
        try {
            root = Files.createTempDirectory("contract-tools-serve-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the served stubs", e);
        }
        try {
            for (String folder : WIREMOCK_FOLDERS) {
                Path source = published.resolve(folder);
                if (Files.isDirectory(source)) {
                    copyTree(source, root.resolve(folder));
                }
            }
            return new ServedCopy(root);
        } catch (RuntimeException failed) {
            delete(root);
            throw failed;
        }
    }

    /** The folder WireMock serves. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        delete(root);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                // A link could lead the server's writes out of its copy: only plain files and folders are copied.
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to serve it", e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary folder.
        }
    }
}
