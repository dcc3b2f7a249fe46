package dev.starling.gateway.user;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.app.App;
import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.SignedInUser;
import dev.starling.protocol.ErrorCode;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.auth.SocketAuth;
import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.ClientFrame;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.frame.UserData;

/**
 * User sign-in ({@code pusher:signin}). A connection signs in as one user for its whole life: signing in again as the
 * same user updates the watchlist, signing in as another user is refused. Failures get {@code pusher:error} and
 * leave the connection open (apps with authorized connections close it when its deadline passes).
 */
@ApplicationScoped
public class SigninService {

    private final ClusterBus bus;
    private final UserSockets userSockets;
    private final Watchlists watchlists;
    private final int maxWatchlist;

    public SigninService(ClusterBus bus, UserSockets userSockets, Watchlists watchlists, GatewayConfig config) {
        this.bus = bus;
        this.userSockets = userSockets;
        this.watchlists = watchlists;
        this.maxWatchlist = config.limits().maxWatchlistSize();
    }

    public void signin(Connection connection, ClientFrame.Signin request) {
        App app = connection.app();
        if (!SocketAuth.verifyUser(app.key(), app.secret(), connection.socketId(), request.userData(), request.auth())) {
            connection.send(ServerFrames.error(ErrorCode.UNAUTHORIZED.code(), "Invalid signature for pusher:signin"));
            return;
        }
        Parsed<UserData> parsed = UserData.parse(request.userData(), maxWatchlist);
        if (!parsed.isOk()) {
            connection.send(ServerFrames.error(ErrorCode.UNAUTHORIZED.code(), "Invalid user_data: " + parsed.reason()));
            return;
        }
        UserData user = parsed.value();
        SignedInUser previous;
        synchronized (connection) {
            previous = connection.user();
            if (previous != null && !previous.id().equals(user.id())) {
                connection.send(ServerFrames.error(ErrorCode.UNAUTHORIZED.code(),
                        "Connection is already signed in as another user"));
                return;
            }
            connection.signIn(new SignedInUser(user, request.userData()));
        }
        connection.markAuthorized();
        if (previous != null) {
            confirm(connection, app, user, request.userData(), previous);
            return;
        }
        // Indexed before signin_success goes out: a server-to-user event sent once the client knows it is signed in
        // always reaches it. And signin_success waits until the cluster bus has accepted the sign-in: anything the
        // client does after seeing it (closing another socket of the same user, say) is ordered after the sign-in
        // everywhere, so the user never looks offline while this socket is open, whichever node it is on.
        userSockets.add(app.id(), user.id(), connection);
        bus.publish(new StateUpdate.UserSignedIn(app.id(), user.id(), connection.socketId(), bus.nodeId()))
                .whenComplete((ok, error) -> confirm(connection, app, user, request.userData(), null));
    }

    private void confirm(Connection connection, App app, UserData user, String userData, SignedInUser previous) {
        connection.send(ServerFrames.signinSuccess(userData));
        if (user.watchlistTruncated()) {
            connection.send(ServerFrames.error(ErrorCode.WATCHLIST_LIMIT.code(), "Watchlist limit exceeded: only the first "
                    + maxWatchlist + " user ids are watched"));
        }
        // Under the connection's lock, against signOut: a connection that closed while its sign-in was on its way
        // is signed out already and must not be registered as a watcher again.
        synchronized (connection) {
            if (connection.user() == null) {
                return;
            }
            if (previous != null) {
                watchlists.unwatch(connection, previous.data().watchlist());
            }
            if (app.watchlistEvents()) {
                watchlists.watch(connection, user.watchlist());
            }
        }
    }

    /** Undoes the sign-in of a connection that is going away. */
    public void signOut(Connection connection) {
        SignedInUser user = connection.signOut();
        if (user == null) {
            return;
        }
        String appId = connection.appId();
        userSockets.remove(appId, user.id(), connection);
        watchlists.unwatch(connection, user.data().watchlist());
        bus.publish(new StateUpdate.UserSignedOut(appId, user.id(), connection.socketId(), bus.nodeId()));
    }
}
