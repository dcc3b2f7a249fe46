package dev.starling.gateway.blackbox;

import static dev.starling.gateway.blackbox.Gateway.json;
import static dev.starling.gateway.blackbox.Gateway.nextNonCount;
import static dev.starling.gateway.blackbox.Gateway.ok;
import static dev.starling.gateway.blackbox.Gateway.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.Pusher;
import com.pusher.rest.PusherException;
import com.pusher.rest.data.Event;
import com.pusher.rest.data.Result;

import dev.starling.gateway.support.ManualClock;
import dev.starling.testkit.SignedHttp;
import dev.starling.testkit.Signing;
import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.testkit.WsClient;
import dev.starling.protocol.auth.ApiSignature;
import dev.starling.protocol.auth.Hmac;
import dev.starling.protocol.json.JsonText;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HTTP API errors as pusher-http-java (or, for what the SDK will not send, a hand-signed request) gets them: the
 * status, and a JSON body {@code {"error":…,"status":…}} saying what is wrong.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HttpApiErrorsTest {

    private static final String EVENTS = "/apps/" + TestApps.DEMO.id() + "/events";

    @TestHTTPResource("/")
    URL url;

    @Inject
    ManualClock clock;

    private Pusher api;
    private Pusher rawApi;

    @BeforeEach
    void sdk() {
        api = Api.of(url.getPort(), TestApps.DEMO);
        rawApi = Api.raw(url.getPort(), TestApps.DEMO);
    }

    @AfterEach
    void closeSdk() {
        Api.close(api);
        Api.close(rawApi);
    }

    /** Asserts the status and the JSON error body; returns the body's {@code error}. */
    private static String assertError(Result result, int status) {
        assertThat(result.getHttpStatus()).as(result.getMessage()).isEqualTo(status);
        return errorOf(result.getMessage(), status);
    }

    private static String assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return errorOf(response.body(), status);
    }

    private static String errorOf(String body, int status) {
        JsonNode json = json(body);
        assertThat(json.isObject()).as(body).isTrue();
        assertThat(json.path("status").isInt()).as(body).isTrue();
        assertThat(json.path("status").asInt()).as(body).isEqualTo(status);
        assertThat(json.path("error").isTextual()).as(body).isTrue();
        assertThat(json.path("error").asText()).as(body).isNotBlank();
        return json.path("error").asText();
    }

    private static String event(String channel, String data) {
        return "{\"name\":\"e\",\"channel\":\"" + channel + "\",\"data\":" + JsonText.quote(data) + "}";
    }

    /** The server's time (the shared manual clock may have been moved by other tests). */
    private long now() {
        return clock.millis() / 1000;
    }

    @Test
    void wrongSecretIs401() {
        Pusher impostor = Api.of(url.getPort(), TestApps.DEMO.id(), TestApps.DEMO.key(), "not-the-secret");
        try {
            Result result = impostor.trigger(unique("err-"), "e", Map.of());
            assertThat(result.getStatus()).isEqualTo(Result.Status.AUTHENTICATION_ERROR);
            assertThat(assertError(result, 401)).containsIgnoringCase("signature");
        } finally {
            Api.close(impostor);
        }
    }

    @Test
    void timestampMoreThan600SecondsOffIs401() {
        String body = event(unique("err-"), "{}");

        HttpResponse<String> stale = SignedHttp.send(url.getPort(), TestApps.DEMO, "POST", EVENTS, body, Map.of(), now() - 605);
        assertThat(assertError(stale, 401)).containsIgnoringCase("timestamp");
        HttpResponse<String> future = SignedHttp.send(url.getPort(), TestApps.DEMO, "POST", EVENTS, body, Map.of(), now() + 605);
        assertThat(assertError(future, 401)).containsIgnoringCase("timestamp");

        HttpResponse<String> late = SignedHttp.send(url.getPort(), TestApps.DEMO, "POST", EVENTS, body, Map.of(), now() - 590);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
    }

    @Test
    void bodyNotMatchingItsMd5Is401() {
        String signedBody = event(unique("err-"), "{\"amount\":1}");
        String sentBody = signedBody.replace("\"amount\\\":1", "\"amount\\\":1000");
        assertThat(sentBody).isNotEqualTo(signedBody);
        Map<String, String> query = new LinkedHashMap<>();
        query.put(ApiSignature.AUTH_KEY, TestApps.DEMO.key());
        query.put(ApiSignature.AUTH_TIMESTAMP, Long.toString(now()));
        query.put(ApiSignature.AUTH_VERSION, "1.0");
        query.put(ApiSignature.BODY_MD5, Hmac.md5Hex(signedBody.getBytes(StandardCharsets.UTF_8)));
        query.put(ApiSignature.AUTH_SIGNATURE, ApiSignature.sign(TestApps.DEMO.secret(), "POST", EVENTS, query));

        HttpResponse<String> response = SignedHttp.raw(url.getPort(), "POST", EVENTS, query, sentBody);

        assertThat(assertError(response, 401)).contains("body_md5");
    }

    @Test
    void dataOver10KilobytesIs413() {
        String channel = unique("err-");
        assertThat(ok(rawApi.trigger(channel, "e", "x".repeat(10_240)))).isEqualTo(json("{}"));

        Result result = rawApi.trigger(channel, "e", "x".repeat(10_241));

        assertThat(assertError(result, 413)).contains("10240");
    }

    @Test
    void dataOverTheAppsOwnLimitIs413() {
        Pusher limited = Api.raw(url.getPort(), TestApps.LIMITED);
        try {
            String channel = unique("err-");
            assertThat(ok(limited.trigger(channel, "e", "y".repeat(64)))).isEqualTo(json("{}"));

            assertThat(assertError(limited.trigger(channel, "e", "y".repeat(65)), 413)).contains("64");
        } finally {
            Api.close(limited);
        }
    }

    @Test
    void moreThan100ChannelsIs400() {
        String prefix = unique("err-");
        List<String> hundred = IntStream.range(0, 100).mapToObj(i -> prefix + "-" + i).toList();
        List<String> hundredAndOne = new ArrayList<>(hundred);
        hundredAndOne.add(prefix + "-100");
        assertThat(ok(api.trigger(hundred, "e", Map.of()))).isEqualTo(json("{}"));
        // pusher-http-java refuses 101 channels itself; a backend with another client would send them.
        assertThatThrownBy(() -> api.trigger(hundredAndOne, "e", Map.of())).isInstanceOf(IllegalArgumentException.class);

        String channels = hundredAndOne.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(","));
        Result result = api.post("/events", "{\"name\":\"e\",\"channels\":[" + channels + "],\"data\":\"{}\"}");

        assertThat(assertError(result, 400)).contains("100");
    }

    @Test
    void batchOf11Is400AndNothingOfItIsPublished() {
        String channel = unique("err-");
        try (WsClient subscriber = WsClient.connect(url.getPort(), TestApps.DEMO.key())) {
            subscriber.socketId();
            subscriber.send(Signing.subscribe(channel));
            subscriber.nextEvent("pusher_internal:subscription_succeeded");
            List<Event> eleven = IntStream.range(0, 11).mapToObj(i -> new Event(channel, "batched-" + i, Map.of()))
                    .toList();

            assertThat(assertError(api.trigger(eleven), 400)).contains("10");

            // One channel keeps its order: a published batch event would arrive before this one.
            ok(api.trigger(channel, "after", Map.of()));
            assertThat(json(nextNonCount(subscriber)).path("event").asText()).isEqualTo("after");
        }
    }

    @Test
    void malformedJsonIs400() {
        assertError(api.post("/events", "{\"name\":\"e\",\"channel\":"), 400);
        assertError(api.post("/events", "[1,2,3]"), 400);
        assertError(api.post("/batch_events", "{\"batch\":"), 400);
    }

    @Test
    void emptyBodyIs400() {
        assertError(api.post("/events", ""), 400);
        assertError(api.post("/batch_events", ""), 400);
    }

    @Test
    void unknownAppIs404() {
        Pusher unknown = Api.of(url.getPort(), "no-such-app", TestApps.DEMO.key(), TestApps.DEMO.secret());
        try {
            Result result = unknown.trigger(unique("err-"), "e", Map.of());
            assertThat(result.getStatus()).isEqualTo(Result.Status.NOT_FOUND);
            assertThat(assertError(result, 404)).contains("no-such-app");
        } finally {
            Api.close(unknown);
        }
    }

    @Test
    void disabledAppIs403() {
        Pusher disabled = Api.of(url.getPort(), TestApps.DISABLED);
        try {
            assertError(disabled.trigger(unique("err-"), "e", Map.of()), 403);
            assertError(disabled.get("/channels"), 403);
        } finally {
            Api.close(disabled);
        }
    }

    @Test
    void unknownRouteIs404Json() {
        assertError(api.get("/no-such-route"), 404);
        assertError(SignedHttp.get(url.getPort(), TestApps.DEMO, "/apps/" + TestApps.DEMO.id() + "/no/such/route",
                Map.of()), 404);
        assertError(SignedHttp.raw(url.getPort(), "GET", "/no-such-route", Map.of(), null), 404);
    }

    @Test
    void aBodyDeclaredOverTheServersOwnLimitIs413JsonBeforeItIsRead() throws Exception {
        // 20 MB declared, a few bytes sent: the answer comes from the headers alone, and the connection is closed.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + EVENTS + "?auth_key=x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 20000000\r\n\r\n{\"name\":")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).contains("content-type: application/json");
            assertThat(response).endsWith("{\"error\":\"Request body is 20000000 bytes, larger than 1048576 bytes\","
                    + "\"status\":413}");
        }
    }

    @Test
    void wrongMethodIs405Json() {
        assertError(SignedHttp.get(url.getPort(), TestApps.DEMO, EVENTS, Map.of()), 405);
    }

    @Test
    void invalidChannelNameIs400() {
        // pusher-http-java checks names itself; the gateway must too.
        assertThatThrownBy(() -> api.trigger("no spaces allowed", "e", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(assertError(api.post("/events", event("no spaces allowed", "{}")), 400)).contains("no spaces allowed");
        assertError(api.post("/events", event("x".repeat(165), "{}")), 400);
        assertError(api.post("/events", event("#server-to-user-", "{}")), 400);
        assertError(api.get("/channels/bad%20name"), 400);
    }

    @Test
    void encryptedChannelAmongSeveralIs400() {
        String encrypted = unique("private-encrypted-");
        String open = unique("err-");
        assertThatThrownBy(() -> api.trigger(List.of(open, encrypted), "e", Map.of())).isInstanceOf(PusherException.class);

        Result result = api.post("/events", "{\"name\":\"e\",\"channels\":[\"" + open + "\",\"" + encrypted
                + "\"],\"data\":\"{}\"}");

        assertThat(assertError(result, 400)).contains("encrypted");
    }
}
