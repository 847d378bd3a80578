package tech.flashback.creditpacks.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tools' logging set up in code is what contract-tools-logback.xml says, and only when that file is asked for. */
class ToolsLoggingTest {

    private final String asked = System.getProperty(ToolsLogging.CONFIGURATION_PROPERTY);

    @AfterEach
    void restoreTheProperty() {
        if (asked == null) {
            System.clearProperty(ToolsLogging.CONFIGURATION_PROPERTY);
        } else {
            System.setProperty(ToolsLogging.CONFIGURATION_PROPERTY, asked);
        }
    }

    @Test
    void setsUpWhatTheXmlSaysLevelsAppenderAndLines() throws Exception {
        LoggerContext fromXml = new LoggerContext();
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(getClass().getClassLoader().getResource(ToolsLogging.CONFIGURATION));
        LoggerContext inCode = new LoggerContext();
        System.setProperty(ToolsLogging.CONFIGURATION_PROPERTY, ToolsLogging.CONFIGURATION);

        assertThat(new ToolsLogging().configure(inCode)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(levels(inCode))
                .isEqualTo(levels(fromXml))
                .isEqualTo(Map.of(
                        Logger.ROOT_LOGGER_NAME, "WARN", "org.springframework.cloud.contract.stubrunner", "ERROR"));
        assertThat(appenders(inCode))
                .isEqualTo(appenders(fromXml))
                .containsExactly("console: ConsoleAppender to System.out");
        String n = System.lineSeparator();
        assertThat(line(
                        inCode,
                        event(
                                inCode,
                                "org.eclipse.jetty.server.handler.ContextHandler",
                                Level.WARN,
                                "Failed to start {}",
                                new IllegalStateException("port in use"),
                                "o.e.j.s.ServletContextHandler@1")))
                .isEqualTo(line(
                        fromXml,
                        event(
                                fromXml,
                                "org.eclipse.jetty.server.handler.ContextHandler",
                                Level.WARN,
                                "Failed to start {}",
                                new IllegalStateException("port in use"),
                                "o.e.j.s.ServletContextHandler@1")))
                .isEqualTo("WARN  o.e.j.server.handler.ContextHandler - Failed to start o.e.j.s.ServletContextHandler@1"
                        + n);
        assertThat(line(inCode, event(inCode, "Short", Level.ERROR, "ünïcödé", null)))
                .isEqualTo(line(fromXml, event(fromXml, "Short", Level.ERROR, "ünïcödé", null)))
                .isEqualTo("ERROR Short - ünïcödé" + n);
        assertThat(line(
                        inCode,
                        event(
                                inCode,
                                "com.networknt.schema.keyword.UnknownKeywordFactory",
                                Level.INFO,
                                "two\nlines",
                                null)))
                .isEqualTo(line(
                        fromXml,
                        event(
                                fromXml,
                                "com.networknt.schema.keyword.UnknownKeywordFactory",
                                Level.INFO,
                                "two\nlines",
                                null)))
                .isEqualTo("INFO  c.n.s.keyword.UnknownKeywordFactory - two\nlines" + n);
    }

    private static LoggingEvent event(
            LoggerContext context, String logger, Level level, String message, Throwable failure, Object... arguments) {
        return new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, message, failure, arguments);
    }

    @Test
    void leavesAnyOtherConfigurationToLogback() {
        LoggerContext context = new LoggerContext();

        System.clearProperty(ToolsLogging.CONFIGURATION_PROPERTY);
        assertThat(new ToolsLogging().configure(context)).isEqualTo(ExecutionStatus.NEUTRAL);
        System.setProperty(ToolsLogging.CONFIGURATION_PROPERTY, "my-logback.xml");
        assertThat(new ToolsLogging().configure(context)).isEqualTo(ExecutionStatus.NEUTRAL);

        assertThat(levels(context)).isEqualTo(Map.of(Logger.ROOT_LOGGER_NAME, "DEBUG"));
        assertThat(appenders(context)).isEmpty();
    }

    /** Every logger given a level, by name. */
    private static Map<String, String> levels(LoggerContext context) {
        Map<String, String> levels = new TreeMap<>();
        context.getLoggerList().stream()
                .filter(logger -> logger.getLevel() != null)
                .forEach(
                        logger -> levels.put(logger.getName(), logger.getLevel().toString()));
        return levels;
    }

    private static List<String> appenders(LoggerContext context) {
        List<String> appenders = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            logger.iteratorForAppenders()
                    .forEachRemaining(appender -> appenders.add(
                            (logger.getName().equals(Logger.ROOT_LOGGER_NAME) ? "" : logger.getName() + " ")
                                    + describe(appender)));
        }
        return appenders;
    }

    private static String describe(Appender<?> appender) {
        return appender.getName() + ": " + appender.getClass().getSimpleName() + " to "
                + ((ConsoleAppender<?>) appender).getTarget();
    }

    /** What the root's appender writes for {@code event}. */
    @SuppressWarnings("unchecked")
    private static String line(LoggerContext context, LoggingEvent event) {
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("console");
        return new String(console.getEncoder().encode(event), Charset.defaultCharset());
    }
}
