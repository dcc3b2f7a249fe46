package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.awaitSubscriptionCount;
import static dev.starling.gateway.blackbox.Gateway.json;
import static dev.starling.gateway.blackbox.Gateway.nextNonCount;
import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Event;
import com.pusher.rest.data.Result;

import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.protocol.json.JsonText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every HTTP API route called with pusher-http-java, with the exact reply bodies; subscribers are raw sockets so the
 * delivered frames are checked byte for byte. {@code info} on publishes is sent with the SDK's generic {@code post},
 * as pusher-http-java 1.3.4 has no parameter for it.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HttpApiTest {

    @TestHTTPResource("/")
    URL url;

    private Pusher api;
    private final List<WsClient> sockets = new ArrayList<>();

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void close() {
        sockets.forEach(WsClient::close);
        Api.close(api);
    }

    /** A raw socket subscribed to {@code channel}; returns it with its socket id consumed. */
    private WsClient subscriber(String channel) {
        WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key());
        sockets.add(client);
        String socketId = client.socketId();
        client.send(channel.startsWith("private-") ? Signing.subscribePrivate(TestApps.DEMO, socketId, channel)
                : Signing.subscribe(channel));
        client.nextEvent("pusher_internal:subscription_succeeded");
        return client;
    }

    private WsClient member(String channel, String userId) {
        WsClient client = WsClient.connect(url.getPort(), TestApps.DEMO.key());
        sockets.add(client);
        client.send(Signing.subscribePresence(TestApps.DEMO, client.socketId(), channel, userId, "{\"name\":\"x\"}"));
        client.nextEvent("pusher_internal:subscription_succeeded");
        return client;
    }

    private static String frame(String event, String channel, String data) {
        return "{\"event\":\"" + event + "\",\"channel\":\"" + channel + "\",\"data\":" + JsonText.quote(data) + "}";
    }

    private static void assertBody(Result result, String body) {
        assertThat(result.getHttpStatus()).as(result.getMessage()).isEqualTo(200);
        assertThat(result.getStatus()).isEqualTo(Result.Status.SUCCESS);
        assertThat(json(result.getMessage())).isEqualTo(json(body));
    }

    private static void assertClientError(Result result) {
        assertThat(result.getHttpStatus()).as(result.getMessage()).isEqualTo(400);
        assertThat(result.getStatus()).isEqualTo(Result.Status.CLIENT_ERROR);
        assertThat(json(result.getMessage()).path("status").asInt()).isEqualTo(400);
        assertThat(json(result.getMessage()).path("error").asText()).isNotBlank();
    }

    @Test
    void triggerToOneChannel() {
        String channel = unique("hapi-");
        WsClient client = subscriber(channel);

        Result result = api.trigger(channel, "greeting", Map.of("message", "hello"));

        assertThat(result.getMessage()).isEqualTo("{}");
        assertBody(result, "{}");
        assertThat(nextNonCount(client)).isEqualTo(frame("greeting", channel, "{\"message\":\"hello\"}"));
    }

    @Test
    void triggerToSeveralChannels() {
        String first = unique("hapi-");
        String second = unique("private-hapi-");
        WsClient a = subscriber(first);
        WsClient b = subscriber(second);

        assertBody(api.trigger(List.of(first, second), "fanout", Map.of("n", "1")), "{}");

        assertThat(nextNonCount(a)).isEqualTo(frame("fanout", first, "{\"n\":\"1\"}"));
        assertThat(nextNonCount(b)).isEqualTo(frame("fanout", second, "{\"n\":\"1\"}"));
    }

    @Test
    void triggerExcludesTheGivenSocket() {
        String channel = unique("hapi-");
        WsClient excluded = WsClient.connect(url.getPort(), TestApps.DEMO.key());
        sockets.add(excluded);
        String excludedId = excluded.socketId();
        excluded.send(Signing.subscribe(channel));
        excluded.nextEvent("pusher_internal:subscription_succeeded");
        WsClient other = subscriber(channel);

        assertBody(api.trigger(channel, "update", Map.of(), excludedId), "{}");
        assertThat(nextNonCount(other)).isEqualTo(frame("update", channel, "{}"));

        // Same channel, published later: had the first reached the excluded socket, it would come first.
        assertBody(api.trigger(channel, "later", Map.of()), "{}");
        assertThat(nextNonCount(excluded)).isEqualTo(frame("later", channel, "{}"));
    }

    @Test
    void triggerWithInfoReportsCountsPerChannel() {
        String presence = unique("presence-hapi-");
        String open = unique("hapi-");
        member(presence, "alice");
        member(presence, "alice");
        member(presence, "bob");
        subscriber(open);
        subscriber(open);
        awaitSubscriptionCount(api, presence, 3);
        awaitSubscriptionCount(api, open, 2);

        Result result = api.post("/events", "{\"name\":\"e\",\"channels\":[\"" + presence + "\",\"" + open
                + "\"],\"data\":\"{}\",\"info\":\"user_count,subscription_count\"}");

        assertBody(result, "{\"channels\":{\"" + presence + "\":{\"user_count\":2,\"subscription_count\":3},\"" + open
                + "\":{\"subscription_count\":2}}}");
    }

    @Test
    void batchTrigger() {
        String first = unique("hapi-");
        String second = unique("hapi-");
        WsClient a = subscriber(first);
        WsClient b = subscriber(second);

        Result result = api.trigger(List.of(new Event(first, "one", Map.of("i", "1")),
                new Event(second, "two", Map.of("i", "2"))));

        assertThat(result.getMessage()).isEqualTo("{}");
        assertThat(nextNonCount(a)).isEqualTo(frame("one", first, "{\"i\":\"1\"}"));
        assertThat(nextNonCount(b)).isEqualTo(frame("two", second, "{\"i\":\"2\"}"));
    }

    @Test
    void batchTriggerWithInfoIsIndexAligned() {
        String presence = unique("presence-hapi-");
        String open = unique("hapi-");
        member(presence, "alice");
        subscriber(open);
        subscriber(open);
        awaitSubscriptionCount(api, presence, 1);
        awaitSubscriptionCount(api, open, 2);

        Result result = api.post("/batch_events", "{\"batch\":["
                + "{\"channel\":\"" + presence + "\",\"name\":\"a\",\"data\":\"1\",\"info\":\"user_count\"},"
                + "{\"channel\":\"" + open + "\",\"name\":\"b\",\"data\":\"2\"},"
                + "{\"channel\":\"" + open + "\",\"name\":\"c\",\"data\":\"3\",\"info\":\"subscription_count\"}]}");

        assertBody(result, "{\"batch\":[{\"user_count\":1},{},{\"subscription_count\":2}]}");
    }

    @Test
    void channelsFilteredByPrefixListOnlyOccupiedOnes() {
        String prefix = unique("hapi-") + "-";
        subscriber(prefix + "a");
        subscriber(prefix + "b");
        WsClient leaving = subscriber(prefix + "c");
        subscriber(unique("elsewhere-"));
        awaitSubscriptionCount(api, prefix + "c", 1);
        leaving.close();
        Gateway.awaitVacant(api, prefix + "c");
        awaitSubscriptionCount(api, prefix + "a", 1);
        awaitSubscriptionCount(api, prefix + "b", 1);

        assertBody(api.get("/channels", Map.of("filter_by_prefix", prefix)),
                "{\"channels\":{\"" + prefix + "a\":{},\"" + prefix + "b\":{}}}");
    }

    @Test
    void channelsWithUserCountForAPresencePrefix() {
        String prefix = unique("presence-hapi-") + "-";
        member(prefix + "room", "alice");
        member(prefix + "room", "alice");
        member(prefix + "room", "bob");
        awaitSubscriptionCount(api, prefix + "room", 3);

        assertBody(api.get("/channels", Map.of("filter_by_prefix", prefix, "info", "user_count")),
                "{\"channels\":{\"" + prefix + "room\":{\"user_count\":2}}}");
    }

    @Test
    void channelsWithUserCountNeedAPresencePrefix() {
        assertClientError(api.get("/channels", Map.of("info", "user_count")));
        assertClientError(api.get("/channels", Map.of("filter_by_prefix", "private-", "info", "user_count")));
    }

    @Test
    void channelInfoOfAPublicChannel() {
        String channel = unique("hapi-");
        subscriber(channel);
        subscriber(channel);
        awaitSubscriptionCount(api, channel, 2);

        assertBody(api.get("/channels/" + channel), "{\"occupied\":true}");
        assertBody(api.get("/channels/" + channel, Map.of("info", "subscription_count")),
                "{\"occupied\":true,\"subscription_count\":2}");
        assertBody(api.get("/channels/" + unique("hapi-vacant-")), "{\"occupied\":false}");
    }

    @Test
    void channelInfoOfAPresenceChannel() {
        String channel = unique("presence-hapi-");
        member(channel, "alice");
        member(channel, "alice");
        member(channel, "bob");
        awaitSubscriptionCount(api, channel, 3);

        assertBody(api.get("/channels/" + channel, Map.of("info", "user_count,subscription_count")),
                "{\"occupied\":true,\"user_count\":2,\"subscription_count\":3}");
    }

    @Test
    void userCountOfANonPresenceChannelIsABadRequest() {
        String channel = unique("hapi-");
        subscriber(channel);

        assertClientError(api.get("/channels/" + channel, Map.of("info", "user_count")));
        assertClientError(api.get("/channels/" + unique("private-hapi-"), Map.of("info", "user_count")));
    }

    @Test
    void usersOfAPresenceChannel() {
        String channel = unique("presence-hapi-");
        member(channel, "alice");
        member(channel, "alice");
        member(channel, "bob");

        assertBody(api.get("/channels/" + channel + "/users"), "{\"users\":[{\"id\":\"alice\"},{\"id\":\"bob\"}]}");
    }

    @Test
    void usersOfOtherChannelsAreABadRequest() {
        String open = unique("hapi-");
        String secret = unique("private-hapi-");
        subscriber(open);
        subscriber(secret);

        assertClientError(api.get("/channels/" + open + "/users"));
        assertClientError(api.get("/channels/" + secret + "/users"));
    }

    @Test
    void terminateConnectionsRepliesWithAnEmptyObject() {
        Result result = api.post("/users/" + unique("nobody-") + "/terminate_connections", "{}");

        assertThat(result.getMessage()).isEqualTo("{}");
        assertBody(result, "{}");
    }

    @Test
    void namesWithASemicolon() {
        String channel = unique("hapi-") + ";v=1";
        String presence = unique("presence-hapi-") + ";v=1";
        String userId = unique("user-") + ";1";
        subscriber(channel);
        member(presence, "alice");
        WsClient user = WsClient.connect(url.getPort(), TestApps.DEMO.key());
        sockets.add(user);
        String userData = "{\"id\":" + JsonText.quote(userId) + "}";
        user.send(Signing.signin(TestApps.DEMO, user.socketId(), userData));
        user.nextEvent("pusher:signin_success");
        await().atMost(JavaClient.TIMEOUT).until(() -> ok(api.get("/channels", Map.of("filter_by_prefix", channel)))
                .path("channels").has(channel));

        assertBody(api.get("/channels/" + channel, Map.of("info", "subscription_count")),
                "{\"occupied\":true,\"subscription_count\":1}");
        assertBody(api.get("/channels/" + presence + "/users"), "{\"users\":[{\"id\":\"alice\"}]}");
        assertBody(api.post("/users/" + userId + "/terminate_connections", "{}"), "{}");
        assertThat(user.awaitClose().code()).isEqualTo(4009);
    }
}
