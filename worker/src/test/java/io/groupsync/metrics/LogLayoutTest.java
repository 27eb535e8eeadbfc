package io.groupsync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's logback.xml: its level and its layout chosen by a property, as GROUPSYNC_LOG_* set them. */
class LogLayoutTest {

    private static final URL WORKER_CONFIG = LogLayoutTest.class.getResource("/logback.xml");

    @Test
    void jsonIsOneObjectALineWithTheFailuresContext() throws Exception {
        LoggerContext context = configured(Map.of("groupsync.log.format", "json"));
        String line = encode(context, "vendor calls failing: 3 in the last 60s", Map.of("route", "tencent",
                "group", "g1", "event_id", "e7", "dispatch_id", "tencent-12"));

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("vendor calls failing: 3 in the last 60s");
        assertThat(json.get("mdc").get("route").asText()).isEqualTo("tencent");
        assertThat(json.get("mdc").get("event_id").asText()).isEqualTo("e7");
        assertThat(json.has("context")).as("no per-line context noise").isFalse();
    }

    @Test
    void textIsTheDefaultAndAnythingButJson() throws Exception {
        for (Map<String, String> properties : java.util.List.of(Map.<String, String>of(),
                Map.of("groupsync.log.format", "jsn"))) {
            String line = encode(configured(properties), "started", Map.of());
            assertThat(line).contains("level=WARN", "msg=\"started\"");
        }
    }

    @Test
    void theLevelIsSettableAndKafkaStaysAtWarn() throws Exception {
        LoggerContext context = configured(Map.of("groupsync.log.level", "DEBUG"));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.apache.kafka").getLevel()).isEqualTo(Level.WARN);
        assertThat(configured(Map.of()).getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    }

    /** The worker's configuration in a context of its own, with these properties as -D would set them. */
    private static LoggerContext configured(Map<String, String> properties) throws Exception {
        LoggerContext context = new LoggerContext();
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(WORKER_CONFIG);
        return context;
    }

    @SuppressWarnings("unchecked")
    private static String encode(LoggerContext context, String message, Map<String, String> mdc) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> out = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT");
        LoggingEvent event = new LoggingEvent(LogLayoutTest.class.getName(), root, Level.WARN, message, null, null);
        event.setMDCPropertyMap(mdc);
        return new String(out.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
