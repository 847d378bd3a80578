package tech.flashback.creditpacks.tools.resolve;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.contract.stubrunner.StubConfiguration;
import org.springframework.cloud.contract.stubrunner.StubDownloaderBuilderProvider;
import org.springframework.cloud.contract.stubrunner.StubRunnerOptionsBuilder;
import org.springframework.cloud.contract.stubrunner.spring.StubRunnerProperties.StubsMode;

/**
 * A published stubs jar, resolved by its coordinates with Stub Runner's resolver (from the local
 * Maven repository, or a remote one: {@code file:}, {@code http:} or {@code https:}) and
 * unpacked: the folder of its published form (mappings, rules, contracts). A resolution ends
 * within {@link #DEADLINE}; {@link #cleanUp()} removes what it left in the temporary folder.
 */
public final class StubsJar {

    /** A stubs jar is a few kilobytes: a repository that takes longer than this to hand one over is failing. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final List<Path> UNPACKED = new CopyOnWriteArrayList<>();

    private StubsJar() {}

    /**
     * @param repository a Maven repository URL ({@code https://...} or {@code file:///...}); null
     *                   for the local repository
     * @throws IllegalStateException naming the version, the repository and why it has no such jar
     */
    public static Path resolve(Coordinates coordinates, String repository) {
        Path unpacked = unpack(coordinates, repository);
        Path published = unpacked.resolve(coordinates.folderInJar());
        if (!Files.isDirectory(published)) {
            throw new IllegalStateException(
                    "The stubs jar " + coordinates + " has no " + coordinates.folderInJar() + " folder");
        }
        return published;
    }

    /**
     * Any jar by its coordinates, resolved and unpacked: the folder it unpacked into.
     *
     * @throws IllegalStateException naming the coordinates, the repository and why it has no such jar
     */
    public static Path unpack(Coordinates coordinates, String repository) {
        MavenResolution.install();
        MavenResolution.takeLastFailure();
        String where =
                repository == null ? "the local Maven repository (./mvnw install puts this build's there)" : repository;
        Map.Entry<StubConfiguration, File> unpacked = download(coordinates, options(repository), where);
        if (unpacked == null || unpacked.getValue() == null) {
            Exception why = MavenResolution.takeLastFailure();
            throw new IllegalStateException(
                    "No stubs jar " + coordinates + " in " + where + (why == null ? "" : ": " + rootMessage(why)));
        }
        UNPACKED.add(unpacked.getValue().toPath());
        return unpacked.getValue().toPath();
    }

    private static StubRunnerOptionsBuilder options(String repository) {
        StubRunnerOptionsBuilder options = new StubRunnerOptionsBuilder()
                .withStubsMode(repository == null ? StubsMode.LOCAL : StubsMode.REMOTE)
                .withDeleteStubsAfterTest(true);
        if (repository != null) {
            options.withStubRepositoryRoot(repository);
        }
        return options;
    }

    /** Stub Runner's download and unpacking, within {@link #DEADLINE}; null when no repository it asked has the jar. */
    private static Map.Entry<StubConfiguration, File> download(
            Coordinates coordinates, StubRunnerOptionsBuilder options, String where) {
        CompletableFuture<Map.Entry<StubConfiguration, File>> download = new CompletableFuture<>();
        // A daemon thread of its own: abandoned at the deadline, it cannot keep the JVM (or Maven) waiting.
        Thread downloader = new Thread(
                () -> {
                    try {
                        download.complete(new StubDownloaderBuilderProvider()
                                .get(options.build())
                                .downloadAndUnpackStubJar(new StubConfiguration(
                                        coordinates.group(),
                                        coordinates.artifact(),
                                        coordinates.version(),
                                        coordinates.classifier())));
                    } catch (IllegalArgumentException notFound) {
                        // Stub Runner's way of saying that no repository it asked has the jar.
                        download.complete(null);
                    } catch (RuntimeException | Error failure) {
                        download.completeExceptionally(failure);
                    }
                },
                "stubs-jar-download");
        downloader.setDaemon(true);
        downloader.start();
        try {
            return download.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            downloader.interrupt();
            throw new IllegalStateException(
                    "Resolving " + coordinates + " from " + where + " took longer than " + DEADLINE.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Resolving " + coordinates + " was interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Resolving " + coordinates + " from " + where + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Removes the unpacked jars and the temporary local repositories remote resolutions used.
     * Stub Runner means to remove some of them in a shutdown hook, which cannot run once Maven's
     * exec:java has closed the tools' class loader, so each tool calls this when it is done.
     */
    public static void cleanUp() {
        UNPACKED.forEach(PublishedSource::delete);
        UNPACKED.clear();
        MavenResolution.takeLocalRepositories().forEach(PublishedSource::delete);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(failure.getMessage());
        return root.getMessage() == null || message.contains(root.getMessage())
                ? message
                : message + " (" + root.getMessage() + ")";
    }
}
