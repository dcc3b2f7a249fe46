package dev.starling.protocol.frame;

import java.util.List;

/** One element of {@code pusher_internal:watchlist_events}: {@code online} or {@code offline} with the user ids. */
public record WatchlistEvent(Kind kind, List<String> userIds) {

    public enum Kind {
        ONLINE("online"), OFFLINE("offline");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public WatchlistEvent {
        userIds = List.copyOf(userIds);
    }
}
