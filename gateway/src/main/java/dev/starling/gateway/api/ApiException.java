package dev.starling.gateway.api;

/** An HTTP API failure with its status; the message becomes the JSON body's {@code error}. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, message);
    }

    /** The node cannot take the work now; the client should retry after {@link #retryAfterSeconds()}. */
    public static ApiException unavailable(String message, int retryAfterSeconds) {
        ApiException e = new ApiException(503, message);
        e.retryAfterSeconds = retryAfterSeconds;
        return e;
    }

    private int retryAfterSeconds = -1;
    private String parameter;

    /** A 400 about one query parameter, named in the JSON body's {@code parameter}. */
    public static ApiException badParameter(String parameter, String message) {
        ApiException e = new ApiException(400, message);
        e.parameter = parameter;
        return e;
    }

    /** The query parameter the error is about, or {@code null}. */
    public String parameter() {
        return parameter;
    }

    /** Seconds for a {@code Retry-After} header, or -1 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
