package dev.starling.protocol.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.starling.protocol.Parsed;

/** {@link PresenceMember#parseChannelData} reads the member from signed presence {@code channel_data}. */
class PresenceMemberTest {

    private static final int MAX_ID = PresenceMember.DEFAULT_MAX_USER_ID_LENGTH;
    private static final int MAX_INFO = PresenceMember.DEFAULT_MAX_USER_INFO_BYTES;

    private static Parsed<PresenceMember> parse(String channelData) {
        return PresenceMember.parseChannelData(channelData, MAX_ID, MAX_INFO);
    }

    @Test
    void pusherLimits() {
        assertThat(MAX_ID).isEqualTo(128);
        assertThat(MAX_INFO).isEqualTo(1024);
    }

    @Test
    void stringUserIdAndUserInfoKeptAsRawText() {
        assertThat(parse("{\"user_id\":\"abc\",\"user_info\":{\"name\" : \"Mr. Channels\", \"n\":1.10}}").value())
                .isEqualTo(new PresenceMember("abc", "{\"name\" : \"Mr. Channels\", \"n\":1.10}"));
    }

    @Test
    void theDocumentedVector() {
        assertThat(parse("{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}").value())
                .isEqualTo(new PresenceMember("10", "{\"name\":\"Mr. Channels\"}"));
    }

    @Test
    void numericUserIdBecomesItsText() {
        assertThat(parse("{\"user_id\":10}").value().userId()).isEqualTo("10");
        assertThat(parse("{\"user_id\":-7}").value().userId()).isEqualTo("-7");
        assertThat(parse("{\"user_id\":12345678901234567890}").value().userId()).isEqualTo("12345678901234567890");
    }

    @Test
    void missingUserInfoIsNull() {
        assertThat(parse("{\"user_id\":\"1\"}").value().userInfo()).isNull();
    }

    @Test
    void nonObjectUserInfoIsKeptAsRawText() {
        assertThat(parse("{\"user_id\":\"1\",\"user_info\":\"plain \\\"text\\\"\"}").value().userInfo())
                .isEqualTo("\"plain \\\"text\\\"\"");
        assertThat(parse("{\"user_id\":\"1\",\"user_info\":[1,2]}").value().userInfo()).isEqualTo("[1,2]");
    }

    @Test
    void emptyUserIdIsRefused() {
        assertThat(parse("{\"user_id\":\"\"}").reason()).contains("user_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"user_id\":null}", "{\"user_id\":true}", "{\"user_id\":{\"id\":1}}",
            "{\"user_id\":[\"1\"]}", "{\"id\":\"1\"}"})
    void missingOrNonScalarUserIdIsRefused(String channelData) {
        assertThat(parse(channelData).reason()).contains("user_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"{}\"", "{\"user_id\":\"1\"", "{\"user_id\":\"1\"} x"})
    void channelDataThatIsNotOneJsonObjectIsRefused(String channelData) {
        assertThat(parse(channelData).reason()).isNotBlank();
    }

    @Test
    void missingChannelDataIsRefused() {
        assertThat(parse(null).reason()).contains("channel_data");
    }

    @Test
    void userIdOf128CharactersIsAcceptedAnd129Refused() {
        assertThat(parse("{\"user_id\":\"" + "u".repeat(128) + "\"}").value().userId()).hasSize(128);
        assertThat(parse("{\"user_id\":\"" + "u".repeat(129) + "\"}").reason()).contains("128");
    }

    @Test
    void userIdLengthCountsDecodedCharacters() {
        // 128 characters written as 768 characters of escapes
        assertThat(parse("{\"user_id\":\"" + "\\u0041".repeat(128) + "\"}").value().userId()).isEqualTo("A".repeat(128));
    }

    @Test
    void customUserIdLimit() {
        assertThat(PresenceMember.parseChannelData("{\"user_id\":12345}", 5, MAX_INFO).isOk()).isTrue();
        assertThat(PresenceMember.parseChannelData("{\"user_id\":123456}", 5, MAX_INFO).isOk()).isFalse();
    }

    /** A user_info object whose raw text has exactly {@code bytes} UTF-8 bytes, made of 2-byte characters. */
    private static String userInfoOfBytes(int bytes) {
        String prefix = "{\"n\":\"";
        String suffix = "\"}";
        int content = bytes - prefix.length() - suffix.length();
        String text = "é".repeat(content / 2) + "e".repeat(content % 2);
        String info = prefix + text + suffix;
        assertThat(info.getBytes(StandardCharsets.UTF_8)).hasSize(bytes);
        return info;
    }

    @Test
    void userInfoOf1024BytesIsAccepted() {
        String info = userInfoOfBytes(1024);

        assertThat(parse("{\"user_id\":\"1\",\"user_info\":" + info + "}").value().userInfo()).isEqualTo(info);
    }

    @Test
    void userInfoOf1025BytesIsRefused() {
        String info = userInfoOfBytes(1025);

        assertThat(parse("{\"user_id\":\"1\",\"user_info\":" + info + "}").reason()).contains("1024");
    }

    @Test
    void userInfoLimitCountsUtf8BytesNotCharacters() {
        String info = userInfoOfBytes(1025);
        assertThat(info.length()).isLessThan(1024);

        assertThat(parse("{\"user_id\":\"1\",\"user_info\":" + info + "}").isOk()).isFalse();
    }

    @Test
    void customUserInfoLimit() {
        assertThat(PresenceMember.parseChannelData("{\"user_id\":1,\"user_info\":[1,2]}", MAX_ID, 5).isOk()).isTrue();
        assertThat(PresenceMember.parseChannelData("{\"user_id\":1,\"user_info\":[1, 2]}", MAX_ID, 5).isOk()).isFalse();
    }

    @Test
    void constructorRefusesMissingUserId() {
        assertThatThrownBy(() -> new PresenceMember(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PresenceMember("", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
