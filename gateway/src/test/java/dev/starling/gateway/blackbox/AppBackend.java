package dev.starling.gateway.blackbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.pusher.client.ChannelAuthorizer;
import com.pusher.client.UserAuthenticator;
import com.pusher.rest.Pusher;
import com.pusher.rest.data.PresenceUser;

import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.protocol.auth.SocketAuth;
import dev.starling.protocol.json.JsonText;

/**
 * What an app's own backend does for its clients: the auth endpoint behind pusher-java-client's
 * {@link ChannelAuthorizer} and {@link UserAuthenticator}. Channel authorization is made by pusher-http-java itself
 * ({@link Pusher#authenticate}), so private, presence and private-encrypted answers (with {@code shared_secret}) are
 * exactly what a real app returns; pusher-http-java 1.3.4 has no user authentication, so sign-in answers are signed
 * here with the documented {@code "<socket_id>::user::<user_data>"} string.
 */
public final class AppBackend {

    /** The encryption master key of the tests (32 bytes, base64), known only to the app backend. */
    public static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            "starling-test-master-key-32bytes".getBytes(StandardCharsets.US_ASCII));

    private final TestApp app;
    private final Pusher sdk;

    public AppBackend(TestApp app) {
        this.app = app;
        this.sdk = new Pusher(app.id(), app.key(), app.secret(), MASTER_KEY);
    }

    /** Authorizes private and private-encrypted channels. */
    public ChannelAuthorizer privateChannels() {
        return (channel, socketId) -> sdk.authenticate(socketId, channel);
    }

    /** Authorizes presence channels as {@code userId} with {@code userInfo}, private channels too. */
    public ChannelAuthorizer presenceAs(String userId, Map<String, String> userInfo) {
        return (channel, socketId) -> channel.startsWith("presence-")
                ? sdk.authenticate(socketId, channel, new PresenceUser(userId, userInfo))
                : sdk.authenticate(socketId, channel);
    }

    /** Authorizes presence channels as the numeric user id {@code userId} (pusher-http-java sends it as a number). */
    public ChannelAuthorizer presenceAsNumber(long userId, Map<String, String> userInfo) {
        return (channel, socketId) -> sdk.authenticate(socketId, channel, new PresenceUser(userId, userInfo));
    }

    /** An auth endpoint with the wrong secret: its signatures never verify. */
    public ChannelAuthorizer wrongSecret() {
        Pusher impostor = new Pusher(app.id(), app.key(), "not-" + app.secret(), MASTER_KEY);
        return (channel, socketId) -> impostor.authenticate(socketId, channel);
    }

    /** Signs the user in with exactly {@code userData} (a JSON object as text). */
    public UserAuthenticator signinAs(String userData) {
        return socketId -> "{\"auth\":" + JsonText.quote(SocketAuth.signUser(app.key(), app.secret(), socketId, userData))
                + ",\"user_data\":" + JsonText.quote(userData) + "}";
    }

    /** Signs the user in with a signature over other user data than the one sent. */
    public UserAuthenticator forgedSignin(String signedUserData, String sentUserData) {
        return socketId -> "{\"auth\":" + JsonText.quote(SocketAuth.signUser(app.key(), app.secret(), socketId,
                signedUserData)) + ",\"user_data\":" + JsonText.quote(sentUserData) + "}";
    }
}
