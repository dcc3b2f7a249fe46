package dev.starling.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every signature of the protocol reproduces the vectors published by Pusher (see PROTOCOL.md). */
class SignatureVectorsTest {

    private static final String KEY = "278d425bdf160c739803";
    private static final String SECRET = "7ad3773142a6692b25b8";
    private static final String SOCKET_ID = "1234.1234";

    private static final String PRIVATE_SIGNATURE = "58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4";
    private static final String USER_DATA = "{\"id\":\"12345\"}";
    private static final String USER_SIGNATURE = "4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba";
    private static final String PRESENCE_DATA = "{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}";
    private static final String PRESENCE_SIGNATURE = "31935e7d86dba64c2a90aed31fdc61869f9b22ba9d8863bba239c03ca481bc80";

    private static final String API_BODY = "{\"name\":\"foo\",\"channels\":[\"project-3\"],\"data\":\"{\\\"some\\\":\\\"data\\\"}\"}";
    private static final String API_BODY_MD5 = "ec365a775a4cd0599faeb73354201b6f";
    private static final String API_STRING_TO_SIGN = "POST\n/apps/3/events\nauth_key=278d425bdf160c739803"
            + "&auth_timestamp=1353088179&auth_version=1.0&body_md5=ec365a775a4cd0599faeb73354201b6f";
    private static final String API_SIGNATURE = "da454824c97ba181a32ccc17a72625ba02771f50b50e1e7430e47a1f3f457e6c";

    // --- private channels

    @Test
    void privateChannelStringToSign() {
        assertThat(SocketAuth.channelStringToSign(SOCKET_ID, "private-foobar", null)).isEqualTo("1234.1234:private-foobar");
    }

    @Test
    void privateChannelVector() {
        assertThat(Hmac.sha256Hex(SECRET, "1234.1234:private-foobar")).isEqualTo(PRIVATE_SIGNATURE);
        assertThat(SocketAuth.signChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null))
                .isEqualTo(KEY + ":" + PRIVATE_SIGNATURE);
    }

    @Test
    void privateChannelVerifyAcceptsTheRightSignatureOnly() {
        String auth = KEY + ":" + PRIVATE_SIGNATURE;

        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, auth)).isTrue();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobaz", null, auth)).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, "1234.1235", "private-foobar", null, auth)).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, "another-secret", SOCKET_ID, "private-foobar", null, auth)).isFalse();
    }

    @Test
    void verifyRefusesAWrongSignature() {
        String wrong = KEY + ":" + PRIVATE_SIGNATURE.substring(0, 63) + "5";

        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, wrong)).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, KEY + ":")).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, "")).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, PRIVATE_SIGNATURE)).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null,
                KEY + ":" + PRIVATE_SIGNATURE.toUpperCase())).isFalse();
    }

    @Test
    void verifyRefusesANullSignature() {
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, null)).isFalse();
        assertThat(SocketAuth.verifyUser(KEY, SECRET, SOCKET_ID, USER_DATA, null)).isFalse();
        assertThat(SocketAuth.verify(KEY, SECRET, "anything", null)).isFalse();
    }

    @Test
    void verifyRefusesTheRightSignatureUnderAnotherKey() {
        String otherKey = "aaaaaaaaaaaaaaaaaaaa:" + PRIVATE_SIGNATURE;

        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "private-foobar", null, otherKey)).isFalse();
        assertThat(SocketAuth.verifyChannel("aaaaaaaaaaaaaaaaaaaa", SECRET, SOCKET_ID, "private-foobar", null,
                KEY + ":" + PRIVATE_SIGNATURE)).isFalse();
    }

    // --- presence channels

    @Test
    void presenceChannelStringToSignIncludesTheExactChannelData() {
        assertThat(SocketAuth.channelStringToSign(SOCKET_ID, "presence-foobar", PRESENCE_DATA))
                .isEqualTo("1234.1234:presence-foobar:{\"user_id\":10,\"user_info\":{\"name\":\"Mr. Channels\"}}");
    }

    @Test
    void presenceChannelVector() {
        assertThat(SocketAuth.signChannel(KEY, SECRET, SOCKET_ID, "presence-foobar", PRESENCE_DATA))
                .isEqualTo(KEY + ":" + PRESENCE_SIGNATURE);
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "presence-foobar", PRESENCE_DATA,
                KEY + ":" + PRESENCE_SIGNATURE)).isTrue();
    }

    @Test
    void presenceSignatureCoversChannelData() {
        String otherData = PRESENCE_DATA.replace("Mr. Channels", "Mr. Pusher");

        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "presence-foobar", otherData,
                KEY + ":" + PRESENCE_SIGNATURE)).isFalse();
        assertThat(SocketAuth.verifyChannel(KEY, SECRET, SOCKET_ID, "presence-foobar", null,
                KEY + ":" + PRESENCE_SIGNATURE)).isFalse();
    }

    // --- user authentication

    @Test
    void userStringToSign() {
        assertThat(SocketAuth.userStringToSign(SOCKET_ID, USER_DATA)).isEqualTo("1234.1234::user::{\"id\":\"12345\"}");
    }

    @Test
    void userVector() {
        assertThat(SocketAuth.signUser(KEY, SECRET, SOCKET_ID, USER_DATA)).isEqualTo(KEY + ":" + USER_SIGNATURE);
        assertThat(SocketAuth.verifyUser(KEY, SECRET, SOCKET_ID, USER_DATA, KEY + ":" + USER_SIGNATURE)).isTrue();
        assertThat(SocketAuth.verifyUser(KEY, SECRET, SOCKET_ID, "{\"id\":\"12346\"}", KEY + ":" + USER_SIGNATURE))
                .isFalse();
    }

    // --- HTTP API

    private static Map<String, String> apiQuery() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("body_md5", API_BODY_MD5);
        query.put("auth_version", "1.0");
        query.put("auth_key", KEY);
        query.put("auth_timestamp", "1353088179");
        return query;
    }

    @Test
    void apiBodyMd5Vector() {
        assertThat(Hmac.md5Hex(API_BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(API_BODY_MD5);
    }

    @Test
    void apiStringToSignVector() {
        assertThat(ApiSignature.stringToSign("POST", "/apps/3/events", apiQuery())).isEqualTo(API_STRING_TO_SIGN);
    }

    @Test
    void apiSignatureVector() {
        assertThat(Hmac.sha256Hex(SECRET, API_STRING_TO_SIGN)).isEqualTo(API_SIGNATURE);
        assertThat(ApiSignature.sign(SECRET, "POST", "/apps/3/events", apiQuery())).isEqualTo(API_SIGNATURE);
    }

    @Test
    void apiStringToSignExcludesAuthSignature() {
        Map<String, String> query = apiQuery();
        query.put("auth_signature", API_SIGNATURE);

        assertThat(ApiSignature.stringToSign("POST", "/apps/3/events", query)).isEqualTo(API_STRING_TO_SIGN);
    }

    @Test
    void apiStringToSignLowercasesAndSortsKeysAndUppercasesTheMethod() {
        Map<String, String> query = new HashMap<>();
        query.put("Auth_Timestamp", "1353088179");
        query.put("BODY_MD5", API_BODY_MD5);
        query.put("auth_key", KEY);
        query.put("Auth_Version", "1.0");

        assertThat(ApiSignature.stringToSign("post", "/apps/3/events", query)).isEqualTo(API_STRING_TO_SIGN);
    }

    @Test
    void apiStringToSignDoesNotUrlEscapeValues() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter_by_prefix", "presence-");
        query.put("info", "user_count,subscription_count");
        query.put("auth_key", KEY);

        assertThat(ApiSignature.stringToSign("GET", "/apps/3/channels", query))
                .isEqualTo("GET\n/apps/3/channels\nauth_key=" + KEY
                        + "&filter_by_prefix=presence-&info=user_count,subscription_count");
    }

    @Test
    void apiVerifyAcceptsTheRightSignatureOnly() {
        Map<String, String> query = apiQuery();
        query.put("auth_signature", API_SIGNATURE);
        assertThat(ApiSignature.verify(SECRET, "POST", "/apps/3/events", query)).isTrue();

        assertThat(ApiSignature.verify(SECRET, "POST", "/apps/4/events", query)).isFalse();
        assertThat(ApiSignature.verify(SECRET, "GET", "/apps/3/events", query)).isFalse();
        assertThat(ApiSignature.verify("another-secret", "POST", "/apps/3/events", query)).isFalse();

        query.put("auth_timestamp", "1353088180");
        assertThat(ApiSignature.verify(SECRET, "POST", "/apps/3/events", query)).isFalse();
    }

    @Test
    void apiVerifyRefusesAMissingSignature() {
        assertThat(ApiSignature.verify(SECRET, "POST", "/apps/3/events", apiQuery())).isFalse();
    }

    // --- webhooks

    @Test
    void webhookSignatureIsTheHmacOfTheRawBody() {
        byte[] body = "{\"time_ms\":1327078148132,\"events\":[{\"name\":\"channel_occupied\",\"channel\":\"c\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        String signature = WebhookSignature.sign(SECRET, body);

        assertThat(signature).isEqualTo(Hmac.sha256Hex(SECRET, body)).matches("[0-9a-f]{64}");
        assertThat(WebhookSignature.verify(SECRET, body, signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, body, signature.toUpperCase())).isFalse();
        assertThat(WebhookSignature.verify("another-secret", body, signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "{}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, body, null)).isFalse();
    }

    @Test
    void webhookHeadersAreThePusherOnes() {
        assertThat(WebhookSignature.KEY_HEADER).isEqualTo("X-Pusher-Key");
        assertThat(WebhookSignature.SIGNATURE_HEADER).isEqualTo("X-Pusher-Signature");
    }

    // --- primitives

    @Test
    void hmacOfStringIsTheHmacOfItsUtf8Bytes() {
        assertThat(Hmac.sha256Hex(SECRET, "ünï😀"))
                .isEqualTo(Hmac.sha256Hex(SECRET, "ünï😀".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void constantTimeEqualsHandlesNulls() {
        assertThat(Hmac.constantTimeEquals(null, null)).isFalse();
        assertThat(Hmac.constantTimeEquals("a", null)).isFalse();
        assertThat(Hmac.constantTimeEquals(null, "a")).isFalse();
    }

    @Test
    void constantTimeEqualsComparesContent() {
        assertThat(Hmac.constantTimeEquals("abc", "abc")).isTrue();
        assertThat(Hmac.constantTimeEquals("", "")).isTrue();
        assertThat(Hmac.constantTimeEquals("abc", "abd")).isFalse();
        assertThat(Hmac.constantTimeEquals("abc", "abcd")).isFalse();
        assertThat(Hmac.constantTimeEquals("abc", "")).isFalse();
    }
}
