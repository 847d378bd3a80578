package tech.flashback.creditpacks;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What is logged, in this JVM, while a test step runs. */
public final class LogCapture {

    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private LogCapture() {
    }

    /** Everything {@code source}'s logger (the root logger when null) logs while {@code step} runs. */
    public static List<ILoggingEvent> during(Class<?> source, Step step) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(source == null ? org.slf4j.Logger.ROOT_LOGGER_NAME : source.getName());
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        // Another test class starting a Spring application meanwhile resets logging, which detaches
        // and stops every appender: this one comes back, or the step's events would go unseen.
        StayAttached stayAttached = new StayAttached(logger, appender);
        logger.getLoggerContext().addListener(stayAttached);
        try {
            step.run();
        } finally {
            logger.getLoggerContext().removeListener(stayAttached);
            logger.detachAppender(appender);
        }
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    private record StayAttached(Logger logger, ListAppender<ILoggingEvent> appender) implements LoggerContextListener {

        @Override
        public boolean isResetResistant() {
            return true;
        }

        @Override
        public void onReset(LoggerContext context) {
            appender.start();
            logger.addAppender(appender);
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger changed, Level level) {
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
