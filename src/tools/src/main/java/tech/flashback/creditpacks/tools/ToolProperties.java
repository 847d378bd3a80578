package tech.flashback.creditpacks.tools;

/** The -D settings the release tools are run with ({@code -Dbaseline.version=1.0.0}). */
public final class ToolProperties {

    private ToolProperties() {
    }

    /** A -D property's value, trimmed, or null when it is unset or blank. */
    public static String optional(String name) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? null : value;
    }
}
