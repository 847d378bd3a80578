package tech.flashback.creditpacks.tools.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import tech.flashback.creditpacks.tools.published.PublishedStubs;

/**
 * Where a tool reads published contracts from, as a user names them: a folder of the published
 * form ({@code stubs/}, or an unpacked stubs jar), a stubs jar file, or a stubs jar's Maven
 * coordinates ({@code tech.flashback:credit-packs-api:1.0.0[:stubs]}, from the local Maven
 * repository or {@code repository}). Everything is read as data; what had to be unpacked is kept
 * until the source is closed ({@link PublishedStubs#root()} stays readable), then removed.
 */
public final class PublishedSource implements AutoCloseable {

    /** A stubs jar holds a few hundred small files: more than this is not one. */
    static final int MAX_ENTRIES = 10_000;

    static final long MAX_UNPACKED_BYTES = 64L * 1024 * 1024;

    private final String label;
    private final PublishedStubs stubs;
    private final Path unpacked;

    private PublishedSource(String label, PublishedStubs stubs, Path unpacked) {
        this.label = label;
        this.stubs = stubs;
        this.unpacked = unpacked;
    }

    /**
     * @param spec a folder, a {@code .jar} file or Maven coordinates
     * @param repository a Maven repository URL for coordinates (null: the local repository only)
     * @throws IllegalArgumentException naming the spec and what was wrong with it
     */
    public static PublishedSource open(String spec, String repository) {
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return new PublishedSource(spec, PublishedStubs.read(publishedFolder(path, spec)), null);
        }
        if (Files.isRegularFile(path)) {
            Path work = unpack(path);
            try {
                return new PublishedSource(spec, PublishedStubs.read(publishedFolder(work, spec)), work);
            } catch (RuntimeException unreadable) {
                delete(work);
                throw unreadable;
            }
        }
        if (Coordinates.looksLike(spec)) {
            Coordinates coordinates = Coordinates.parse(spec);
            Path work = null;
            try {
                // Stub Runner's unpacked jar is removed at once; the source keeps a copy of its own
                // while open, since its users read the files themselves (WireMock serves them).
                work = copyOf(StubsJar.resolve(coordinates, repository));
                return new PublishedSource(coordinates.toString(), PublishedStubs.read(work), work);
            } catch (RuntimeException unreadable) {
                if (work != null) {
                    delete(work);
                }
                throw unreadable;
            } finally {
                StubsJar.cleanUp();
            }
        }
        throw new IllegalArgumentException(
                "No published stubs at '" + spec + "': give a folder (stubs/, or an unpacked stubs jar),"
                        + " a stubs jar file, or Maven coordinates group:artifact:version[:classifier]");
    }

    /** How reports name this source: the coordinates, or the path as given. */
    public String label() {
        return label;
    }

    public PublishedStubs stubs() {
        return stubs;
    }

    @Override
    public void close() {
        if (unpacked != null) {
            delete(unpacked);
        }
    }

    /** {@code root} itself when it holds mappings/, else the one META-INF/<group>/<artifact>/<version> folder that does. */
    private static Path publishedFolder(Path root, String spec) {
        if (Files.isDirectory(root.resolve(PublishedStubs.MAPPINGS))) {
            return root;
        }
        Path metaInf = root.resolve("META-INF");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(metaInf)) {
            try (Stream<Path> folders = Files.find(
                    metaInf,
                    3,
                    (folder, attributes) -> attributes.isDirectory()
                            && metaInf.relativize(folder).getNameCount() == 3
                            && Files.isDirectory(folder.resolve(PublishedStubs.MAPPINGS)))) {
                folders.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("No published stubs in '" + spec + "': "
                    + (found.isEmpty()
                            ? "it has no mappings/ folder, nor META-INF/<group>/<artifact>/<version>/mappings as a stubs jar has"
                            : "it holds the stubs of " + found.size() + " versions ("
                                    + found.stream().map(metaInf::relativize).toList() + "); name one folder"));
        }
        return found.get(0);
    }

    /** The published folder of a resolved jar, copied into a temporary folder of this source's own. */
    static Path copyOf(Path published) {
        try {
            Path work = Files.createTempDirectory("contract-tools-stubs-");
            try (Stream<Path> files = Files.walk(published)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = work.resolve(published.relativize(file).toString());
                    if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target);
                    } else if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.copy(file, target);
                    }
                }
            } catch (IOException | RuntimeException e) {
                delete(work);
                throw e;
            }
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the resolved stubs " + published, e);
        }
    }

    /** A jar unpacked into a temporary folder, refusing entries that would land outside it and jars too large to be stubs. */
    static Path unpack(Path jar) {
        Path work;
        try {
            work = Files.createTempDirectory("contract-tools-stubs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            long bytes = 0;
            int entries = 0;
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException(
                            jar + " has more than " + MAX_ENTRIES + " entries: not a stubs jar");
                }
                bytes += unpackEntry(jar, zip, entry, work, bytes);
            }
            return work;
        } catch (ZipException notAJar) {
            delete(work);
            throw new IllegalArgumentException(jar + " is not a jar (" + notAJar.getMessage() + ")");
        } catch (IOException e) {
            delete(work);
            throw new UncheckedIOException("Cannot read " + jar, e);
        } catch (RuntimeException refused) {
            delete(work);
            throw refused;
        }
    }

    /**
     * One entry of the jar written under {@code work}: the bytes it took. Refused when it would land
     * outside {@code work}, or take the jar past {@link #MAX_UNPACKED_BYTES} with the {@code unpacked} before it.
     */
    private static long unpackEntry(Path jar, ZipFile zip, ZipEntry entry, Path work, long unpacked)
            throws IOException {
        Path target = work.resolve(entry.getName()).normalize();
        if (!target.startsWith(work)) {
            throw new IllegalArgumentException(
                    jar + " has an entry outside the jar's own folders (" + entry.getName() + ")");
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return 0;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNPACKED_BYTES - unpacked + 1));
            if (unpacked + content.length > MAX_UNPACKED_BYTES) {
                throw new IllegalArgumentException(
                        jar + " unpacks to more than " + MAX_UNPACKED_BYTES + " bytes: not a stubs jar");
            }
            Files.write(target, content);
            return content.length;
        }
    }

    /** Removes a temporary folder of the tools' and all it holds; what cannot be removed is left to the system. */
    static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary folder.
        }
    }
}
