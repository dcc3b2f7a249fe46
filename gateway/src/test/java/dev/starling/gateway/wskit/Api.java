package dev.starling.gateway.wskit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.starling.testkit.SignedHttp;
import dev.starling.gateway.support.TestApps.TestApp;

/** Signed HTTP API calls the WebSocket tests need. */
public final class Api {

    private Api() {
    }

    /** Publishes one event with string {@code data} to {@code channel}; asserts 200 {@code {}}. */
    public static void publish(int port, TestApp app, String channel, String event, String data) {
        String body = "{\"name\":" + Expected.quote(event) + ",\"channel\":" + Expected.quote(channel) + ",\"data\":"
                + Expected.quote(data) + "}";
        HttpResponse<String> response = SignedHttp.post(port, app, "/apps/" + app.id() + "/events", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{}");
    }

    /** A signed {@code GET /apps/{id}{path}}; the caller checks the response. */
    public static HttpResponse<String> get(int port, TestApp app, String path, Map<String, String> query) {
        return SignedHttp.get(port, app, "/apps/" + app.id() + path, query);
    }
}
