package dev.starling.history.retention;

import java.time.Duration;
import java.util.Collection;
import java.util.stream.LongStream;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.history.config.HistoryConfig;

/** The retention limits of each app: its overrides ({@code starling.history.apps."<id>".*}) or the defaults. */
@ApplicationScoped
public class RetentionPolicy {

    private final HistoryConfig config;

    public RetentionPolicy(HistoryConfig config) {
        this.config = config;
    }

    /** Rows of {@code appId} older than this are deleted; {@link Duration#ZERO}: no age limit. */
    public Duration maxAge(String appId) {
        HistoryConfig.AppRetention app = config.apps().get(appId);
        return app != null && app.maxAge().isPresent() ? app.maxAge().get() : config.retention().maxAge();
    }

    /** Most rows a channel of {@code appId} keeps per stream; {@link Long#MAX_VALUE}: no count limit. */
    public long maxMessages(String appId) {
        HistoryConfig.AppRetention app = config.apps().get(appId);
        int limit = app != null && app.maxMessages().isPresent() ? app.maxMessages().getAsInt()
                : config.retention().maxMessages();
        return limit <= 0 ? Long.MAX_VALUE : limit;
    }

    /** The smallest count limit in force for any app (a channel with fewer rows is under every limit). */
    public long smallestMaxMessages(Collection<String> appIds) {
        return LongStream.concat(LongStream.of(maxMessages("")), appIds.stream().mapToLong(this::maxMessages))
                .min().orElse(Long.MAX_VALUE);
    }
}
