package dev.starling.push.delivery;

import java.time.Duration;

/** What a provider made of one delivery; the engine turns it into a queue update and metrics. */
public sealed interface Outcome {

    /** The provider accepted the notification. */
    record Delivered() implements Outcome {
    }

    /** Worth another attempt (429, 5xx, timeout, network): after {@code retryAfter} if the provider said so. */
    record Retry(String reason, Duration retryAfter) implements Outcome {
    }

    /** The provider says the token is dead (Web Push 404/410, FCM UNREGISTERED, APNs Unregistered …): delete it. */
    record Prune(String reason) implements Outcome {
    }

    /** Will never work as it is (bad payload, bad credentials, refused): straight to the dead letters. */
    record Fail(String reason) implements Outcome {
    }

    static Outcome delivered() {
        return new Delivered();
    }

    static Outcome retry(String reason) {
        return new Retry(reason, null);
    }
}
