package tech.flashback.creditpacks;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What is logged, in this JVM, while a test step runs. */
public final class LogCapture {

    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private LogCapture() {}

    /** Everything {@code source}'s logger (the root logger when null) logs while {@code step} runs. */
    public static List<ILoggingEvent> during(Class<?> source, Step step) throws Exception {
        Logger logger =
                (Logger) LoggerFactory.getLogger(source == null ? org.slf4j.Logger.ROOT_LOGGER_NAME : source.getName());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            step.run();
        } finally {
            logger.detachAppender(appender);
        }
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    public static boolean hasStackTrace(ILoggingEvent event) {
        return event.getThrowableProxy() != null;
    }

    /** Logged on one of Tomcat's request threads. */
    public static boolean onRequestThread(ILoggingEvent event) {
        return event.getThreadName().startsWith("http-nio-");
    }
}
