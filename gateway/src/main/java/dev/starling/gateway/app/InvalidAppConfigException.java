package dev.starling.gateway.app;

/** App configuration that cannot be used; the message names the offending key or field. */
public class InvalidAppConfigException extends RuntimeException {

    public InvalidAppConfigException(String message) {
        super(message);
    }
}
