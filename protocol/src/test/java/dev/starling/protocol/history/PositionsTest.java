package dev.starling.protocol.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Stream and message ids are derived from the position, the same way everywhere. */
class PositionsTest {

    @Test
    void streamIdIsTopicIdDotPartition() {
        assertThat(StreamIds.kafka("q1nE1fWvSmOcUe2m0Q2y5g", 3)).isEqualTo("q1nE1fWvSmOcUe2m0Q2y5g.3");
        assertThatThrownBy(() -> StreamIds.kafka("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamIds.kafka("t", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageIdIsStreamIdColonSerial() {
        assertThat(MessageIds.of("q1nE1fWvSmOcUe2m0Q2y5g.3", 4711)).isEqualTo("q1nE1fWvSmOcUe2m0Q2y5g.3:4711");
    }

    @Test
    void queriesEncodeChannelAndBounds() {
        HistoryQuery query = HistoryQuery.backwards("t.3").after(10).before(20).from(11).to(19).since(5).limit(50);
        assertThat(query.pathAndQuery("app 1", "private-a/b é"))
                .isEqualTo("/v1/apps/app%201/channels/private-a%2Fb%20%C3%A9/messages?stream_id=t.3&direction=backwards"
                        + "&after_serial=10&before_serial=20&from_serial=11&to_serial=19&since_ms=5&limit=50");
        assertThat(HistoryQuery.forwards("t.0").pathAndQuery("a", "#server-to-user-1"))
                .isEqualTo("/v1/apps/a/channels/%23server-to-user-1/messages?stream_id=t.0&direction=forwards");
        assertThat(HistoryQuery.writtenThroughPath("t.0")).isEqualTo("/v1/streams/t.0/written-through");
    }
}
