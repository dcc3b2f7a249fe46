package dev.starling.gateway.cluster;

/** The cluster bus cannot accept publishes right now (e.g. the broker is unreachable). */
public class ClusterUnavailableException extends RuntimeException {

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
