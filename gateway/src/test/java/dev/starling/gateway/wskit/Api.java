package dev.starling.gateway.wskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.starling.gateway.support.SignedHttp;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.protocol.json.JsonText;

/** Signed HTTP API calls the WebSocket tests need, asserting success. */
public final class Api {

    private Api() {
    }

    /** Publishes one event with string {@code data} to {@code channel}; asserts 200 {@code {}}. */
    public static void publish(int port, TestApp app, String channel, String event, String data) {
        String body = "{\"name\":" + JsonText.quote(event) + ",\"channel\":" + JsonText.quote(channel) + ",\"data\":"
                + JsonText.quote(data) + "}";
        HttpResponse<String> response = SignedHttp.post(port, app, "/apps/" + app.id() + "/events", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    public static HttpResponse<String> get(int port, TestApp app, String path, Map<String, String> query) {
        return SignedHttp.get(port, app, "/apps/" + app.id() + path, query);
    }
}
