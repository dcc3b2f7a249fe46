package dev.starling.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Web Push failures: 410/404 prune the subscription, 429 and 5xx are retried (honouring Retry-After). */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class WebPushFailuresTest extends PushTestBase {

    @Test
    void aGoneSubscriptionIsPruned() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription gone = webPush().subscribe(vapidPublicKey(INSTANCE));
        WebPushReceiver.Subscription notFound = webPush().subscribe(vapidPublicKey(INSTANCE));
        String goneId = registerWeb(INSTANCE, gone);
        String notFoundId = registerWeb(INSTANCE, notFound);
        addInterest(INSTANCE, "web", goneId, interest);
        addInterest(INSTANCE, "web", notFoundId, interest);
        WebPushReceiver.Subscription fine = webDevice(INSTANCE, interest);
        webPush().answerAlways(gone, 410);
        webPush().answerAlways(notFound, 404);

        publishWeb(interest, "t");

        await().atMost(Duration.ofSeconds(20)).until(() -> api().get("/device_api/v1/instances/" + INSTANCE
                + "/devices/web/" + goneId).status() == 404 && api().get("/device_api/v1/instances/" + INSTANCE
                + "/devices/web/" + notFoundId).status() == 404);
        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(fine).size() == 1);
        assertThat(postgres().count("SELECT count(*) FROM push_device_interest WHERE device_id = '" + goneId + "'"))
                .isZero();
    }

    @Test
    void tooManyRequestsWithRetryAfterIsRetriedAndDeliveredOnce() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription busy = webDevice(INSTANCE, interest);
        webPush().answer(busy, 429, 2, "1");

        String publishId = publishWeb(interest, "eventually");

        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(busy).size() == 1);
        assertThat(webPush().messages(busy).get(0).publishId()).isEqualTo(publishId);
        await().atMost(Duration.ofSeconds(10)).until(() -> postgres().count("SELECT count(*) FROM push_delivery"
                + " WHERE publish_id = '" + publishId + "'") == 0);
    }

    @Test
    void serverErrorsAreRetried() {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription flaky = webDevice(INSTANCE, interest);
        webPush().answer(flaky, 503, 3, null);

        publishWeb(interest, "after three");

        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(flaky).size() == 1);
    }
}
