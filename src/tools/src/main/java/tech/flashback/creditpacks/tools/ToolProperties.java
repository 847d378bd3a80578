package tech.flashback.creditpacks.tools;

/**
 * The -D settings the release tools are run with ({@code -Dbaseline.version=1.0.0}): each name
 * once, here. The command line reads each as its option's default, so a Maven profile can pass
 * {@code -Dproducer.url=...} where a shell passes {@code --producer ...}.
 */
public final class ToolProperties {

    /** The producer's base URL ({@code --producer}). */
    public static final String PRODUCER_URL = "producer.url";
    /** The producer's state hook ({@code --states}). */
    public static final String PRODUCER_STATES_URL = "producer.states.url";
    /** The published version consumers built against ({@code --baseline}). */
    public static final String BASELINE_VERSION = "baseline.version";
    /** The version the diff compares with the baseline ({@code --candidate}). */
    public static final String CANDIDATE_VERSION = "candidate.version";
    /** A Maven repository to resolve published versions from ({@code --repository}). */
    public static final String BASELINE_REPOSITORY = "baseline.repository";
    /** The artifact whose stubs jar a bare version names ({@code --artifact}). */
    public static final String STUBS_ARTIFACT = "stubs.artifact";
    /** The published contracts to read ({@code --stubs}). */
    public static final String STUBS_PUBLISHED = "stubs.published";
    /** Rewrite the committed copy of the stubs instead of failing ({@code publish --update}). */
    public static final String STUBS_UPDATE = "stubs.update";
    /** Where to write a JSON report ({@code --json}). */
    public static final String REPORT_JSON = "report.json";
    /** Where to write a JUnit XML report ({@code --junit}). */
    public static final String REPORT_JUNIT = "report.junit";

    private ToolProperties() {}

    /** A -D property's value, trimmed, or null when it is unset or blank. */
    public static String optional(String name) {
        String value = System.getProperty(name, "").trim();
        return value.isEmpty() ? null : value;
    }
}
