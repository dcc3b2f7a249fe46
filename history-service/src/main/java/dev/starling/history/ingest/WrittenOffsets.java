package dev.starling.history.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** The highest offset this process has written per partition of the events topic (for the lag metric). */
@ApplicationScoped
public class WrittenOffsets {

    private final Map<Integer, Long> written = new ConcurrentHashMap<>();

    void written(int partition, long offset) {
        written.merge(partition, offset, Math::max);
    }

    /** The highest written offset of {@code partition}, {@code -1} when this process wrote none. */
    public long get(int partition) {
        return written.getOrDefault(partition, -1L);
    }
}
