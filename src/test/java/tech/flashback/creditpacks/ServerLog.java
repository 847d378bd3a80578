package tech.flashback.creditpacks;

import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** What the producers running in this JVM log on their request threads while a test step runs. */
final class ServerLog {

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private ServerLog() {
    }

    /** Runs {@code step} and returns what Tomcat's request threads logged meanwhile. */
    static List<ILoggingEvent> whileRunning(Step step) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            step.run();
        } finally {
            root.detachAppender(appender);
        }
        synchronized (appender.list) {
            return appender.list.stream().filter(event -> event.getThreadName().startsWith("http-nio-")).toList();
        }
    }

    static boolean hasStackTrace(ILoggingEvent event) {
        return event.getThrowableProxy() != null;
    }
}
