package dev.starling.gateway.cluster.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.starling.gateway.config.GatewayConfig;

/**
 * The topics of the cluster and their settings. Missing topics are created at start; existing ones are used as they
 * are (their partition counts are read, not changed).
 *
 * <ul>
 *   <li>{@code events}: every channel message, keyed by {@code (app, channel)} so one channel lives in one partition
 *       (one order on every node, and the offset is a per-channel position). Time-based retention.</li>
 *   <li>{@code state}: presence members per socket, subscription counts per node, signed-in sockets; compacted with
 *       one key per entry and tombstones for removals, so a node that starts reads the current state.</li>
 *   <li>{@code nodes}: heartbeats, one compacted key per node; a tombstone says goodbye.</li>
 *   <li>{@code control}: cluster commands (terminate a user's connections). Short retention.</li>
 *   <li>{@code cache}: the last HTTP event of each cache channel, compacted and expiring with the cache TTL, read by
 *       nodes that start later.</li>
 *   <li>{@code webhooks} and {@code push}: work for push-service (signed webhook jobs keyed by {@code (app, channel)};
 *       push publishes keyed by instance), kept 7 days.</li>
 * </ul>
 */
public final class KafkaTopics {

    private static final Logger LOG = Logger.getLogger(KafkaTopics.class);

    final String events;
    final String state;
    final String nodes;
    final String control;
    final String cache;
    final String webhooks;
    final String push;

    KafkaTopics(String prefix) {
        this.events = prefix + "events";
        this.state = prefix + "state";
        this.nodes = prefix + "nodes";
        this.control = prefix + "control";
        this.cache = prefix + "cache";
        this.webhooks = prefix + dev.starling.protocol.webhook.WebhookJobCodec.TOPIC_SUFFIX;
        this.push = prefix + dev.starling.protocol.push.PushPublishCodec.TOPIC_SUFFIX;
    }

    List<String> all() {
        return List.of(events, state, nodes, control, cache, webhooks, push);
    }

    /** Creates the missing topics; fails with a clear message when Kafka cannot be reached. */
    void ensure(Admin admin, GatewayConfig.Kafka config, Duration cacheTtl, Duration timeout) {
        Optional<Integer> partitions = Optional.of(config.partitions());
        Optional<Short> replication = config.replicationFactor() < 0 ? Optional.empty()
                : Optional.of(config.replicationFactor());
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(new NewTopic(events, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.eventsRetention().toMillis()))));
        wanted.add(new NewTopic(state, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
                TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0",
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))));
        wanted.add(new NewTopic(nodes, Optional.of(1), replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))));
        wanted.add(new NewTopic(control, Optional.of(1), replication).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()))));
        wanted.add(new NewTopic(cache, partitions, replication).configs(Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(cacheTtl.toMillis()))));
        // Work for push-service: kept a week, so that push-service can be down that long without losing any of it.
        Map<String, String> handOver = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()));
        wanted.add(new NewTopic(webhooks, partitions, replication).configs(handOver));
        wanted.add(new NewTopic(push, partitions, replication).configs(handOver));
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created Kafka topics %s", missing.stream().map(NewTopic::name).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e; // another node creating them at the same time is fine
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot reach Kafka at " + config.bootstrapServers().orElse("?")
                    + " to set up topics " + all() + ": " + e, e);
        }
    }
}
