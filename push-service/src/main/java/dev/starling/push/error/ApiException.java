package dev.starling.push.error;

/** A refused request; {@link ApiExceptionMapper} turns it into the Beams error body. */
public final class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
