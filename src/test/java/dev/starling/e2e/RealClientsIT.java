package dev.starling.e2e;

import static dev.starling.e2e.ClusterFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionState;
import com.pusher.rest.data.PresenceUser;
import com.pusher.rest.data.Result;

/**
 * The official clients against different nodes of one cluster: pusher-java-client connected to nodes 1 and 2,
 * pusher-http-java publishing and querying through node 3.
 */
class RealClientsIT {

    private static ClusterFixture cluster;
    private static com.pusher.rest.Pusher backend;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = ClusterFixture.start(3);
        backend = new com.pusher.rest.Pusher(APP.id(), APP.key(), APP.secret());
        backend.setHost("127.0.0.1:" + cluster.gateway(2).port());
        backend.setEncrypted(false);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        backend.close();
        cluster.close();
    }

    private static Pusher client(int node, String userId) {
        PusherOptions options = new PusherOptions().setHost("127.0.0.1").setWsPort(cluster.gateway(node).port())
                .setUseTLS(false)
                .setChannelAuthorizer((channel, socketId) -> channel.startsWith("presence-")
                        ? backend.authenticate(socketId, channel, new PresenceUser(userId, Map.of("name", userId)))
                        : backend.authenticate(socketId, channel));
        Pusher pusher = new Pusher(APP.key(), options);
        pusher.connect();
        await().atMost(Duration.ofSeconds(20)).until(() -> pusher.getConnection().getState() == ConnectionState.CONNECTED);
        return pusher;
    }

    @Test
    void presenceMembersClientEventsAndHttpPublishesAcrossNodes() throws Exception {
        String channel = "presence-real-clients";
        Pusher alice = client(0, "alice");
        Pusher bob = client(1, "bob");
        try {
            BlockingQueue<String> aliceSees = new LinkedBlockingQueue<>();
            List<String> bobEvents = new CopyOnWriteArrayList<>();
            PresenceChannel aliceChannel = alice.subscribePresence(channel, new PresenceChannelEventListener() {
                @Override
                public void onUsersInformationReceived(String channelName, Set<User> users) {
                    aliceSees.add("users " + users.stream().map(User::getId).sorted().collect(Collectors.joining(",")));
                }

                @Override
                public void userSubscribed(String channelName, User user) {
                    aliceSees.add("joined " + user.getId());
                }

                @Override
                public void userUnsubscribed(String channelName, User user) {
                    aliceSees.add("left " + user.getId());
                }

                @Override
                public void onEvent(PusherEvent event) {
                    aliceSees.add("event " + event.getEventName() + " " + event.getData() + " from " + event.getUserId());
                }

                @Override
                public void onAuthenticationFailure(String message, Exception e) {
                    aliceSees.add("auth failure " + message);
                }

                @Override
                public void onSubscriptionSucceeded(String channelName) {
                }
            }, "client-wave", "news");
            assertThat(aliceSees.poll(20, TimeUnit.SECONDS)).isEqualTo("users alice");

            PresenceChannel bobChannel = bob.subscribePresence(channel, new PresenceChannelEventListener() {
                @Override
                public void onUsersInformationReceived(String channelName, Set<User> users) {
                    bobEvents.add("users " + users.stream().map(User::getId).sorted().collect(Collectors.joining(",")));
                }

                @Override
                public void userSubscribed(String channelName, User user) {
                }

                @Override
                public void userUnsubscribed(String channelName, User user) {
                }

                @Override
                public void onEvent(PusherEvent event) {
                    bobEvents.add("event " + event.getEventName());
                }

                @Override
                public void onAuthenticationFailure(String message, Exception e) {
                }

                @Override
                public void onSubscriptionSucceeded(String channelName) {
                }
            }, "client-wave", "news");
            assertThat(aliceSees.poll(20, TimeUnit.SECONDS)).isEqualTo("joined bob");
            await().atMost(Duration.ofSeconds(20)).until(() -> bobEvents.contains("users alice,bob"));

            bobChannel.trigger("client-wave", "{\"hi\":1}");
            assertThat(aliceSees.poll(20, TimeUnit.SECONDS)).isEqualTo("event client-wave {\"hi\":1} from bob");

            Result published = backend.trigger(channel, "news", Map.of("headline", "cluster"));
            assertThat(published.getStatus()).isEqualTo(Result.Status.SUCCESS);
            assertThat(aliceSees.poll(20, TimeUnit.SECONDS)).isEqualTo("event news {\"headline\":\"cluster\"} from null");
            await().atMost(Duration.ofSeconds(20)).until(() -> bobEvents.contains("event news"));
            assertThat(bobEvents).doesNotContain("event client-wave"); // never echoed

            Result users = backend.get("/channels/" + channel + "/users");
            assertThat(users.getMessage()).isEqualTo("{\"users\":[{\"id\":\"alice\"},{\"id\":\"bob\"}]}");

            bob.disconnect();
            assertThat(aliceSees.poll(20, TimeUnit.SECONDS)).isEqualTo("left bob");
            assertThat(aliceChannel.getUsers()).extracting(User::getId).containsExactly("alice");
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }

    @Test
    void privateChannelEventsFromTheSdkReachJavaClientsOnEveryNode() throws Exception {
        String channel = "private-real-" + System.nanoTime();
        Pusher[] clients = {client(0, "a"), client(1, "b")};
        try {
            List<BlockingQueue<String>> received = List.of(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
            for (int i = 0; i < clients.length; i++) {
                BlockingQueue<String> queue = received.get(i);
                PrivateChannel subscribed = clients[i].subscribePrivate(channel, new PrivateChannelEventListener() {
                    @Override
                    public void onAuthenticationFailure(String message, Exception e) {
                        queue.add("auth failure");
                    }

                    @Override
                    public void onSubscriptionSucceeded(String channelName) {
                        queue.add("subscribed");
                    }

                    @Override
                    public void onEvent(PusherEvent event) {
                        queue.add(event.getData());
                    }
                }, "update");
                assertThat(queue.poll(20, TimeUnit.SECONDS)).isEqualTo("subscribed");
                assertThat(subscribed.isSubscribed()).isTrue();
            }
            assertThat(backend.trigger(channel, "update", Map.of("v", 1)).getStatus()).isEqualTo(Result.Status.SUCCESS);
            for (BlockingQueue<String> queue : received) {
                assertThat(queue.poll(20, TimeUnit.SECONDS)).isEqualTo("{\"v\":1}");
            }
        } finally {
            for (Pusher client : clients) {
                client.disconnect();
            }
        }
    }
}
