package dev.starling.push.instance;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Beams instance as configured: its id and secret key, and the credentials of the providers it delivers to.
 * {@link #toString()} never shows the secret.
 */
public record Instance(String id, String secretKey, Web web, Optional<Fcm> fcm, Optional<Apns> apns) {

    /** Web Push: the VAPID key pair (configured, or generated and persisted) and the {@code sub} claim. */
    public record Web(VapidKeyPair vapid, String subject) {
    }

    /** FCM HTTP v1: the service-account file, the project and the API base URL. */
    public record Fcm(Path serviceAccountFile, Optional<String> projectId, String endpoint) {
    }

    /** APNs token auth: the .p8 key, its id, the team, the topic, and where the server is. */
    public record Apns(Path keyFile, String keyId, String teamId, String topic, String host, int port,
            Optional<Path> trustedCertificateFile) {
    }

    /** The issuer of this instance's Beams auth tokens, as the server SDKs write it. */
    public String tokenIssuer() {
        return "https://" + id + ".pushnotifications.pusher.com";
    }

    @Override
    public String toString() {
        return "Instance[" + id + ", fcm=" + fcm.isPresent() + ", apns=" + apns.isPresent() + "]";
    }
}
