package dev.starling.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.gateway.support.StarlingTestResource;
import dev.starling.gateway.support.TestApps;
import dev.starling.gateway.support.TestApps.TestApp;
import dev.starling.gateway.wskit.Names;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;
import dev.starling.testkit.SignedHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * {@code GET /apps/{id}/channels/{c}/history} on a single node (PROTOCOL-V2.md section 4): paging with cursors
 * returns every retained message exactly once in either direction, bounds and limits apply, bad parameters are a
 * 400 naming the parameter, and the call is signed like the rest of the API.
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HistoryApiTest {

    private static final TestApp APP = TestApps.DEMO;

    @TestHTTPResource("/")
    URL url;

    @Test
    void pagingWithLimit10ReturnsEveryMessageExactlyOnceInBothDirections() {
        String channel = Names.unique("paged-");
        for (int i = 0; i < 35; i++) {
            publish(channel, Integer.toString(i));
        }
        List<String> forwards = readAll(channel, "forwards");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(forwards).isEqualTo(expected);
        List<String> backwards = readAll(channel, "backwards");
        assertThat(backwards).isEqualTo(expected.reversed());
    }

    @Test
    void anItemHasItsPositionEventDataAndTime() {
        String channel = Names.unique("item-");
        long before = System.currentTimeMillis();
        publish(channel, "{\"id\":7}");
        JsonNode page = get(channel, Map.of());
        assertThat(page.fieldNames()).toIterable().containsExactly("stream_id", "items", "next_cursor",
                "oldest_serial", "newest_serial");
        JsonNode item = page.get("items").get(0);
        String streamId = page.get("stream_id").asText();
        long serial = item.get("serial").asLong();
        assertThat(item.get("message_id").asText()).isEqualTo(streamId + ":" + serial);
        assertThat(item.get("event").asText()).isEqualTo("e");
        assertThat(item.get("data").asText()).isEqualTo("{\"id\":7}");
        assertThat(item.has("user_id")).isFalse();
        assertThat(item.get("published_at_ms").asLong()).isGreaterThanOrEqualTo(before - 60_000);
        assertThat(page.get("next_cursor").isNull()).isTrue();
        assertThat(page.get("oldest_serial").asLong()).isEqualTo(serial);
        assertThat(page.get("newest_serial").asLong()).isEqualTo(serial);
    }

    @Test
    void boundsAreInclusiveAndAnEmptyChannelHasNoItems() {
        String channel = Names.unique("bounds-");
        for (int i = 0; i < 6; i++) {
            publish(channel, Integer.toString(i));
        }
        List<Long> serials = new ArrayList<>();
        get(channel, Map.of("direction", "forwards")).get("items").forEach(i -> serials.add(i.get("serial").asLong()));
        JsonNode page = get(channel, Map.of("direction", "forwards", "from_serial", serials.get(1).toString(),
                "to_serial", serials.get(3).toString()));
        assertThat(page.get("items")).extracting(i -> i.get("data").asText()).containsExactly("1", "2", "3");

        JsonNode empty = get(Names.unique("nothing-"), Map.of());
        assertThat(empty.get("items")).isEmpty();
        assertThat(empty.get("next_cursor").isNull()).isTrue();
        assertThat(empty.get("stream_id").isTextual()).isTrue();
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String channel = Names.unique("bad-");
        Map<String, String> cases = Map.of("limit", "0", "direction", "sideways", "from_serial", "x",
                "to_serial", "-1", "cursor", "not-a-cursor");
        cases.forEach((name, value) -> {
            HttpResponse<String> response = raw(channel, Map.of(name, value));
            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(parse(response.body()).get("parameter").asText()).isEqualTo(name);
        });
        assertThat(raw(channel, Map.of("limit", "1001")).statusCode()).isEqualTo(400);
        assertThat(raw(channel, Map.of("from_serial", "5", "to_serial", "4")).statusCode()).isEqualTo(400);
        // The app's own page limit
        HttpResponse<String> overShort = SignedHttp.get(url.getPort(), TestApps.SHORT_HISTORY,
                "/apps/" + TestApps.SHORT_HISTORY.id() + "/channels/" + channel + "/history", Map.of("limit", "11"));
        assertThat(overShort.statusCode()).isEqualTo(400);
    }

    @Test
    void aCursorOnlyContinuesItsOwnQuery() {
        String channel = Names.unique("cursor-");
        for (int i = 0; i < 3; i++) {
            publish(channel, Integer.toString(i));
        }
        String cursor = get(channel, Map.of("limit", "1")).get("next_cursor").asText();
        HttpResponse<String> other = raw(channel, Map.of("limit", "1", "cursor", cursor, "direction", "forwards"));
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(parse(other.body()).get("parameter").asText()).isEqualTo("cursor");
    }

    @Test
    void anUnsignedOrWronglySignedCallIs401() {
        HttpResponse<String> unsigned = SignedHttp.raw(url.getPort(), "GET", "/apps/app-id/channels/x/history",
                Map.of(), null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        TestApp wrong = new TestApp(APP.id(), APP.key(), "not-the-secret");
        assertThat(SignedHttp.get(url.getPort(), wrong, "/apps/app-id/channels/x/history", Map.of()).statusCode())
                .isEqualTo(401);
    }

    private List<String> readAll(String channel, String direction) {
        List<String> data = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "10", "direction", direction));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = get(channel, query);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(10);
            page.get("items").forEach(item -> data.add(item.get("data").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(4);
        return data;
    }

    private JsonNode get(String channel, Map<String, String> query) {
        HttpResponse<String> response = raw(channel, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private HttpResponse<String> raw(String channel, Map<String, String> query) {
        return SignedHttp.get(url.getPort(), APP, "/apps/" + APP.id() + "/channels/" + channel + "/history", query);
    }

    private void publish(String channel, String data) {
        HttpResponse<String> response = SignedHttp.post(url.getPort(), APP, "/apps/" + APP.id() + "/events",
                "{\"name\":\"e\",\"channel\":" + JsonText.quote(channel) + ",\"data\":" + JsonText.quote(data) + "}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
