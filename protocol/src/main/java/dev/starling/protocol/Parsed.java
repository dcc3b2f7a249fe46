package dev.starling.protocol;

import java.util.function.Function;

/**
 * The outcome of parsing or validating untrusted input: either a value or the reason it was refused.
 * Parsers in this module return it instead of throwing, so bad input can always be answered with the
 * protocol's error.
 */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
    }

    record Err<T>(String reason) implements Parsed<T> {
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> err(String reason) {
        return new Err<>(reason);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws {@link IllegalStateException} on an error (use only after {@link #isOk()}). */
    default T value() {
        if (this instanceof Ok<T>(T value)) {
            return value;
        }
        throw new IllegalStateException("not parsed: " + reason());
    }

    /** The reason for refusal, or {@code null} when parsing succeeded. */
    default String reason() {
        return this instanceof Err<T>(String reason) ? reason : null;
    }

    default <R> Parsed<R> map(Function<T, R> mapper) {
        if (this instanceof Ok<T>(T value)) {
            return new Ok<>(mapper.apply(value));
        }
        return new Err<>(reason());
    }
}
