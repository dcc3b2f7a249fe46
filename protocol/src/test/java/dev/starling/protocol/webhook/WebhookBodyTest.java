package dev.starling.protocol.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link WebhookBody} encodes webhook bodies in Pusher's exact shape. */
class WebhookBodyTest {

    private static final long TIME = 1327078148132L;

    private static String encode(WebhookEvent event) {
        return WebhookBody.encode(TIME, List.of(event));
    }

    @Test
    void channelOccupied() {
        assertThat(encode(new WebhookEvent.ChannelOccupied("c")))
                .isEqualTo("{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"c\"}]}");
    }

    @Test
    void channelVacated() {
        assertThat(encode(new WebhookEvent.ChannelVacated("c")))
                .isEqualTo("{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_vacated\",\"channel\":\"c\"}]}");
    }

    @Test
    void memberAdded() {
        assertThat(encode(new WebhookEvent.MemberAdded("presence-c", "1"))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"member_added\",\"channel\":\"presence-c\",\"user_id\":\"1\"}]}");
    }

    @Test
    void memberRemoved() {
        assertThat(encode(new WebhookEvent.MemberRemoved("presence-c", "1"))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"member_removed\",\"channel\":\"presence-c\",\"user_id\":\"1\"}]}");
    }

    @Test
    void clientEventWithoutUserId() {
        assertThat(encode(new WebhookEvent.ClientEvent("private-c", "client-x", "{\"a\":1.10}", "123.456", null))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"client_event\",\"channel\":\"private-c\","
                        + "\"event\":\"client-x\",\"data\":\"{\\\"a\\\":1.10}\",\"socket_id\":\"123.456\"}]}");
    }

    @Test
    void clientEventWithUserIdOnPresence() {
        assertThat(encode(new WebhookEvent.ClientEvent("presence-c", "client-x", "hi", "123.456", "10"))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"client_event\",\"channel\":\"presence-c\","
                        + "\"event\":\"client-x\",\"data\":\"hi\",\"socket_id\":\"123.456\",\"user_id\":\"10\"}]}");
    }

    @Test
    void clientEventWithoutDataOmitsData() {
        assertThat(encode(new WebhookEvent.ClientEvent("private-c", "client-x", null, "123.456", null))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"client_event\",\"channel\":\"private-c\","
                        + "\"event\":\"client-x\",\"socket_id\":\"123.456\"}]}");
    }

    @Test
    void cacheMiss() {
        assertThat(encode(new WebhookEvent.CacheMiss("cache-x")))
                .isEqualTo("{\"time_ms\":1327078148132,\"events\":[{\"name\":\"cache_miss\",\"channel\":\"cache-x\"}]}");
    }

    @Test
    void subscriptionCount() {
        assertThat(encode(new WebhookEvent.SubscriptionCount("c", 42))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"subscription_count\",\"channel\":\"c\",\"subscription_count\":42}]}");
    }

    @Test
    void severalEventsKeepTheirOrder() {
        assertThat(WebhookBody.encode(TIME, List.of(new WebhookEvent.ChannelOccupied("a"),
                new WebhookEvent.MemberAdded("presence-b", "2"), new WebhookEvent.ChannelVacated("a")))).isEqualTo(
                "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"a\"},"
                        + "{\"name\":\"member_added\",\"channel\":\"presence-b\",\"user_id\":\"2\"},"
                        + "{\"name\":\"channel_vacated\",\"channel\":\"a\"}]}");
    }

    @Test
    void noEvents() {
        assertThat(WebhookBody.encode(TIME, List.of())).isEqualTo("{\"time_ms\":1327078148132,\"events\":[]}");
    }

    @Test
    void stringsAreEscaped() {
        WebhookEvent event = new WebhookEvent.ClientEvent("#server-to-user-\"1\"", "client-\\", "a\nb\u0001é😀", "1.2", "u\"1");

        assertThat(encode(event))
                .isEqualTo("{\"time_ms\":1327078148132,\"events\":[{\"name\":\"client_event\","
                        + "\"channel\":\"#server-to-user-\\\"1\\\"\",\"event\":\"client-\\\\\","
                        + "\"data\":\"a\\nb\\u0001é😀\",\"socket_id\":\"1.2\",\"user_id\":\"u\\\"1\"}]}");
    }

    @Test
    void namesAreTheWireNames() {
        assertThat(WebhookEvent.names()).containsExactlyInAnyOrder("channel_occupied", "channel_vacated", "member_added",
                "member_removed", "client_event", "cache_miss", "subscription_count");
        assertThat(List.of(new WebhookEvent.ChannelOccupied("c").name(), new WebhookEvent.ChannelVacated("c").name(),
                new WebhookEvent.MemberAdded("c", "u").name(), new WebhookEvent.MemberRemoved("c", "u").name(),
                new WebhookEvent.ClientEvent("c", "e", null, "1.1", null).name(), new WebhookEvent.CacheMiss("c").name(),
                new WebhookEvent.SubscriptionCount("c", 1).name())).containsExactlyInAnyOrderElementsOf(WebhookEvent.names());
    }
}
