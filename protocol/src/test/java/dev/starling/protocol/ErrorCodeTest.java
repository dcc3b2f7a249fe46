package dev.starling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import dev.starling.protocol.ErrorCode.Reaction;

/** {@link ErrorCode} carries Pusher's codes and the reaction clients apply to each range. */
class ErrorCodeTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "SSL_ONLY, 4000",
            "APP_NOT_FOUND, 4001",
            "APP_DISABLED, 4003",
            "OVER_CONNECTION_QUOTA, 4004",
            "PATH_NOT_FOUND, 4005",
            "INVALID_VERSION, 4006",
            "UNSUPPORTED_PROTOCOL, 4007",
            "NO_PROTOCOL, 4008",
            "UNAUTHORIZED, 4009",
            "OVER_CAPACITY, 4100",
            "RECONNECT, 4200",
            "PONG_TIMEOUT, 4201",
            "INACTIVITY, 4202",
            "CLIENT_EVENT_RATE_LIMIT, 4301",
            "WATCHLIST_LIMIT, 4302",
    })
    void codesAreThePusherOnes(ErrorCode error, int code) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(ErrorCode.of(code)).contains(error);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void reactionFollowsTheRangeOfTheCode(ErrorCode error) {
        int code = error.code();
        Reaction expected = code >= 4000 && code <= 4099 ? Reaction.REFUSED
                : code >= 4100 && code <= 4199 ? Reaction.BACKOFF
                : code >= 4200 && code <= 4299 ? Reaction.RECONNECT_NOW
                : code >= 4300 && code <= 4399 ? Reaction.ERROR_ONLY
                : null;

        assertThat(expected).as("%s has a code outside 4000-4399", error).isNotNull();
        assertThat(error.reaction()).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void onlyErrorOnlyCodesNeverClose(ErrorCode error) {
        assertThat(error.closes()).isEqualTo(error.code() < 4300);
    }

    @Test
    void everyReactionIsUsed() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::reaction).distinct())
                .containsExactlyInAnyOrder(Reaction.values());
    }

    @Test
    void specificReactions() {
        assertThat(ErrorCode.APP_NOT_FOUND.reaction()).isEqualTo(Reaction.REFUSED);
        assertThat(ErrorCode.OVER_CAPACITY.reaction()).isEqualTo(Reaction.BACKOFF);
        assertThat(ErrorCode.PONG_TIMEOUT.reaction()).isEqualTo(Reaction.RECONNECT_NOW);
        assertThat(ErrorCode.WATCHLIST_LIMIT.reaction()).isEqualTo(Reaction.ERROR_ONLY);
        assertThat(ErrorCode.WATCHLIST_LIMIT.closes()).isFalse();
        assertThat(ErrorCode.CLIENT_EVENT_RATE_LIMIT.closes()).isFalse();
        assertThat(ErrorCode.RECONNECT.closes()).isTrue();
        assertThat(ErrorCode.APP_DISABLED.closes()).isTrue();
    }

    @Test
    void codesAreUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates();
    }

    @Test
    void everyCodeHasAMessage() {
        assertThat(ErrorCode.values()).allSatisfy(error -> assertThat(error.message()).isNotBlank());
        assertThat(ErrorCode.APP_NOT_FOUND.message()).isEqualTo("Application does not exist");
    }

    @Test
    void unknownCodesAreEmpty() {
        assertThat(ErrorCode.of(4002)).isEmpty();
        assertThat(ErrorCode.of(4300)).isEmpty();
        assertThat(ErrorCode.of(1000)).isEmpty();
        assertThat(ErrorCode.of(0)).isEmpty();
        assertThat(ErrorCode.of(-4001)).isEmpty();
    }
}
