package dev.starling.loadgen.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

/**
 * The Vert.x instance of a loadgen process and its WebSocket clients: one per local source address (and a second
 * set with a small receive buffer for slow consumers). Few event loops, no per-connection threads, no event-bus
 * handlers per socket, small frames: a connection costs a few KB of heap.
 */
public final class ClientTransport implements AutoCloseable {

    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    private final Vertx vertx;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final List<WebSocketClient> slowClients = new ArrayList<>();
    private final List<Context> contexts = new ArrayList<>();

    public ClientTransport(int eventLoops, List<String> sourceAddresses, int receiveBufferBytes,
            int slowReceiveBufferBytes, long connectTimeoutMillis) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2)
                .setInternalBlockingPoolSize(2).setPreferNativeTransport(true)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        for (int i = 0; i < eventLoops; i++) {
            contexts.add(vertx.getOrCreateContext()); // from a non-Vert.x thread: a new context, next event loop
        }
        List<String> addresses = sourceAddresses.isEmpty() ? Collections.singletonList(null) : sourceAddresses;
        for (String address : addresses) {
            clients.add(vertx.createWebSocketClient(options(address, receiveBufferBytes, connectTimeoutMillis)));
            slowClients.add(vertx.createWebSocketClient(options(address, slowReceiveBufferBytes, connectTimeoutMillis)));
        }
    }

    private static WebSocketClientOptions options(String localAddress, int receiveBuffer, long connectTimeoutMillis) {
        WebSocketClientOptions options = new WebSocketClientOptions().setMaxConnections(1_000_000)
                .setMaxMessageSize(MAX_MESSAGE_BYTES).setTcpNoDelay(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMillis))
                .setClosingTimeout(2);
        if (localAddress != null) {
            options.setLocalAddress(localAddress);
        }
        if (receiveBuffer > 0) {
            options.setReceiveBufferSize(receiveBuffer);
        }
        return options;
    }

    public Vertx vertx() {
        return vertx;
    }

    /**
     * The event-loop context to start connection {@code index} on. A socket stays on the event loop it was opened
     * from, so connections are opened from these contexts in turn rather than from the caller's.
     */
    public Context context(int index) {
        return contexts.get(Math.floorMod(index, contexts.size()));
    }

    /** The client for source address {@code sourceIndex} ({@code -1}: the only one, OS-chosen address). */
    public WebSocketClient client(int sourceIndex, boolean slow) {
        List<WebSocketClient> list = slow ? slowClients : clients;
        return list.get(Math.max(0, sourceIndex));
    }

    public boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(ignored -> null).join();
    }
}
