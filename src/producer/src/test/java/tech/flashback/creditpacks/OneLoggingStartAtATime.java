package tech.flashback.creditpacks;

import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.logback.LogbackLoggingSystem;

/**
 * Spring Boot's Logback logging system, starting and stopping one application's logging at a time.
 * The test classes run concurrently, and several start an application of their own in this JVM,
 * all sharing Logback's one logger context: two applications setting it up at once interleaved
 * (one resetting the context while the other built its console appender), and a context failed to
 * start with "Unable to find Spring Environment in logger context" (seen twice in this round's full builds).
 * Named by the surefire configuration's {@code org.springframework.boot.logging.LoggingSystem}.
 */
public class OneLoggingStartAtATime extends LogbackLoggingSystem {

    private static final Object STARTING = new Object();

    public OneLoggingStartAtATime(ClassLoader classLoader) {
        super(classLoader);
    }

    @Override
    public void beforeInitialize() {
        synchronized (STARTING) {
            super.beforeInitialize();
        }
    }

    @Override
    public void initialize(LoggingInitializationContext context, String configLocation, LogFile logFile) {
        synchronized (STARTING) {
            super.initialize(context, configLocation, logFile);
        }
    }

    @Override
    public void cleanUp() {
        synchronized (STARTING) {
            super.cleanUp();
        }
    }
}
