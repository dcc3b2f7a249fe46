package dev.starling.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link InfoAttribute#parseList} parses the {@code info=a,b} query parameter of the HTTP API. */
class InfoAttributeTest {

    @Test
    void wireNames() {
        assertThat(InfoAttribute.USER_COUNT.wireName()).isEqualTo("user_count");
        assertThat(InfoAttribute.SUBSCRIPTION_COUNT.wireName()).isEqualTo("subscription_count");
        assertThat(InfoAttribute.CACHE.wireName()).isEqualTo("cache");
    }

    @Test
    void nullEmptyAndBlankGiveTheEmptySet() {
        assertThat(InfoAttribute.parseList(null).value()).isEmpty();
        assertThat(InfoAttribute.parseList("").value()).isEmpty();
        assertThat(InfoAttribute.parseList("  ").value()).isEmpty();
    }

    @Test
    void singleAttribute() {
        assertThat(InfoAttribute.parseList("user_count").value()).containsExactly(InfoAttribute.USER_COUNT);
        assertThat(InfoAttribute.parseList("subscription_count").value()).containsExactly(InfoAttribute.SUBSCRIPTION_COUNT);
        assertThat(InfoAttribute.parseList("cache").value()).containsExactly(InfoAttribute.CACHE);
    }

    @Test
    void everyAttribute() {
        assertThat(InfoAttribute.parseList("user_count,subscription_count,cache").value())
                .containsExactlyInAnyOrder(InfoAttribute.values());
    }

    @Test
    void spacesEmptyPartsAndRepeatsAreTolerated() {
        assertThat(InfoAttribute.parseList(" user_count , ,subscription_count,user_count,").value())
                .containsExactlyInAnyOrder(InfoAttribute.USER_COUNT, InfoAttribute.SUBSCRIPTION_COUNT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"members", "user_count,members", "usercount", "user-count", "user_count;cache", "*"})
    void unknownAttributeIsRefusedAndNamed(String info) {
        String reason = InfoAttribute.parseList(info).reason();

        assertThat(reason).startsWith("Unknown info attribute").contains("user_count, subscription_count, cache");
    }

    @Test
    void theReasonQuotesTheUnknownPart() {
        assertThat(InfoAttribute.parseList("user_count, members ").reason()).contains("'members'");
    }
}
