package dev.starling.gateway.blackbox;

import com.pusher.rest.Pusher;

import dev.starling.gateway.support.TestApps.TestApp;

/** pusher-http-java pointed at the gateway under test. */
public final class Api {

    private Api() {
    }

    /** The SDK as an app's backend would configure it for a self-hosted server (plain HTTP). */
    public static Pusher of(int port, TestApp app) {
        return configure(new Pusher(app.id(), app.key(), app.secret(), AppBackend.MASTER_KEY), port);
    }

    /**
     * The SDK sending {@code data} strings as they are, instead of JSON-encoding them again (the marshaller override
     * pusher-http-java documents for pre-serialised data).
     */
    public static Pusher raw(int port, TestApp app) {
        Pusher pusher = of(port, app);
        pusher.setDataMarshaller(data -> (String) data);
        return pusher;
    }

    /** The SDK with arbitrary credentials (wrong secret, unknown app). */
    public static Pusher of(int port, String appId, String key, String secret) {
        return configure(new Pusher(appId, key, secret), port);
    }

    private static Pusher configure(Pusher pusher, int port) {
        pusher.setHost("127.0.0.1:" + port);
        pusher.setEncrypted(false);
        pusher.setRequestTimeout(10_000);
        return pusher;
    }

    /** Closes the SDK's HTTP client. */
    public static void close(Pusher pusher) {
        try {
            pusher.close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
