package dev.starling.gateway.blackbox;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateEncryptedChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;

/**
 * A channel listener for every kind of pusher-java-client channel (public, private, encrypted, presence) that
 * records what the client surfaced: events, subscription success, presence members joining and leaving,
 * authorization and decryption failures.
 */
public final class Recorder implements PresenceChannelEventListener, PrivateEncryptedChannelEventListener {

    private final BlockingQueue<PusherEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<User> joined = new LinkedBlockingQueue<>();
    private final BlockingQueue<User> left = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> subscribed = new CompletableFuture<>();
    private final CompletableFuture<Set<User>> members = new CompletableFuture<>();

    @Override
    public void onEvent(PusherEvent event) {
        events.add(event);
    }

    @Override
    public void onSubscriptionSucceeded(String channelName) {
        subscribed.complete(channelName);
    }

    @Override
    public void onAuthenticationFailure(String message, Exception e) {
        failures.add("auth: " + message);
    }

    @Override
    public void onDecryptionFailure(String event, String reason) {
        failures.add("decrypt " + event + ": " + reason);
    }

    @Override
    public void onUsersInformationReceived(String channelName, Set<User> users) {
        members.complete(users);
    }

    @Override
    public void userSubscribed(String channelName, User user) {
        joined.add(user);
    }

    @Override
    public void userUnsubscribed(String channelName, User user) {
        left.add(user);
    }

    /** Waits for {@code onSubscriptionSucceeded}. */
    public void awaitSubscribed() {
        get(subscribed, "subscription_succeeded");
    }

    public boolean isSubscribed() {
        return subscribed.isDone();
    }

    /** The members passed to {@code onUsersInformationReceived}. */
    public Set<User> members() {
        return get(members, "onUsersInformationReceived");
    }

    public PusherEvent nextEvent() {
        return take(events, "event");
    }

    public User nextJoined() {
        return take(joined, "userSubscribed");
    }

    public User nextLeft() {
        return take(left, "userUnsubscribed");
    }

    public String nextFailure() {
        return take(failures, "failure");
    }

    /** Asserts that no event arrives within {@code wait}. */
    public void expectNoEvent(Duration wait) {
        expectNothing(events, wait, "event");
    }

    public void expectNoJoin(Duration wait) {
        expectNothing(joined, wait, "userSubscribed");
    }

    public void expectNoLeave(Duration wait) {
        expectNothing(left, wait, "userUnsubscribed");
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    private static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T value = queue.poll(JavaClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new AssertionError("No " + what + " within " + JavaClient.TIMEOUT);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> void expectNothing(BlockingQueue<T> queue, Duration wait, String what) {
        try {
            T value = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (value != null) {
                throw new AssertionError("Expected no " + what + ", got " + describe(value));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T get(CompletableFuture<T> future, String what) {
        try {
            return future.get(JavaClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("No " + what + " within " + JavaClient.TIMEOUT, e);
        }
    }

    private static String describe(Object value) {
        return value instanceof PusherEvent event ? event.toJson() : String.valueOf(value);
    }
}
