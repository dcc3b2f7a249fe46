package dev.starling.history.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of history-service, under {@code starling.history}. Environment variables override them the Quarkus
 * way ({@code STARLING_HISTORY_RETENTION_MAX_AGE=48h}). Unknown keys under {@code starling.history} fail the start.
 * PostgreSQL is configured with Quarkus' own {@code quarkus.datasource.*} keys (see docs/history.md).
 */
@ConfigMapping(prefix = "starling.history")
public interface HistoryConfig {

    /**
     * Bearer token the API requires ({@code Authorization: Bearer <token>}, compared in constant time). Empty or
     * unset: the API is open (keep it on a private network then).
     */
    Optional<String> apiToken();

    Kafka kafka();

    Api api();

    Write write();

    Retention retention();

    /** Per-app retention overrides: {@code starling.history.apps."<appId>".max-age} / {@code .max-messages}. */
    Map<String, AppRetention> apps();

    interface Kafka {

        /** Kafka bootstrap servers ({@code host:port,…}); required. */
        String bootstrapServers();

        /**
         * Prefix of the topic names, as the gateways' {@code starling.gateway.cluster.kafka.topic-prefix}: the
         * events topic is {@code <prefix>events}.
         */
        @WithDefault("starling.")
        String topicPrefix();

        /** The consumer group; its committed offsets say what has been written. */
        @WithDefault("history")
        String groupId();

        /** How often Kafka is probed for readiness and the write lag is measured. */
        @WithDefault("5s")
        Duration probeInterval();

        /** Longest wait for one Kafka admin request (topic id, offsets, cluster). */
        @WithDefault("5s")
        Duration requestTimeout();

        /** The events topic. */
        default String eventsTopic() {
            return topicPrefix() + "events";
        }
    }

    interface Api {

        /** Largest {@code limit} of one history query, and the limit of a query that gives none. */
        @WithDefault("1000")
        int maxPageSize();

        /** Longest a query waits for PostgreSQL before it is answered with 503. */
        @WithDefault("5s")
        Duration queryTimeout();
    }

    /**
     * Writing consumed batches. A batch that cannot be written (PostgreSQL down, timeout) is retried with
     * exponential backoff, for as long as it takes: it is never acknowledged, skipped or dropped.
     */
    interface Write {

        /** The first retry delay, doubled after each failure. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** The longest retry delay. */
        @WithDefault("10s")
        Duration maxBackoff();

        /** Longest one write attempt may take before it counts as failed and is retried. */
        @WithDefault("30s")
        Duration timeout();

        /** Rows per INSERT statement (a batch larger than this is written with several, in one transaction). */
        @WithDefault("500")
        int rowsPerStatement();
    }

    /**
     * Retention, enforced by a periodic job in bounded steps. A channel keeps at most {@code max-messages} rows per
     * stream and no row published more than {@code max-age} ago. Apps may override both.
     */
    interface Retention {

        /** Rows published longer ago than this are deleted; {@code 0} keeps rows of any age. */
        @WithDefault("24h")
        Duration maxAge();

        /** Most rows kept per channel (and stream), the newest; {@code 0} keeps any number. */
        @WithDefault("10000")
        int maxMessages();

        /** How often the retention job runs. */
        @WithDefault("1m")
        Duration interval();

        /** Rows deleted by one statement (one short transaction). */
        @WithDefault("1000")
        int deleteBatch();

        /** Most rows one run deletes; the rest waits for the next run, so one run never holds the database long. */
        @WithDefault("200000")
        int maxDeletesPerRun();

        /** Whether the job runs at all (tests trigger it themselves). */
        @WithDefault("true")
        boolean enabled();
    }

    interface AppRetention {

        /** This app's {@code retention.max-age}; unset: the default. */
        Optional<Duration> maxAge();

        /** This app's {@code retention.max-messages}; unset: the default. */
        OptionalInt maxMessages();
    }
}
