package dev.starling.push.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Backoff doubles with jitter between half and all of the step, caps at max, and honours Retry-After. */
class BackoffUnitTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void delaysDoubleWithinTheirJitterBandAndStopAtTheCap() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(1, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.delay(3, null)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(backoff.delay(40, null)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }

    @Test
    void retryAfterIsAFloorEvenAboveTheCap() {
        assertThat(backoff.delay(1, Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(10, Duration.ofMillis(1))).isGreaterThan(Duration.ofMillis(1));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2015-10-21T07:28:00Z");
        assertThat(Backoff.parseRetryAfter("7", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.parseRetryAfter(null, now)).isNull();
        assertThat(Backoff.parseRetryAfter("soon", now)).isNull();
        assertThat(Backoff.parseRetryAfter("-3", now)).isNull();
    }
}
