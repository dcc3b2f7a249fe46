package dev.starling.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starling.protocol.Parsed;

/** {@link ChannelName} validates names (charset, length, reserved {@code #}) and classifies them. */
class ChannelNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "my-channel, PUBLIC",
            "private-foo, PRIVATE",
            "private-encrypted-foo, PRIVATE_ENCRYPTED",
            "private-encrypted-cache-x, PRIVATE_ENCRYPTED_CACHE",
            "private-cache-x, PRIVATE_CACHE",
            "presence-foo, PRESENCE",
            "presence-cache-x, PRESENCE_CACHE",
            "cache-x, CACHE",
            "xprivate-foo, PUBLIC",
            "xpresence-cache-foo, PUBLIC",
            "#server-to-user-42, SERVER_TO_USER",
    })
    void validNamesAreClassified(String name, ChannelType type) {
        Parsed<ChannelName> parsed = ChannelName.parse(name);

        assertThat(parsed.reason()).isNull();
        assertThat(parsed.value().name()).isEqualTo(name);
        assertThat(parsed.value().type()).isEqualTo(type);
        assertThat(parsed.value()).hasToString(name);
    }

    @Test
    void everyAllowedCharacterIsAccepted() {
        String all = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";

        assertThat(ChannelName.parse(all).isOk()).isTrue();
        assertThat(ChannelName.parse("private-" + all).value().type()).isEqualTo(ChannelType.PRIVATE);
    }

    @Test
    void everyOtherAsciiCharacterIsRefused() {
        String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";
        for (char c = 0; c < 128; c++) {
            Parsed<ChannelName> parsed = ChannelName.parse("a" + c + "b");
            assertThat(parsed.isOk()).as("U+%04x", (int) c).isEqualTo(allowed.indexOf(c) >= 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo bar", "foo/bar", "foo:bar", "foo*", "foo#bar", "#foo", "#server-to-user", "föo", "foo😀",
            "private-foo bar", "presence-a+b", "foo\u0000", "foo\n"})
    void namesWithCharactersOutsideTheCharsetAreRefused(String name) {
        assertThat(ChannelName.parse(name).reason()).isNotBlank();
    }

    @Test
    void theReasonNamesTheBadCharacter() {
        assertThat(ChannelName.parse("foo bar!").reason()).contains("' '");
        assertThat(ChannelName.parse("foo\u0001").reason()).contains("\\u0001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"private-", "private-encrypted-", "private-cache-", "private-encrypted-cache-", "presence-",
            "presence-cache-", "cache-"})
    void aBarePrefixIsRefused(String name) {
        assertThat(ChannelName.parse(name).reason()).contains("prefix");
    }

    @Test
    void emptyAndNullAreRefused() {
        assertThat(ChannelName.parse("").isOk()).isFalse();
        assertThat(ChannelName.parse(null).isOk()).isFalse();
    }

    @Test
    void nameOf164CharactersIsAcceptedAnd165Refused() {
        assertThat(ChannelName.DEFAULT_MAX_LENGTH).isEqualTo(164);
        assertThat(ChannelName.parse("a".repeat(164)).isOk()).isTrue();
        assertThat(ChannelName.parse("private-" + "a".repeat(156)).isOk()).isTrue();

        assertThat(ChannelName.parse("a".repeat(165)).reason()).contains("164");
        assertThat(ChannelName.parse("private-" + "a".repeat(157)).isOk()).isFalse();
    }

    @Test
    void customMaxLengthIsHonoured() {
        assertThat(ChannelName.parse("abcdefghij", 10).isOk()).isTrue();
        assertThat(ChannelName.parse("abcdefghijk", 10).reason()).contains("10");
        assertThat(ChannelName.parse("a".repeat(200), 200).isOk()).isTrue();
        assertThat(ChannelName.parse("a".repeat(201), 200).isOk()).isFalse();
    }

    @Test
    void lengthLimitAppliesToServerToUserChannels() {
        String prefix = "#server-to-user-";

        assertThat(ChannelName.parse(prefix + "u".repeat(164 - prefix.length())).isOk()).isTrue();
        assertThat(ChannelName.parse(prefix + "u".repeat(165 - prefix.length())).isOk()).isFalse();
    }

    @Test
    void serverToUserChannelNeedsANonEmptyUserId() {
        assertThat(ChannelName.parse("#server-to-user-").reason()).contains("user id");
    }

    @Test
    void serverToUserIdIsTheRemainderOfTheName() {
        ChannelName name = ChannelName.parse("#server-to-user-user-42").value();

        assertThat(name.type()).isEqualTo(ChannelType.SERVER_TO_USER);
        assertThat(name.serverToUserId()).isEqualTo("user-42");
    }

    @Test
    void serverToUserIdMayHoldCharactersOutsideTheChannelCharset() {
        ChannelName name = ChannelName.parse("#server-to-user-jane@example.com|x y#ü").value();

        assertThat(name.serverToUserId()).isEqualTo("jane@example.com|x y#ü");
    }

    @Test
    void serverToUserIdMustNotHoldControlCharacters() {
        assertThat(ChannelName.parse("#server-to-user-a\nb").isOk()).isFalse();
        assertThat(ChannelName.parse("#server-to-user-\u0000").isOk()).isFalse();
    }

    @Test
    void serverToUserIdIsNullForOtherTypes() {
        assertThat(ChannelName.parse("private-foo").value().serverToUserId()).isNull();
        assertThat(ChannelName.parse("server-to-user-1").value().serverToUserId()).isNull();
    }

    @Test
    void clientEventsFollowTheType() {
        assertThat(ChannelName.parse("private-c").value().type().allowsClientEvents()).isTrue();
        assertThat(ChannelName.parse("presence-cache-c").value().type().allowsClientEvents()).isTrue();
        assertThat(ChannelName.parse("private-encrypted-c").value().type().allowsClientEvents()).isFalse();
        assertThat(ChannelName.parse("c").value().type().allowsClientEvents()).isFalse();
        assertThat(ChannelName.parse("#server-to-user-1").value().type().allowsClientEvents()).isFalse();
    }

    @Test
    void constructorRefusesNulls() {
        assertThatThrownBy(() -> new ChannelName(null, ChannelType.PUBLIC)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelName("x", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
