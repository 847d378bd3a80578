package tech.flashback.creditpacks.tools.resolve;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of an artifact a user names: a folder as it is, a jar unpacked, or a jar's Maven
 * coordinates resolved and unpacked (such as the contracts a consumer publishes to a Maven
 * repository). What had to be unpacked is removed when it is closed.
 */
public final class ArtifactFolder implements AutoCloseable {

    private final String label;
    private final Path folder;
    private final boolean temporary;

    private ArtifactFolder(String label, Path folder, boolean temporary) {
        this.label = label;
        this.folder = folder;
        this.temporary = temporary;
    }

    /**
     * @param spec a folder, a {@code .jar} file, or coordinates {@code group:artifact:version[:classifier]}
     * @param defaultClassifier the classifier of coordinates that name none
     * @throws IllegalArgumentException naming the spec and what was wrong with it
     */
    public static ArtifactFolder open(String spec, String repository, String defaultClassifier) {
        Path path = Path.of(spec);
        if (Files.isDirectory(path)) {
            return new ArtifactFolder(spec, path, false);
        }
        if (Files.isRegularFile(path)) {
            return new ArtifactFolder(spec, PublishedSource.unpack(path), true);
        }
        if (Coordinates.looksLike(spec)) {
            Coordinates coordinates = Coordinates.parse(spec, defaultClassifier);
            try {
                return new ArtifactFolder(
                        coordinates.toString(), PublishedSource.copyOf(StubsJar.unpack(coordinates, repository)), true);
            } finally {
                StubsJar.cleanUp();
            }
        }
        throw new IllegalArgumentException("Nothing at '" + spec + "': give a folder, a jar file, or Maven coordinates"
                + " group:artifact:version[:classifier]");
    }

    public String label() {
        return label;
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        if (temporary) {
            PublishedSource.delete(folder);
        }
    }
}
