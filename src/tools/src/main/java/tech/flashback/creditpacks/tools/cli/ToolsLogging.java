package tech.flashback.creditpacks.tools.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The tools' logging ({@value #CONFIGURATION}: libraries speak only to warn, in one line, without
 * stack traces), set up in code when that file is the configuration asked for, as the command line
 * and the Maven build ask. Logback finds this class as a service before it reads any file: reading
 * the XML took its XML parser and configuration machinery, and its pattern layout some seventy
 * converters, about 0.2 s of CPU at the command line's start. Any other configuration a user names
 * is read as usual. {@code ToolsLoggingTest} holds this to the XML.
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
        OneLine encoder = new OneLine();
        encoder.setContext(context);
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

    /** The XML's pattern {@code %-5level %logger{36} - %msg%n%nopex}, written out. */
    static final class OneLine extends EncoderBase<ILoggingEvent> {

        private final Abbreviator logger = new TargetLengthBasedClassNameAbbreviator(36);

        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            String level = event.getLevel().toString();
            StringBuilder line = new StringBuilder(level);
            while (line.length() < 5) {
                line.append(' ');
            }
            line.append(' ')
                    .append(logger.abbreviate(event.getLoggerName()))
                    .append(" - ")
                    .append(event.getFormattedMessage())
                    .append(CoreConstants.LINE_SEPARATOR);
            // As the pattern layout's encoder writes without a charset: the platform's.
            return line.toString().getBytes();
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }
    }
}
