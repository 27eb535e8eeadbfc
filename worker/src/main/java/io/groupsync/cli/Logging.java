package io.groupsync.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import io.groupsync.config.LogConfig;
import java.net.URL;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code log.level} and {@code log.format} from the config file. logback reads them when the JVM starts,
 * from {@code -Dgroupsync.log.*} or the environment variables that are also their config overrides, so only a
 * value given in the file alone needs logback configured again.
 */
final class Logging {

    private Logging() {
    }

    static void apply(LogConfig log, Map<String, String> env) {
        boolean same = log.level().equals(atStart("level", env, "INFO"))
                && log.format().equals(atStart("format", env, "text"));
        URL config = Logging.class.getResource("/logback.xml");
        if (same || config == null || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        System.setProperty("groupsync.log.level", log.level());
        System.setProperty("groupsync.log.format", log.format());
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new IllegalStateException("logback refused its own configuration", e);
        }
    }

    /**
     * Sends the log to standard error: the ops commands print their data on standard output, for a pipe into
     * {@code jq}, where a Kafka client's warning must not land.
     */
    static void toStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLoggerList().forEach(logger -> logger.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        }));
    }

    /** What logback.xml took when the JVM started: the system property, else the environment, else the default. */
    private static String atStart(String name, Map<String, String> env, String otherwise) {
        String property = System.getProperty("groupsync.log." + name);
        if (property != null) {
            return property;
        }
        return env.getOrDefault("GROUPSYNC_LOG_" + name.toUpperCase(Locale.ROOT), otherwise);
    }
}
