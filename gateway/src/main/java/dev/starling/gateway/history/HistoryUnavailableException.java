package dev.starling.gateway.history;

/** The durable history cannot answer now (history-service or its database down, or none configured). */
public class HistoryUnavailableException extends RuntimeException {

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
