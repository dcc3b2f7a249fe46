package dev.starling.push.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of push-service, under {@code starling.push}. Environment variables override them the Quarkus way
 * ({@code STARLING_PUSH_MODE=cluster}). Unknown keys under {@code starling.push} fail the start. docs/push.md has the
 * same reference with examples.
 */
@ConfigMapping(prefix = "starling.push")
public interface PushConfig {

    /**
     * {@code standalone}: an accepted publish is stored in PostgreSQL before the answer, and nothing else is needed.
     * {@code cluster}: an accepted publish is written to the {@code {prefix}push} Kafka topic (acks=all) before the
     * answer; push-service consumes that topic (group {@code push}) and the gateways' {@code {prefix}webhooks} topic
     * (group {@code push-webhooks}).
     */
    @WithDefault("standalone")
    Mode mode();

    enum Mode {
        STANDALONE, CLUSTER
    }

    /** The instance defined by configuration: the quickstart's {@code demo-instance} unless overridden. */
    DefaultInstance defaultInstance();

    /** More instances, by instance id: {@code starling.push.instances."<id>".secret-key=…} and the provider keys. */
    Map<String, Instance> instances();

    Web web();

    Fcm fcm();

    Apns apns();

    Limits limits();

    Delivery delivery();

    DeadLetters deadLetters();

    Webhooks webhooks();

    Kafka kafka();

    Admin admin();

    Db db();

    /**
     * PostgreSQL, read by both database clients: Hibernate Reactive and (for the Flyway migration at start only)
     * JDBC, whose URLs application.properties derives from {@code url}.
     */
    interface Db {

        /** {@code postgresql://host:port/database} (no {@code jdbc:} prefix). */
        @WithDefault("postgresql://localhost:5432/starling")
        String url();

        /** The database user. */
        @WithDefault("starling")
        String username();

        /** The user's password (from a Secret in Kubernetes). */
        @WithDefault("starling")
        String password();
    }

    /** The quickstart's instance. An empty id removes it. */
    interface DefaultInstance {

        /** Its instance id (default {@code demo-instance}, set in application.properties); empty: none. */
        Optional<String> id();

        /** Its secret key, the Beams server SDKs' {@code secretKey} (default {@code demo-secret-key}). */
        Optional<String> secretKey();
    }

    /** A Beams instance: its secret key and the credentials of each provider it delivers to. */
    interface Instance {

        /** The secret key the server SDKs send as {@code Authorization: Bearer …} and that signs Beams auth tokens. */
        String secretKey();

        InstanceWeb web();

        InstanceFcm fcm();

        InstanceApns apns();
    }

    interface InstanceWeb {

        /**
         * The VAPID public key (base64url of the uncompressed P-256 point). With the private key unset, a key pair is
         * generated once and persisted in PostgreSQL (shared by every replica).
         */
        Optional<String> vapidPublicKey();

        /** The VAPID private key (base64url of the 32-byte scalar). */
        Optional<String> vapidPrivateKey();

        /** The VAPID {@code sub} claim, a {@code mailto:} or {@code https:} contact; default: {@code web.vapid-subject}. */
        Optional<String> vapidSubject();
    }

    interface InstanceFcm {

        /** The Firebase service-account JSON file; FCM is off for the instance without it. */
        Optional<Path> serviceAccountFile();

        /** The Firebase project; default: the service account's {@code project_id}. */
        Optional<String> projectId();

        /** The FCM API base URL; default: {@code fcm.endpoint}. */
        Optional<String> endpoint();
    }

    interface InstanceApns {

        /** The APNs token-auth key ({@code AuthKey_XXXX.p8}); APNs is off for the instance without it. */
        Optional<Path> keyFile();

        /** The key's id (10 characters). */
        Optional<String> keyId();

        /** The Apple developer team id. */
        Optional<String> teamId();

        /** The {@code apns-topic}: the app's bundle id. */
        Optional<String> topic();

        /** Use Apple's sandbox (development) server instead of production. */
        @WithDefault("false")
        boolean sandbox();

        /** {@code host:port} of the APNs server, overriding production/sandbox (tests, proxies). */
        Optional<String> endpoint();

        /** A PEM certificate (chain) to trust for the APNs server instead of the JDK's trust store (tests). */
        Optional<Path> trustedCertificateFile();
    }

    /** Web Push delivery. */
    interface Web {

        /**
         * URL prefixes a subscription endpoint must start with, checked at registration and again before every
         * delivery, so the device API cannot be used to make push-service call arbitrary addresses. The default is
         * the browsers' public push services, https only.
         */
        @WithDefault("https://fcm.googleapis.com/,https://updates.push.services.mozilla.com/,"
                + "https://push.services.mozilla.com/,https://web.push.apple.com/,"
                + "https://wns2-par02p.notify.windows.com/,https://notify.windows.com/")
        List<String> allowedEndpoints();

        /** The default VAPID {@code sub} claim. */
        @WithDefault("mailto:push@starling.invalid")
        String vapidSubject();

        /** The {@code TTL} header when the publish's {@code web.time_to_live} is absent (seconds; 4 weeks). */
        @WithDefault("2419200")
        int defaultTimeToLive();

        /** Time limit of one request to a push service. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Requests in flight per instance to push services; more wait, and other providers never do. */
        @WithDefault("64")
        int maxInFlight();
    }

    /** FCM HTTP v1 delivery. */
    interface Fcm {

        /** The FCM API base URL ({@code …/v1/projects/{project}/messages:send} is appended). */
        @WithDefault("https://fcm.googleapis.com")
        String endpoint();

        /** Time limit of one request to FCM (and of one access-token request). */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Requests in flight per instance to FCM. */
        @WithDefault("64")
        int maxInFlight();
    }

    /** APNs delivery. */
    interface Apns {

        /** Time limit of one notification (connect and answer). */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Notifications in flight per instance to APNs. */
        @WithDefault("64")
        int maxInFlight();

        /** HTTP/2 connections per instance to APNs. */
        @WithDefault("1")
        int connections();
    }

    /** What the API accepts. Requests over a limit get a 4xx and store or send nothing. */
    interface Limits {

        /** Largest request body of any API call. */
        @WithDefault("65536")
        int maxRequestBytes();

        /** Interests one device may hold (Beams: 5000). */
        @WithDefault("5000")
        int maxInterestsPerDevice();

        /** Devices one user may have (Beams: 100); associating one more is refused with 422. */
        @WithDefault("100")
        int maxDevicesPerUser();

        /** Largest device metadata object (bytes of JSON). */
        @WithDefault("1024")
        int maxMetadataBytes();

        /**
         * Largest Web Push payload before encryption, {@code data.pusher} included: 4096 bytes of record minus the
         * aes128gcm header (86), the tag (16) and the padding delimiter (1).
         */
        @WithDefault("3993")
        int maxWebPayloadBytes();

        /** Largest FCM message payload (notification and data), {@code data.pusher} included. */
        @WithDefault("4096")
        int maxFcmPayloadBytes();

        /** Largest APNs payload, {@code data.pusher} included (Apple: 4096). */
        @WithDefault("4096")
        int maxApnsPayloadBytes();
    }

    /** How accepted publishes become deliveries, and how failed deliveries are retried. */
    interface Delivery {

        /** How often the queue is checked when idle (new publishes on this process are picked up at once). */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Deliveries claimed per provider lane at once. */
        @WithDefault("100")
        int batchSize();

        /**
         * How long a claimed delivery is reserved for the process that claimed it. A process that dies holding
         * deliveries releases them after this, and another (or its restart) retries them; must exceed every
         * provider's request timeout.
         */
        @WithDefault("60s")
        Duration lease();

        /** First retry delay after a 429/5xx or a network failure; doubles per attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest retry delay (a provider's Retry-After is honoured even when longer). */
        @WithDefault("5m")
        Duration maxBackoff();

        /** A delivery still failing this long after its publish was accepted goes to the dead letters. */
        @WithDefault("1h")
        Duration maxAge();

        /** Finished publishes are kept this long (for duplicate detection of Kafka redeliveries), then deleted. */
        @WithDefault("1h")
        Duration publishRetention();
    }

    interface DeadLetters {

        /** Dead letters older than this are deleted. */
        @WithDefault("7d")
        Duration retention();
    }

    /** Delivery of the gateways' webhook jobs (cluster mode). */
    interface Webhooks {

        /** Retries stop this long after the job was created; the job is then a dead letter. */
        @WithDefault("5m")
        Duration retryFor();

        /** First retry delay; doubles per attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest retry delay. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** Time limit of one webhook request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Webhook requests in flight at once. */
        @WithDefault("64")
        int maxInFlight();

        /** Delivered and cancelled jobs are kept this long (so a redelivered Kafka record is not sent twice). */
        @WithDefault("1h")
        Duration retention();
    }

    /** Kafka, in cluster mode. */
    interface Kafka {

        /** Bootstrap servers, {@code host:port[,host:port…]}; required in cluster mode. */
        Optional<String> bootstrapServers();

        /** Prefix of the topic names ({@code {prefix}push}, {@code {prefix}webhooks}). */
        @WithDefault("starling.")
        String topicPrefix();

        /** Partitions of the topics when push-service creates them. */
        @WithDefault("12")
        int partitions();

        /** Replication factor of the topics when push-service creates them; -1: the broker's default. */
        @WithDefault("-1")
        short replicationFactor();

        /** Time limit for an accepted publish to be acknowledged by Kafka before the API answers 503. */
        @WithDefault("10s")
        Duration sendTimeout();

        /** Extra Kafka client properties (security, SASL …), applied to the producer and the consumers. */
        @WithName("properties")
        Map<String, String> properties();
    }

    /** The admin API ({@code /admin/v1/…}): dead letters, listed and replayed. */
    interface Admin {

        /** Its bearer token; empty: the admin API answers 404. */
        Optional<String> token();
    }
}
