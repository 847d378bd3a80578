package tech.flashback.creditpacks.tools.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The tools' logging ({@value #CONFIGURATION}: libraries speak only to warn, in one line, without
 * stack traces), set up in code when that file is the configuration asked for, as the command line
 * and the Maven build ask. Logback finds this class as a service before it reads any file: reading
 * the XML took its XML parser and configuration machinery, about 0.3 s of the command line's start.
 * Any other configuration a user names is read as usual. {@code ToolsLoggingTest} holds this to the XML.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ToolsLogging extends ContextAwareBase implements Configurator {

    /** The tools' logging configuration, a resource of their jar. */
    public static final String CONFIGURATION = "contract-tools-logback.xml";

    /** Logback's own property naming its configuration file. */
    static final String CONFIGURATION_PROPERTY = "logback.configurationFile";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!CONFIGURATION.equals(System.getProperty(CONFIGURATION_PROPERTY))) {
            return ExecutionStatus.NEUTRAL;
        }
        configureAsTheFileSays(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** What {@value #CONFIGURATION} configures. */
    static void configureAsTheFileSays(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{36} - %msg%n%nopex");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("org.springframework.cloud.contract.stubrunner").setLevel(Level.ERROR);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console);
    }
}
