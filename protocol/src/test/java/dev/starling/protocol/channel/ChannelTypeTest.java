package dev.starling.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link ChannelType} tells channel kinds apart by anchored prefixes, longest first, and knows their rules. */
class ChannelTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "foo, PUBLIC",
            "private-foo, PRIVATE",
            "private-encrypted-foo, PRIVATE_ENCRYPTED",
            "presence-foo, PRESENCE",
            "cache-foo, CACHE",
            "private-cache-foo, PRIVATE_CACHE",
            "private-encrypted-cache-foo, PRIVATE_ENCRYPTED_CACHE",
            "presence-cache-foo, PRESENCE_CACHE",
            "#server-to-user-42, SERVER_TO_USER",
    })
    void everyPrefixIsRecognised(String name, ChannelType expected) {
        assertThat(ChannelType.of(name)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "xprivate-foo, PUBLIC",
            "my-private-foo, PUBLIC",
            "apresence-foo, PUBLIC",
            "xcache-foo, PUBLIC",
            "public-cache-foo, PUBLIC",
            "server-to-user-1, PUBLIC",
            "x#server-to-user-1, PUBLIC",
            "Private-foo, PUBLIC",
            "PRESENCE-foo, PUBLIC",
            "privatefoo, PUBLIC",
            "private-presence-foo, PRIVATE",
            "private-encryptedfoo, PRIVATE",
            "private-encrypted, PRIVATE",
            "presence-private-foo, PRESENCE",
            "presence-encrypted-foo, PRESENCE",
            "private-cache-encrypted-foo, PRIVATE_CACHE",
            "cache-private-foo, CACHE",
            "cache-presence-foo, CACHE",
    })
    void prefixesAreAnchoredAtTheStartAndMatchExactly(String name, ChannelType expected) {
        assertThat(ChannelType.of(name)).isEqualTo(expected);
    }

    @Test
    void theLongestPrefixWins() {
        assertThat(ChannelType.of("private-encrypted-cache-x")).isEqualTo(ChannelType.PRIVATE_ENCRYPTED_CACHE);
        assertThat(ChannelType.of("private-encrypted-x")).isEqualTo(ChannelType.PRIVATE_ENCRYPTED);
        assertThat(ChannelType.of("private-cache-x")).isEqualTo(ChannelType.PRIVATE_CACHE);
        assertThat(ChannelType.of("presence-cache-x")).isEqualTo(ChannelType.PRESENCE_CACHE);
    }

    @Test
    void emptyNameIsPublic() {
        assertThat(ChannelType.of("")).isEqualTo(ChannelType.PUBLIC);
    }

    @Test
    void prefixesAreTheWireOnes() {
        assertThat(ChannelType.PUBLIC.prefix()).isEmpty();
        assertThat(ChannelType.PRIVATE.prefix()).isEqualTo("private-");
        assertThat(ChannelType.PRIVATE_ENCRYPTED.prefix()).isEqualTo("private-encrypted-");
        assertThat(ChannelType.PRESENCE.prefix()).isEqualTo("presence-");
        assertThat(ChannelType.CACHE.prefix()).isEqualTo("cache-");
        assertThat(ChannelType.PRIVATE_CACHE.prefix()).isEqualTo("private-cache-");
        assertThat(ChannelType.PRIVATE_ENCRYPTED_CACHE.prefix()).isEqualTo("private-encrypted-cache-");
        assertThat(ChannelType.PRESENCE_CACHE.prefix()).isEqualTo("presence-cache-");
        assertThat(ChannelType.SERVER_TO_USER.prefix()).isEqualTo("#server-to-user-");
    }

    @ParameterizedTest
    @EnumSource(ChannelType.class)
    void aNameMadeOfAPrefixIsClassifiedAsThatType(ChannelType type) {
        assertThat(ChannelType.of(type.prefix() + "x")).isEqualTo(type);
    }

    @Test
    void clientEventsAreAllowedOnPrivateAndPresenceAndTheirCacheVariantsOnly() {
        EnumSet<ChannelType> allowing = EnumSet.noneOf(ChannelType.class);
        for (ChannelType type : ChannelType.values()) {
            if (type.allowsClientEvents()) {
                allowing.add(type);
            }
        }

        assertThat(allowing).containsExactlyInAnyOrder(ChannelType.PRIVATE, ChannelType.PRIVATE_CACHE,
                ChannelType.PRESENCE, ChannelType.PRESENCE_CACHE);
    }

    @Test
    void authIsRequiredOnPrivateEncryptedAndPresenceChannels() {
        EnumSet<ChannelType> requiring = EnumSet.noneOf(ChannelType.class);
        for (ChannelType type : ChannelType.values()) {
            if (type.requiresAuth()) {
                requiring.add(type);
            }
        }

        assertThat(requiring).containsExactlyInAnyOrder(ChannelType.PRIVATE, ChannelType.PRIVATE_CACHE,
                ChannelType.PRIVATE_ENCRYPTED, ChannelType.PRIVATE_ENCRYPTED_CACHE, ChannelType.PRESENCE,
                ChannelType.PRESENCE_CACHE);
    }

    @Test
    void presenceEncryptedAndCacheFlags() {
        assertThat(EnumSet.allOf(ChannelType.class).stream().filter(ChannelType::isPresence))
                .containsExactlyInAnyOrder(ChannelType.PRESENCE, ChannelType.PRESENCE_CACHE);
        assertThat(EnumSet.allOf(ChannelType.class).stream().filter(ChannelType::isEncrypted))
                .containsExactlyInAnyOrder(ChannelType.PRIVATE_ENCRYPTED, ChannelType.PRIVATE_ENCRYPTED_CACHE);
        assertThat(EnumSet.allOf(ChannelType.class).stream().filter(ChannelType::isCache))
                .containsExactlyInAnyOrder(ChannelType.CACHE, ChannelType.PRIVATE_CACHE,
                        ChannelType.PRIVATE_ENCRYPTED_CACHE, ChannelType.PRESENCE_CACHE);
    }
}
