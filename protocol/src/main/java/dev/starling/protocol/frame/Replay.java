package dev.starling.protocol.frame;

import java.util.Map;

import com.fasterxml.jackson.core.JsonToken;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.json.JsonObjectFields;
import dev.starling.protocol.json.JsonObjectFields.Field;

/**
 * What a protocol-2 {@code pusher:subscribe} asks to be sent before live messages ({@code rewind} or {@code resume},
 * PROTOCOL-V2.md sections 2 and 3). Protocol-7 sockets ignore it.
 *
 * <p>Parsing is strict about types, lenient about extra fields: a rewind is an object with exactly one of a
 * non-negative integer {@code count} or {@code seconds}; a resume is an object with a non-empty string
 * {@code stream_id} and a non-negative integer {@code serial}. Anything else — bare numbers or strings, arrays, empty
 * objects, numbers as strings, fractions, negatives, both {@code rewind} and {@code resume} — is {@link Malformed},
 * answered with {@code pusher:subscription_error} 400. Unknown fields inside them are ignored.
 */
public sealed interface Replay {

    /** Live messages only. */
    record None() implements Replay {
    }

    /** The last {@code count} retained messages first. */
    record RewindCount(long count) implements Replay {
    }

    /** The retained messages of the last {@code seconds} first. */
    record RewindSeconds(long seconds) implements Replay {
    }

    /** Every retained message after the position {@code (streamId, serial)} first. */
    record Resume(String streamId, long serial) implements Replay {
    }

    /** Present but not valid; {@code reason} is for the subscription error. */
    record Malformed(String reason) implements Replay {
    }

    Replay NONE = new None();

    /** Reads the {@code rewind} and {@code resume} fields of a subscribe's data (either may be {@code null}). */
    static Replay parse(Field rewind, Field resume) {
        boolean hasRewind = rewind != null && !rewind.isNull();
        boolean hasResume = resume != null && !resume.isNull();
        if (hasRewind && hasResume) {
            return new Malformed("'rewind' and 'resume' cannot be used together");
        }
        if (hasRewind) {
            return rewind(rewind);
        }
        if (hasResume) {
            return resume(resume);
        }
        return NONE;
    }

    private static Replay rewind(Field rewind) {
        Parsed<Map<String, Field>> object = object(rewind, "rewind");
        if (!object.isOk()) {
            return new Malformed(object.reason());
        }
        Field count = present(object.value().get("count"));
        Field seconds = present(object.value().get("seconds"));
        if ((count == null) == (seconds == null)) {
            return new Malformed("'rewind' needs exactly one of 'count' or 'seconds'");
        }
        Parsed<Long> value = count != null ? nonNegative(count, "rewind.count") : nonNegative(seconds, "rewind.seconds");
        if (!value.isOk()) {
            return new Malformed(value.reason());
        }
        return count != null ? new RewindCount(value.value()) : new RewindSeconds(value.value());
    }

    private static Replay resume(Field resume) {
        Parsed<Map<String, Field>> object = object(resume, "resume");
        if (!object.isOk()) {
            return new Malformed(object.reason());
        }
        Field streamId = present(object.value().get("stream_id"));
        if (streamId == null || !streamId.isString() || streamId.text().isEmpty()) {
            return new Malformed("'resume.stream_id' must be a non-empty string");
        }
        Field serial = present(object.value().get("serial"));
        if (serial == null) {
            return new Malformed("'resume.serial' is required");
        }
        Parsed<Long> value = nonNegative(serial, "resume.serial");
        return value.isOk() ? new Resume(streamId.text(), value.value()) : new Malformed(value.reason());
    }

    private static Parsed<Map<String, Field>> object(Field field, String name) {
        if (!field.isObject()) {
            return Parsed.err("'" + name + "' must be an object");
        }
        return JsonObjectFields.parse(field.raw());
    }

    private static Field present(Field field) {
        return field == null || field.isNull() ? null : field;
    }

    private static Parsed<Long> nonNegative(Field field, String name) {
        if (field.kind() != JsonToken.VALUE_NUMBER_INT) {
            return Parsed.err("'" + name + "' must be an integer");
        }
        try {
            long value = Long.parseLong(field.raw().trim());
            return value < 0 ? Parsed.err("'" + name + "' must not be negative") : Parsed.ok(value);
        } catch (NumberFormatException e) {
            return Parsed.err("'" + name + "' is out of range");
        }
    }
}
