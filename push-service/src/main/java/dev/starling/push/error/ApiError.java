package dev.starling.push.error;

/**
 * Every error the APIs answer, in Beams' shape: HTTP status and {@code {"error":…,"description":…}}. The
 * {@code error} strings are the ones the client SDKs look for (Android treats {@code InvalidToken} as a token the
 * platform rejected; iOS reads {@code description}).
 */
public enum ApiError {

    BAD_REQUEST(400, "Bad Request"),
    INVALID_TOKEN(400, "InvalidToken"),
    UNAUTHORIZED(401, "Unauthorized"),
    NOT_FOUND(404, "Not Found"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large"),
    UNPROCESSABLE(422, "Unprocessable Entity"),
    UNAVAILABLE(503, "Service Unavailable");

    private final int status;
    private final String error;

    ApiError(int status, String error) {
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public ApiException with(String description) {
        return new ApiException(this, description);
    }
}
