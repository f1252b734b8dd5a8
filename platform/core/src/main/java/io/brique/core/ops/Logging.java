package io.brique.core.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/** Switches logging to one JSON object per line ({@code log.format=json}) for log shippers. */
public final class Logging {

    private Logging() {
    }

    public static void configure(String format) {
        if (!"json".equalsIgnoreCase(format)) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL json = Logging.class.getResource("/logback-json.xml");
        try {
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(json);
        } catch (JoranException e) {
            System.err.println("brique: cannot switch to JSON logs: " + e.getMessage());
        }
    }
}
