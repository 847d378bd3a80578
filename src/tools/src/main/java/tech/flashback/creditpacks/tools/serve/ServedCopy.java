package tech.flashback.creditpacks.tools.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import tech.flashback.creditpacks.tools.published.PublishedStub;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * The stub server's own copy of the WireMock files of the stubs it serves (their mappings, and the
 * published folder's {@code __files/}), in a temporary folder removed on {@link #close()}. WireMock's admin API writes
 * and deletes mapping files ({@code POST /__admin/mappings/save}, {@code DELETE /__admin/mappings/<id>});
 * served from the copy, it can never change the published stubs, which the build checks against
 * the contracts.
 */
public final class ServedCopy implements AutoCloseable {

    private static final String BODY_FILES = "__files";

    private final Path root;

    private ServedCopy(Path root) {
        this.root = root;
    }

    /** A copy of exactly these stubs' mappings: the whole published folder's, or one consumer's. */
    public static ServedCopy of(PublishedStubs served) {
        Path published = served.root();
        Path root;
        try {
            root = Files.createTempDirectory("contract-tools-serve-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary folder for the served stubs", e);
        }
        try {
            for (PublishedStub stub : served.stubs()) {
                Path source = published.resolve(stub.mapping());
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    // A link could lead the server's writes out of its copy.
                    throw new IllegalArgumentException(
                            source + " is a link, not a file: serve copies plain files only");
                }
                Path target = root.resolve(stub.mapping().toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target);
            }
            Files.createDirectories(root.resolve(PublishedStubs.MAPPINGS));
            Path bodyFiles = published.resolve(BODY_FILES);
            if (Files.isDirectory(bodyFiles)) {
                copyTree(bodyFiles, root.resolve(BODY_FILES));
            }
            return new ServedCopy(root);
        } catch (IOException e) {
            delete(root);
            throw new UncheckedIOException("Cannot copy the stubs of " + published + " to serve them", e);
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
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary folder.
        }
    }
}
