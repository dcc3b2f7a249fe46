package dev.starling.history.api;

/** A query parameter that cannot be used, answered with 400 {@code {"error":…,"parameter":…}}. */
final class BadParameter extends RuntimeException {

    private final String parameter;

    BadParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    String parameter() {
        return parameter;
    }
}
