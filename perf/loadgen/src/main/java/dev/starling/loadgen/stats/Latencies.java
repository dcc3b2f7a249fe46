package dev.starling.loadgen.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms in microseconds, 3 significant digits, up to {@link #HIGHEST_MICROS} (larger values are recorded
 * as that maximum, so a stuck delivery still shows up in the max and the tail). Encoded as base64 of HdrHistogram's
 * compressed form to travel from child processes to the parent, where they are added up.
 */
public final class Latencies {

    public static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int DIGITS = 3;

    private Latencies() {
    }

    public static Histogram histogram() {
        return new Histogram(1, HIGHEST_MICROS, DIGITS);
    }

    /** A histogram that several event-loop threads record into without locks. */
    public static ConcurrentHistogram concurrent() {
        return new ConcurrentHistogram(1, HIGHEST_MICROS, DIGITS);
    }

    /** Records {@code micros}, clamped to {@code [0, HIGHEST_MICROS]}. */
    public static void record(AbstractHistogram histogram, long micros) {
        histogram.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
    }

    public static String encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Not an encoded histogram", e);
        }
    }
}
