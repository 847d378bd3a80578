package tech.flashback.creditpacks.tools.resolve;

import java.util.regex.Pattern;

/**
 * A published stubs jar's Maven coordinates, {@code group:artifact:version[:classifier]} (the
 * classifier is {@code stubs} unless given), as Maven and Stub Runner write them.
 */
public record Coordinates(String group, String artifact, String version, String classifier) {

    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.+-]+");

    public static final String STUBS = "stubs";

    /** Whether {@code text} is meant as coordinates rather than a path: three or four colon-separated names. */
    static boolean looksLike(String text) {
        String[] parts = text.split(":", -1);
        return (parts.length == 3 || parts.length == 4)
                && java.util.Arrays.stream(parts)
                        .allMatch(part -> PART.matcher(part).matches());
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, when {@code text} is not {@code group:artifact:version[:classifier]}
     */
    public static Coordinates parse(String text) {
        return parse(text, STUBS);
    }

    /** As {@link #parse(String)}, with another classifier for coordinates that name none. */
    public static Coordinates parse(String text, String defaultClassifier) {
        if (!looksLike(text)) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not Maven coordinates: give group:artifact:version[:classifier],"
                            + " for example tech.flashback:credit-packs-api:1.0.0:stubs");
        }
        String[] parts = text.split(":");
        return new Coordinates(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : defaultClassifier);
    }

    /** The folder a stubs jar keeps its published form in: {@code META-INF/<group>/<artifact>/<version>}. */
    String folderInJar() {
        return "META-INF/" + group + "/" + artifact + "/" + version;
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ":" + version + ":" + classifier;
    }
}
