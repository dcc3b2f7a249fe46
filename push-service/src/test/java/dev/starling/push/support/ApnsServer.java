package dev.starling.push.support;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;

/**
 * Pushy's {@link MockApnsServer} over real HTTP/2 and TLS (a self-signed certificate made here), with Pushy's
 * validating handler: provider tokens must verify against the test key (key id, team id) and be allowed for the
 * topic, device tokens must be registered for the topic, and expired ones answer {@code Unregistered}. Tests add
 * scripted rejections ({@code BadDeviceToken}, {@code TooManyRequests} N times) on top.
 */
public final class ApnsServer implements AutoCloseable {

    public static final String TEAM_ID = "TEAM123456";
    public static final String KEY_ID = "KEY1234567";
    public static final String TOPIC = "dev.starling.test";

    private final MockApnsServer server;
    private final int port;
    private final KeyPair signingKey;
    private final Path directory;
    private final Map<String, Set<String>> tokensByTopic = new ConcurrentHashMap<>();
    private final Map<String, Instant> expired = new ConcurrentHashMap<>();
    private final Map<String, RejectionReason> rejectAlways = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tooManyRequests = new ConcurrentHashMap<>();
    private final List<ApnsPushNotification> accepted = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    public ApnsServer(Path directory) throws Exception {
        this.directory = directory;
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        signingKey = ec.generateKeyPair();
        tokensByTopic.put(TOPIC, ConcurrentHashMap.newKeySet());
        KeyPair tlsKey = ec.generateKeyPair();
        X509Certificate certificate = selfSigned(tlsKey);
        Files.writeString(directory.resolve("apns-server.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        ApnsVerificationKey verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID,
                (ECPublicKey) signingKey.getPublic());
        ValidatingPushNotificationHandlerFactory validating = new ValidatingPushNotificationHandlerFactory(
                tokensByTopic, expired, Map.of(KEY_ID, verificationKey), Map.of(verificationKey, Set.of(TOPIC)));
        PushNotificationHandlerFactory scripted = session -> {
            PushNotificationHandler delegate = validating.buildHandler(session);
            return (headers, payload) -> {
                delegate.handlePushNotification(headers, payload);
                String token = headers.path().toString().substring("/3/device/".length());
                RejectionReason always = rejectAlways.get(token);
                if (always != null) {
                    throw new RejectedNotificationException(always);
                }
                AtomicInteger busy = tooManyRequests.get(token);
                if (busy != null && busy.getAndDecrement() > 0) {
                    throw new RejectedNotificationException(RejectionReason.TOO_MANY_REQUESTS);
                }
            };
        };
        server = new MockApnsServerBuilder()
                .setServerCredentials(new X509Certificate[] {certificate}, tlsKey.getPrivate(), null)
                .setHandlerFactory(scripted)
                .setListener(new ParsingMockApnsServerListenerAdapter() {
                    @Override
                    public void handlePushNotificationAccepted(ApnsPushNotification notification) {
                        accepted.add(notification);
                    }

                    @Override
                    public void handlePushNotificationRejected(ApnsPushNotification notification,
                            RejectionReason reason, Instant timestamp) {
                        rejected.add(reason + " " + (notification == null ? "" : notification.getToken()));
                    }
                })
                .build();
        port = server.start(0).get(30, TimeUnit.SECONDS);
    }

    /** The .p8 file (PKCS#8 PEM), as Apple's developer portal hands it out. */
    public Path writeSigningKey() throws IOException {
        Path file = directory.resolve("AuthKey_" + KEY_ID + ".p8");
        Files.writeString(file, pem("PRIVATE KEY", signingKey.getPrivate().getEncoded()));
        return file;
    }

    public Path certificate() {
        return directory.resolve("apns-server.pem");
    }

    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    /** A new device token registered for the topic. */
    public String newDevice() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        String token = java.util.HexFormat.of().formatHex(bytes);
        tokensByTopic.get(TOPIC).add(token);
        return token;
    }

    public void unregister(String token) {
        expired.put(token, Instant.now());
    }

    public void badDeviceToken(String token) {
        rejectAlways.put(token, RejectionReason.BAD_DEVICE_TOKEN);
    }

    public void tooManyRequests(String token, int times) {
        tooManyRequests.put(token, new AtomicInteger(times));
    }

    public List<ApnsPushNotification> accepted(String token) {
        return accepted.stream().filter(n -> n.getToken().equals(token)).toList();
    }

    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    @Override
    public void close() throws Exception {
        server.shutdown().get(10, TimeUnit.SECONDS);
    }

    private static X509Certificate selfSigned(KeyPair key) throws Exception {
        X500Name name = new X500Name("CN=127.0.0.1");
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(1),
                new Date(System.currentTimeMillis() - 86_400_000L), new Date(System.currentTimeMillis() + 86_400_000L),
                name, key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
