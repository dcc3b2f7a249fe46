package dev.starling.gateway.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Handler;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;

import dev.starling.gateway.config.GatewayConfig;
import io.quarkus.runtime.Startup;

/**
 * Switches the console log to one JSON object per line when {@code starling.gateway.log.format=json}, as the first
 * thing the application does at start (the few lines Quarkus prints before remain text).
 */
@Startup(1)
@ApplicationScoped
public class LogFormat {

    public LogFormat(GatewayConfig config) {
        if (config.log().format() == GatewayConfig.Log.Format.JSON) {
            JsonLogFormatter json = new JsonLogFormatter();
            Deque<Handler> handlers = new ArrayDeque<>(java.util.List.of(LogContext.getLogContext().getLogger("").getHandlers()));
            while (!handlers.isEmpty()) {
                Handler handler = handlers.pop();
                if (handler instanceof ConsoleHandler console) {
                    console.setFormatter(json);
                } else if (handler instanceof ExtHandler nested) {
                    handlers.addAll(java.util.List.of(nested.getHandlers()));
                }
            }
        }
    }
}
