package dev.starling.push.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.push.support.Api;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A delivery still failing after {@code max-age} (6 s in the tests) becomes a dead letter; the admin API lists it and
 * replays it, and the replay is delivered.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class DeadLetterTest extends PushTestBase {

    private static final String LETTERS = "/admin/v1/instances/" + INSTANCE + "/dead_letters";

    @Test
    void aDeliveryThatNeverSucceedsIsListedAndReplayedThroughTheAdminApi() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription down = webDevice(INSTANCE, interest);
        webPush().answerAlways(down, 503);

        String publishId = publishWeb(interest, "patience");

        JsonNode letter = await().atMost(Duration.ofSeconds(30)).until(() -> find(publishId), l -> l != null);
        assertThat(letter.path("platform").asText()).isEqualTo("web");
        assertThat(letter.path("reason").asText()).contains("status_503");
        assertThat(letter.path("attempts").asInt()).isGreaterThan(1);
        assertThat(webPush().messages(down)).isEmpty();

        webPush().clearAnswers(down);
        Api.Answer replay = api().post(LETTERS + "/" + letter.path("id").asLong() + "/replay", null, ADMIN_AUTH);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(down).size() == 1);
        assertThat(webPush().messages(down).get(0).publishId()).isEqualTo(publishId);
        assertThat(find(publishId)).isNull();
        assertError(api().post(LETTERS + "/" + letter.path("id").asLong() + "/replay", null, ADMIN_AUTH), 404,
                "Not Found");
    }

    @Test
    void theAdminApiNeedsTheAdminToken() {
        assertError(api().get(LETTERS), 401, "Unauthorized");
        assertError(api().get(LETTERS, SERVER_AUTH), 401, "Unauthorized");
        assertError(api().get("/admin/v1/webhooks/dead_letters", "Bearer wrong"), 401, "Unauthorized");
        assertThat(api().get(LETTERS, ADMIN_AUTH).status()).isEqualTo(200);
        assertThat(api().get("/admin/v1/webhooks/dead_letters", ADMIN_AUTH).json().path("deadLetters").isArray())
                .isTrue();
        assertError(api().get("/admin/v1/instances/nope/dead_letters", ADMIN_AUTH), 404, "Not Found");
    }

    private JsonNode find(String publishId) {
        Long cursor = 0L;
        while (cursor != null) {
            JsonNode page = api().get(LETTERS + "?limit=50&cursor=" + cursor, ADMIN_AUTH).json();
            for (JsonNode letter : page.path("deadLetters")) {
                if (letter.path("publishId").asText().equals(publishId)) {
                    return letter;
                }
            }
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asLong();
        }
        return null;
    }
}
