package dev.starling.protocol.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Beams' interest and user id rules, as its SDKs state them. */
class BeamsNamesTest {

    @Test
    void interestsAllowTheBeamsCharacterSetUpTo164Characters() {
        assertThat(BeamsNames.isValidInterest("donuts")).isTrue();
        assertThat(BeamsNames.isValidInterest("A-Za-z0-9_-=@,.;")).isTrue();
        assertThat(BeamsNames.isValidInterest("a".repeat(164))).isTrue();
        assertThat(BeamsNames.isValidInterest("a".repeat(165))).isFalse();
        assertThat(BeamsNames.isValidInterest("")).isFalse();
        assertThat(BeamsNames.isValidInterest(null)).isFalse();
        assertThat(BeamsNames.isValidInterest("private-chat#1")).isFalse();
        assertThat(BeamsNames.isValidInterest("a b")).isFalse();
        assertThat(BeamsNames.isValidInterest("é")).isFalse();
    }

    @Test
    void userIdsAreAnyNonEmptyStringUpTo164Characters() {
        assertThat(BeamsNames.isValidUserId("ron.weasley@hogwarts.ac.uk")).isTrue();
        assertThat(BeamsNames.isValidUserId("ü #/\"")).isTrue();
        assertThat(BeamsNames.isValidUserId("u".repeat(164))).isTrue();
        assertThat(BeamsNames.isValidUserId("u".repeat(165))).isFalse();
        assertThat(BeamsNames.isValidUserId("")).isFalse();
        assertThat(BeamsNames.isValidUserId(null)).isFalse();
    }
}
