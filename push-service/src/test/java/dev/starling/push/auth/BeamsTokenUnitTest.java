package dev.starling.push.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * Beams auth tokens as the Node server SDK's {@code generateToken} writes them (jsonwebtoken: HS256, {@code iat},
 * {@code exp} 24 h later, {@code iss}, {@code sub}); everything else is refused.
 */
class BeamsTokenUnitTest {

    private static final String ISSUER = "https://inst.pushnotifications.pusher.com";
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(String header, String claims, String secret) throws Exception {
        String signed = b64(header) + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(
                StandardCharsets.US_ASCII)));
    }

    @Test
    void theSdksTokenIsAcceptedWithItsSubject() throws Exception {
        String token = token("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"iat\":1699999000,\"exp\":1700085400,"
                + "\"iss\":\"" + ISSUER + "\",\"sub\":\"ron.weasley@hogwarts.ac.uk\"}", "s3cret");

        assertThat(BeamsToken.verify(token, "s3cret", ISSUER, NOW).value()).isEqualTo("ron.weasley@hogwarts.ac.uk");
    }

    @Test
    void everyFlawIsRefused() throws Exception {
        String claims = "{\"exp\":1700085400,\"iss\":\"" + ISSUER + "\",\"sub\":\"u\"}";
        String header = "{\"alg\":\"HS256\"}";
        assertThat(BeamsToken.verify(token(header, claims, "other"), "s3cret", ISSUER, NOW).reason())
                .isEqualTo("invalid signature");
        assertThat(BeamsToken.verify(token("{\"alg\":\"HS512\"}", claims, "s3cret"), "s3cret", ISSUER, NOW).reason())
                .contains("HS256");
        assertThat(BeamsToken.verify(b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".", "s3cret", ISSUER, NOW)
                .isOk()).isFalse();
        assertThat(BeamsToken.verify(token(header, "{\"exp\":1699999999,\"iss\":\"" + ISSUER + "\",\"sub\":\"u\"}",
                "s3cret"), "s3cret", ISSUER, NOW).reason()).contains("expired");
        assertThat(BeamsToken.verify(token(header, "{\"iss\":\"" + ISSUER + "\",\"sub\":\"u\"}", "s3cret"), "s3cret",
                ISSUER, NOW).reason()).contains("expiry");
        assertThat(BeamsToken.verify(token(header, "{\"exp\":1700085400,\"iss\":\"https://x.pushnotifications.pusher"
                + ".com\",\"sub\":\"u\"}", "s3cret"), "s3cret", ISSUER, NOW).reason()).contains("issuer");
        assertThat(BeamsToken.verify(token(header, "{\"exp\":1700085400,\"iss\":\"" + ISSUER + "\",\"sub\":\""
                + "u".repeat(165) + "\"}", "s3cret"), "s3cret", ISSUER, NOW).reason()).contains("subject");
        for (String garbage : new String[] {null, "", "a.b", "a.b.c.d", "!!.!!.!!", "e30.e30.e30"}) {
            assertThat(BeamsToken.verify(garbage, "s3cret", ISSUER, NOW).isOk()).as(garbage).isFalse();
        }
    }
}
