package dev.starling.gateway.blackbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;

import dev.starling.gateway.support.TestApps.TestApp;

/**
 * A pusher-java-client connected to the gateway under test. Records every connection state it went through and
 * every {@code pusher:error} it reported; {@link #close()} disconnects and waits until it is disconnected.
 */
public final class JavaClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A {@code pusher:error} (or transport error) as the client reported it to its connection listener. */
    public record Error(String message, String code) {
    }

    private final Pusher pusher;
    private final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
    private final BlockingQueue<Error> errors = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    private JavaClient(int port, TestApp app, UnaryOperator<PusherOptions> options, Consumer<Pusher> beforeConnect) {
        this.pusher = new Pusher(app.key(), options.apply(new PusherOptions().setHost("127.0.0.1").setWsPort(port)
                .setUseTLS(false).setMaxReconnectionAttempts(0)));
        beforeConnect.accept(pusher);
        pusher.connect(new ConnectionEventListener() {
            @Override
            public void onConnectionStateChange(ConnectionStateChange change) {
                states.add(change.getCurrentState());
                if (change.getCurrentState() == ConnectionState.CONNECTED) {
                    connected.complete(null);
                }
            }

            @Override
            public void onError(String message, String code, Exception e) {
                errors.add(new Error(message, code));
            }
        }, ConnectionState.ALL);
    }

    /** Connects and waits for CONNECTED. {@code options} adds authorizers to the preset host, port and plain ws. */
    public static JavaClient connect(int port, TestApp app, UnaryOperator<PusherOptions> options) {
        return connect(port, app, options, pusher -> {
        });
    }

    /**
     * Connects after {@code beforeConnect} prepared the client (bindings, {@code signin()}), and waits for CONNECTED.
     */
    public static JavaClient connect(int port, TestApp app, UnaryOperator<PusherOptions> options,
            Consumer<Pusher> beforeConnect) {
        JavaClient client = new JavaClient(port, app, options, beforeConnect);
        try {
            client.connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            client.close();
            throw new AssertionError("pusher-java-client did not connect; states " + client.states, e);
        }
        return client;
    }

    public static JavaClient connect(int port, TestApp app) {
        return connect(port, app, UnaryOperator.identity());
    }

    public Pusher pusher() {
        return pusher;
    }

    public String socketId() {
        return pusher.getConnection().getSocketId();
    }

    public ConnectionState state() {
        return pusher.getConnection().getState();
    }

    /** The next error the client reported, or a test failure after {@link #TIMEOUT}. */
    public Error nextError() {
        try {
            Error error = errors.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (error == null) {
                throw new AssertionError("No error reported within " + TIMEOUT);
            }
            return error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Errors reported so far and not yet taken. */
    public List<Error> errors() {
        List<Error> rest = new ArrayList<>();
        errors.drainTo(rest);
        return rest;
    }

    /** Waits until the client is DISCONNECTED (for example after the server closed it). */
    public void awaitDisconnected() {
        await().atMost(TIMEOUT).until(() -> state() == ConnectionState.DISCONNECTED);
    }

    /** Every state the connection went through, in order. */
    public List<ConnectionState> states() {
        return List.copyOf(states);
    }

    @Override
    public void close() {
        pusher.disconnect();
        awaitDisconnected();
    }
}
