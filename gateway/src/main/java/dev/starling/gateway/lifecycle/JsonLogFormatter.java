package dev.starling.gateway.lifecycle;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import dev.starling.protocol.json.JsonText;

/**
 * One JSON object per log line: {@code timestamp}, {@code level}, {@code logger}, {@code thread}, {@code message} and,
 * when there is one, {@code exception} (the stack trace as text). Written here because the Quarkus JSON logging
 * extension is not available for this Quarkus version and JBoss LogManager's own JSON formatter cannot see a JSON-P
 * implementation from the class loader it runs in.
 */
final class JsonLogFormatter extends ExtFormatter {

    @Override
    public String format(ExtLogRecord record) {
        StringBuilder out = new StringBuilder(256).append("{\"timestamp\":");
        JsonText.appendQuoted(out, Instant.ofEpochMilli(record.getMillis()).toString());
        out.append(",\"level\":");
        JsonText.appendQuoted(out, record.getLevel().getName());
        out.append(",\"logger\":");
        JsonText.appendQuoted(out, String.valueOf(record.getLoggerName()));
        out.append(",\"thread\":");
        JsonText.appendQuoted(out, String.valueOf(record.getThreadName()));
        out.append(",\"message\":");
        JsonText.appendQuoted(out, String.valueOf(formatMessage(record)));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            out.append(",\"exception\":");
            JsonText.appendQuoted(out, trace.toString());
        }
        return out.append("}\n").toString();
    }
}
