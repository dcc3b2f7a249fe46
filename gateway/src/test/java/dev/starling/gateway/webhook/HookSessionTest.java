package dev.starling.gateway.webhook;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import dev.starling.gateway.cluster.ClusterState;
import dev.starling.gateway.support.ManualClock;
import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What the webhook tests share: the running gateway's beans and a fresh {@link HookSession} per test (its sockets
 * and the debounced webhooks they leave behind are cleaned up after each test).
 */
abstract class HookSessionTest {

    @TestHTTPResource("/")
    URL url;
    @Inject
    ManualClock clock;
    @Inject
    ClusterState state;
    @Inject
    WebhookDispatcher dispatcher;

    HookSession session;

    @BeforeEach
    void openSession() {
        session = new HookSession(url.getPort(), clock, state, dispatcher);
    }

    @AfterEach
    void closeSession() {
        session.close();
    }
}
