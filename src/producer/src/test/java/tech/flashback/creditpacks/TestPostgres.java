package tech.flashback.creditpacks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Real PostgreSQL servers for tests (binaries from Maven Central, no Docker), on loopback only.
 * Creating a cluster (initdb) is the slow, CPU-heavy part, so it runs once per test JVM and every
 * server starts on its own copy of that fresh cluster.
 */
public final class TestPostgres {

    private static Path template;

    private TestPostgres() {}

    /** A new, never-started cluster directory of the caller's own. */
    public static synchronized Path freshCluster() throws IOException {
        if (template == null) {
            Path created = TemporaryFolders.removedAtExit("credit-packs-pg-template");
            EmbeddedPostgres.builder()
                    .setDataDirectory(created)
                    .setCleanDataDirectory(false)
                    .start()
                    .close();
            template = created;
        }
        Path copy = TemporaryFolders.removedAtExit("credit-packs-pg");
        copyTree(template, copy);
        return copy;
    }

    /**
     * Starts (or restarts) a server on {@code cluster}, keeping its data, on {@code port}; waits for
     * it as long as a test waits for anything ({@link PatientStore#PATIENCE}): the default 10 s is not
     * always enough at load 19.
     */
    public static EmbeddedPostgres start(Path cluster, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(cluster)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "localhost")
                .setPGStartupWait(PatientStore.PATIENCE)
                .start();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    // PostgreSQL refuses a data directory that others can read: keep the 0700 mode.
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                } else if (!file.getFileName().toString().equals("postmaster.pid")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
