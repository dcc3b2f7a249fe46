package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.gateway.app.AppRegistry;
import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.testkit.WsClient;
import dev.starling.gateway.wskit.Expected;
import dev.starling.gateway.wskit.Names;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reloading the apps file while connections are open: a new app can be used at once, a disabled app's connections
 * are closed with 4003, a removed app's with 4001, a changed app's connections follow the new definition, and a
 * broken file is ignored. Every test uses an app of its own and puts the original file back afterwards.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class AppsReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    @Inject
    AppRegistry apps;

    @AfterEach
    void restoreTheAppsFile() throws IOException {
        Files.writeString(StarlingTestResource.appsFile(), StarlingTestResource.defaultAppsJson());
        reload();
        clock.reset();
    }

    @Test
    void aNewAppCanBeUsedAfterTheReload() throws IOException {
        TestApp added = newApp();
        try (WsClient before = connect(added)) {
            assertThat(before.next()).isEqualTo(Expected.error(4001, "App key " + added.key() + " does not exist"));
            assertThat(before.awaitClose().code()).isEqualTo(4001);
        }

        writeApps(appJson(added));
        reload();

        try (WsClient after = connect(added)) {
            String socketId = after.socketId();
            String channel = Names.unique("private-");
            after.send(Signing.subscribePrivate(added, socketId, channel));
            assertThat(after.next()).isEqualTo(Expected.succeeded(channel));
        }
    }

    @Test
    void disablingAnAppClosesItsConnectionsWith4003() throws IOException {
        TestApp app = newApp();
        writeApps(appJson(app));
        reload();
        try (WsClient open = connect(app); WsClient demo = connect(TestApps.DEMO)) {
            open.socketId();
            demo.socketId();

            writeApps(appJson(app).put("enabled", false));
            reload();

            assertThat(open.awaitClose()).isEqualTo(new WsClient.Closed(4003, "Application is disabled"));
            assertOpen(demo);
        }
        try (WsClient refused = connect(app)) {
            assertThat(refused.nextJson().path("data").path("code").asInt()).isEqualTo(4003);
            assertThat(refused.awaitClose().code()).isEqualTo(4003);
        }
    }

    @Test
    void removingAnAppClosesItsConnectionsWith4001() throws IOException {
        TestApp app = newApp();
        writeApps(appJson(app));
        reload();
        try (WsClient open = connect(app); WsClient demo = connect(TestApps.DEMO)) {
            open.socketId();
            demo.socketId();

            writeApps();
            reload();

            assertThat(open.awaitClose()).isEqualTo(new WsClient.Closed(4001, "Application does not exist"));
            assertOpen(demo);
        }
    }

    @Test
    void aChangedDefinitionAppliesToOpenConnections() throws IOException {
        TestApp app = newApp();
        writeApps(appJson(app));
        reload();
        String channel = Names.unique("private-");
        try (WsClient sender = connect(app); WsClient receiver = connect(app)) {
            sender.send(Signing.subscribePrivate(app, sender.socketId(), channel));
            assertThat(sender.next()).isEqualTo(Expected.succeeded(channel));
            receiver.send(Signing.subscribePrivate(app, receiver.socketId(), channel));
            assertThat(receiver.next()).isEqualTo(Expected.succeeded(channel));
            sender.send(Signing.clientEvent(channel, "client-x", "\"1\""));
            assertThat(sender.next()).isEqualTo(Expected.error(null, "Client events are not enabled for this app"));

            writeApps(appJson(app).put("clientEvents", true));
            reload();

            sender.send(Signing.clientEvent(channel, "client-x", "\"2\""));
            assertThat(receiver.next()).isEqualTo(Expected.event("client-x", channel, "2"));
            assertOpen(sender);
        }
    }

    @Test
    void aBrokenFileIsIgnoredAndTheAppsKeepWorking() throws IOException {
        TestApp app = newApp();
        writeApps(appJson(app));
        reload();
        try (WsClient open = connect(app)) {
            open.socketId();

            Files.writeString(StarlingTestResource.appsFile(), "{\"apps\": [ not json");
            reload();
            assertOpen(open);

            Files.writeString(StarlingTestResource.appsFile(),
                    "{\"apps\": [{\"id\": \"x\", \"key\": \"x-key\", \"secret\": \"s\", \"clientEvent\": true}]}");
            reload();
            assertOpen(open);

            try (WsClient fresh = connect(app); WsClient quiet = connect(TestApps.QUIET)) {
                assertThat(fresh.socketId()).matches("\\d+\\.\\d+");
                assertThat(quiet.socketId()).matches("\\d+\\.\\d+");
            }
        }
    }

    /**
     * Lets the periodic apps-file check see the new file. The explicit {@link AppRegistry#reload()} makes that
     * independent of test order: {@link ManualClock#reset()} by an earlier test can leave the periodic check due
     * far ahead (see {@link dev.starling.gateway.wskit.Time}); reloading an unchanged file does nothing.
     */
    private void reload() {
        clock.advance(Duration.ofSeconds(2));
        apps.reload();
    }

    private WsClient connect(TestApp app) {
        return WsClient.connect(url.getPort(), app.key());
    }

    private static TestApp newApp() {
        String id = Names.unique("reload-");
        return new TestApp(id, id + "-key", id + "-secret");
    }

    private static ObjectNode appJson(TestApp app) {
        return JSON.createObjectNode().put("id", app.id()).put("key", app.key()).put("secret", app.secret());
    }

    /** Writes the default apps plus {@code extra}. */
    private static void writeApps(ObjectNode... extra) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(StarlingTestResource.defaultAppsJson());
        ArrayNode list = (ArrayNode) root.get("apps");
        for (ObjectNode app : extra) {
            list.add(app);
        }
        Files.writeString(StarlingTestResource.appsFile(), JSON.writeValueAsString(root));
    }

    private static void assertOpen(WsClient client) {
        client.send(Expected.PING);
        assertThat(client.next()).isEqualTo(Expected.PONG);
    }
}
