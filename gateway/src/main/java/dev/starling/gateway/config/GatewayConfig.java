package dev.starling.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the gateway, under {@code starling.gateway}. Environment variables override them the Quarkus way
 * ({@code STARLING_GATEWAY_LIMITS_MAX_FRAME_BYTES=…}). Unknown keys under {@code starling.gateway} fail the start.
 */
@ConfigMapping(prefix = "starling.gateway")
public interface GatewayConfig {

    /**
     * This node's identity in the cluster; empty means a random id chosen at start. Must be unique among live nodes.
     */
    Optional<String> nodeId();

    /**
     * Silence after which either side pings; announced to clients as {@code activity_timeout} (whole seconds).
     */
    @WithDefault("120s")
    Duration activityTimeout();

    /** How long the server waits for any frame after its ping before closing with 4201. */
    @WithDefault("30s")
    Duration pongTimeout();

    /** How often connections are checked for the activity, pong and authorized-connection deadlines. */
    @WithDefault("1s")
    Duration heartbeatCheckInterval();

    Limits limits();

    Apps apps();

    /** The app defined by configuration (the demo app of the quickstart unless overridden). */
    DefaultApp defaultApp();

    Cache cache();

    SubscriptionCount subscriptionCount();

    Webhooks webhooks();

    Cluster cluster();

    Drain drain();

    Log log();

    History history();

    /**
     * Channel history for protocol 2 (rewind, resume, the history API). On a single node the gateway keeps it in
     * memory; in cluster mode that memory is a hot buffer in front of history-service, which stores everything.
     * {@code messages}, {@code max-age}, {@code max-rewind} and {@code max-page} are the defaults of every app (apps
     * may set their own).
     */
    interface History {

        /** Messages kept per channel in memory. */
        @WithDefault("100")
        int messages();

        /** How long a message is kept in memory. */
        @WithDefault("10m")
        Duration maxAge();

        /** Largest {@code rewind.count}; larger requests are capped and reported as truncated. */
        @WithDefault("100")
        int maxRewind();

        /** Largest {@code limit} of {@code GET …/history}. */
        @WithDefault("1000")
        int maxPage();

        /**
         * Most messages a resume replays; a client further behind gets {@code resume_failed} ({@code position_expired})
         * and reads the rest from the history API.
         */
        @WithDefault("1000")
        int maxReplay();

        /** Memory for retained messages on this node, all channels together (UTF-8 bytes of their frames). */
        @WithDefault("67108864")
        long maxMemoryBytes();

        /**
         * How long a channel's position (its newest serial) is remembered after its last message left memory, so that
         * a client resuming from it is answered exactly; later it is told {@code position_expired}.
         */
        @WithDefault("1h")
        Duration idleChannelTtl();

        /** history-service's URL, e.g. {@code http://starling-history:7080} (cluster mode). */
        Optional<String> serviceUrl();

        /** Bearer token history-service requires ({@code starling.history.api-token}), if any. */
        Optional<String> serviceToken();

        /** Longest wait for one history-service answer. */
        @WithDefault("2s")
        Duration requestTimeout();

        /**
         * How long a resume waits for history-service (or this node's Kafka consumer) to catch up with a position
         * before it is answered with {@code resume_failed} ({@code unavailable}, or {@code position_invalid}).
         */
        @WithDefault("2s")
        Duration catchUpWait();
    }

    interface Log {

        /** {@code text} (human-readable lines) or {@code json} (one JSON object per line, for log collectors). */
        @WithDefault("text")
        Format format();

        enum Format {
            TEXT, JSON
        }
    }

    /**
     * Graceful drain on SIGTERM: readiness goes down and new sockets are refused, then, after {@code grace}, open
     * connections are closed with 4200 (clients reconnect at once, to another node) at {@code close-rate}, pending
     * webhooks and cluster messages are flushed, and the process exits — all within {@code timeout}.
     */
    interface Drain {

        /** The whole budget, from SIGTERM to exit; Kubernetes' terminationGracePeriodSeconds must exceed it. */
        @WithDefault("30s")
        Duration timeout();

        /** How long readiness is down before connections are closed, so load balancers stop sending new clients. */
        @WithDefault("5s")
        Duration grace();

        /** Connections closed per second, so reconnecting clients spread over the remaining nodes. */
        @WithDefault("1000")
        int closeRate();
    }

    /** Limits that apply to every app unless the app overrides them. */
    interface Limits {

        /** Largest text frame a client may send; larger frames get {@code pusher:error} and are dropped. */
        @WithDefault("32768")
        int maxFrameBytes();

        /** Largest event {@code data} (UTF-8 bytes) for HTTP publishes (413 above) and client events. */
        @WithDefault("10240")
        int maxEventDataBytes();

        /** Largest HTTP API request body; larger bodies get 413. */
        @WithDefault("1048576")
        int maxRequestBodyBytes();

        /** Channels one connection may be subscribed to at once. */
        @WithDefault("100")
        int maxChannelsPerConnection();

        /** Longest channel name (Pusher: 164). */
        @WithDefault("164")
        int maxChannelNameLength();

        /** Client events one connection may send per second; more get {@code pusher:error} 4301. */
        @WithDefault("10")
        int clientEventsPerSecond();

        /** Members (distinct users) per presence channel. */
        @WithDefault("100")
        int maxPresenceMembers();

        /** Largest presence {@code user_info} in UTF-8 bytes. */
        @WithDefault("1024")
        int maxPresenceUserInfoBytes();

        /** Longest presence user id. */
        @WithDefault("128")
        int maxPresenceUserIdLength();

        /** Channels one HTTP publish may target. */
        @WithDefault("100")
        int maxChannelsPerPublish();

        /** Events one {@code batch_events} call may carry. */
        @WithDefault("10")
        int maxBatchSize();

        /** User ids kept from a sign-in watchlist; more are dropped with {@code pusher:error} 4302. */
        @WithDefault("100")
        int maxWatchlistSize();

        /**
         * Bytes queued for one connection but not yet written to its socket. A connection whose queue would grow
         * beyond it is a slow consumer and is closed with 4100, so memory never grows with a client that stops
         * reading.
         */
        @WithDefault("1048576")
        int maxOutboundBytes();

        /**
         * The kernel send buffer of each WebSocket (SO_SNDBUF); 0 leaves the operating system's default (on Linux,
         * auto-tuned up to megabytes, which a client that stops reading fills before {@code max-outbound-bytes}
         * starts to count).
         */
        @WithDefault("65536")
        int socketSendBufferBytes();

        /**
         * How long a socket the server closes (4100, 4200, 4009 …) stays open after its close frame was queued, for
         * the client to read what was still waiting, then the close frame, and answer it. The TCP connection is cut
         * when the client answers or this runs out. A slow consumer has this long to read its backlog and see 4100.
         */
        @WithDefault("30s")
        Duration closeTimeout();

        /** Connections per app on this node; -1 is unlimited. Apps may set their own. */
        @WithDefault("-1")
        int maxConnectionsPerApp();

        /** Accepted clock skew of signed HTTP API requests ({@code auth_timestamp}). */
        @WithDefault("600s")
        Duration apiTimestampTolerance();

        /**
         * WebSocket connections this node holds at most, all apps together; more are refused with {@code pusher:error}
         * 4100 ("Over capacity", clients retry with backoff) and readiness goes down until a few percent are free
         * again. -1 derives it from the process's open-file limit minus {@code reserved-file-descriptors}, so the node
         * never runs out of file descriptors and keeps answering the HTTP API, health checks and metrics.
         */
        @WithDefault("-1")
        int maxConnections();

        /**
         * File descriptors kept free for everything that is not a client WebSocket (Kafka, webhooks, HTTP API and
         * management connections, jars, the event loops) when {@code max-connections} is derived; -1 means 10 % of
         * the open-file limit, at least 256.
         */
        @WithDefault("-1")
        int reservedFileDescriptors();

        /**
         * Channel messages accepted by this node's HTTP API or read from the cluster and not yet handed to every local
         * subscriber. Beyond it the HTTP API answers publishes with 503 (and {@code Retry-After}) instead of queueing
         * work the node cannot deliver in time.
         */
        @WithDefault("20000")
        int maxPendingMessages();

        /**
         * A channel message not yet delivered to a subscriber this long after its publish was accepted is dropped for
         * that subscriber and counted ({@code starling_deliveries_dropped_total{reason="stale"}}) rather than
         * delivered late. 0 disables the check.
         */
        @WithDefault("10s")
        Duration maxDeliveryDelay();
    }

    interface Apps {

        /**
         * A JSON file of apps ({@code {"apps":[…]}}, see the README). It is re-read when it changes; a broken file
         * is refused at start and, later, logged and ignored (the previous apps stay).
         */
        Optional<Path> file();

        /** How often the apps file is checked for changes. */
        @WithDefault("5s")
        Duration reloadInterval();
    }

    /** An app configured through properties or environment variables; it exists when {@code id} is set. */
    interface DefaultApp {

        /** App id used in HTTP API paths; empty means there is no configured app. */
        Optional<String> id();

        /** Public key clients connect with. */
        Optional<String> key();

        /** Secret that signs auth, HTTP API requests and webhooks. */
        Optional<String> secret();

        @WithDefault("true")
        boolean enabled();

        /** Whether clients may send {@code client-} events. */
        @WithDefault("false")
        boolean clientEvents();

        /** Whether connections must sign in or subscribe to a private/presence channel within the timeout. */
        @WithDefault("false")
        boolean authorizedConnections();

        @WithDefault("30s")
        Duration authorizedConnectionsTimeout();

        /** Whether signed-in users receive online/offline events for their watchlist. */
        @WithDefault("false")
        boolean watchlistEvents();

        /** Whether subscribers receive {@code pusher_internal:subscription_count} events. */
        @WithDefault("false")
        boolean subscriptionCountEvents();

        /** Overrides {@code limits.max-connections-per-app}. */
        OptionalInt maxConnections();

        /** Overrides {@code limits.client-events-per-second}. */
        OptionalInt clientEventsPerSecond();

        /** Overrides {@code limits.max-event-data-bytes}. */
        OptionalInt maxEventDataBytes();

        /** Overrides {@code limits.max-presence-members}. */
        OptionalInt maxPresenceMembers();

        /** Overrides {@code history.messages}, {@code history.max-age}, {@code history.max-rewind}, {@code history.max-page}. */
        AppHistory history();

        /** Channel publishes with {@code extras.push} also push to this Beams instance (see {@link AppPush}). */
        AppPush push();

        /** Origins allowed to open WebSockets (e.g. {@code https://example.com}, {@code *.example.com}); empty allows all. */
        Optional<List<String>> allowedOrigins();

        /** Webhook targets, e.g. {@code starling.gateway.default-app.webhooks[0].url}. */
        List<Webhook> webhooks();
    }

    /**
     * An app's push mapping: a publish with {@code extras.push} is sent to interest {@code interest-prefix + channel}
     * of every channel of the publish, on push-service instance {@code instance-id}. Off while the instance is unset.
     */
    interface AppPush {

        Optional<String> instanceId();

        /** The instance's secret key; needed on a single node (push-service's HTTP API), not in cluster mode. */
        Optional<String> secretKey();

        /** Prepended to the channel name to make the interest; none by default. */
        Optional<String> interestPrefix();
    }

    /** An app's own history limits; unset ones take the {@code starling.gateway.history.*} defaults. */
    interface AppHistory {

        OptionalInt messages();

        Optional<Duration> maxAge();

        OptionalInt maxRewind();

        OptionalInt maxPage();
    }

    interface Webhook {

        /** The http(s) URL webhooks are POSTed to. */
        String url();

        /** Event names sent to this URL; empty sends all. */
        Optional<List<String>> events();
    }

    interface Cache {

        /** How long a cache channel keeps its last event (Pusher: at most 30 minutes). */
        @WithDefault("30m")
        Duration ttl();
    }

    interface SubscriptionCount {

        /** Above this many subscribers, subscription_count events are throttled to one per interval. */
        @WithDefault("100")
        int throttleAbove();

        @WithDefault("5s")
        Duration throttleInterval();
    }

    interface Webhooks {

        /** Delay of {@code channel_vacated} and {@code member_removed}; cancelled if the channel/user comes back. */
        @WithDefault("3s")
        Duration debounce();

        /** How long a failing webhook is retried with exponential backoff before it is dropped. */
        @WithDefault("5m")
        Duration retryFor();

        /** First retry delay; doubled after each failure. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** Longest delay between two retries. */
        @WithDefault("60s")
        Duration maxBackoff();

        /** Timeout of one webhook request. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** Webhooks waiting for delivery (including retries) before new ones are dropped and counted. */
        @WithDefault("10000")
        int maxPending();

        /** Requests in flight at once, over all targets. */
        @WithDefault("64")
        int maxInFlight();

        /**
         * Who delivers webhooks. {@code gateway}: the node that reports a transition POSTs it (retries are lost if it
         * is killed). {@code push-service} (cluster mode only): the node writes a signed job to the Kafka
         * {@code webhooks} topic at once, and push-service delivers it durably (debounce, retries, restarts).
         */
        @WithDefault("gateway")
        Delivery delivery();

        enum Delivery {
            GATEWAY, PUSH_SERVICE
        }
    }

    Push push();

    /**
     * Channel publishes that also push (an app's {@code push} setting and {@code extras.push} on the publish). In
     * cluster mode they go to push-service through the Kafka {@code push} topic; on a single node through
     * push-service's HTTP API at {@code url}.
     */
    interface Push {

        /** push-service's URL for a single node, e.g. {@code http://localhost:7070}. */
        Optional<String> url();

        /** Longest wait for push-service to accept a push (single node). */
        @WithDefault("5s")
        Duration requestTimeout();

        /** Largest {@code extras.push} (UTF-8 bytes). */
        @WithDefault("16384")
        int maxBytes();
    }

    interface Cluster {

        /** How nodes are connected: {@code single-node} (one process, in-memory bus) or {@code kafka}. */
        @WithDefault("single-node")
        Mode mode();

        Kafka kafka();

        enum Mode {
            /** One gateway process; fan-out and presence stay in memory. */
            SINGLE_NODE,
            /** Any number of gateway processes sharing one Kafka cluster. */
            KAFKA
        }
    }

    /** The Kafka cluster bus ({@code cluster.mode=kafka}). */
    interface Kafka {

        /** Kafka bootstrap servers, e.g. {@code kafka-0:9092,kafka-1:9092}. Required in kafka mode. */
        Optional<String> bootstrapServers();

        /** Prefix of every topic name. */
        @WithDefault("starling.")
        String topicPrefix();

        /** Partitions of the events and state topics when Starling creates them. */
        @WithDefault("12")
        int partitions();

        /** Replication factor of topics Starling creates; -1 uses the broker's default. */
        @WithDefault("-1")
        short replicationFactor();

        /** How long events stay in the events topic (for consumers such as a history service). */
        @WithDefault("24h")
        Duration eventsRetention();

        /** How often this node announces that it is alive. */
        @WithDefault("5s")
        Duration heartbeatInterval();

        /**
         * A node not heard from for this long is dead: its presence members, subscriptions and signed-in users are
         * removed cluster-wide (with the usual events and webhooks).
         */
        @WithDefault("20s")
        Duration nodeLease();

        /** How long an HTTP publish waits for Kafka before it fails with 503. */
        @WithDefault("5s")
        Duration publishTimeout();

        /** Producer batching delay; small values keep latency low. */
        @WithDefault("1ms")
        Duration linger();

        /** Longest time the consumer waits for data in one fetch. */
        @WithDefault("5ms")
        Duration fetchMaxWait();

        /** Extra Kafka client properties (security, SASL, TLS …), e.g. {@code …kafka.properties."security.protocol"=SSL}. */
        Map<String, String> properties();
    }
}
