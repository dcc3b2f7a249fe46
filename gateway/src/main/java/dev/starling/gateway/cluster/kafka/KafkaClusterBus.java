package dev.starling.gateway.cluster.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.cluster.ClusterListener;
import dev.starling.gateway.cluster.ClusterUnavailableException;
import dev.starling.gateway.cluster.Scopes;
import dev.starling.gateway.config.GatewayConfig;
import dev.starling.gateway.util.Striped;
import dev.starling.protocol.Parsed;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ClusterCodec;
import dev.starling.protocol.cluster.ControlMessage;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * The cluster bus over Kafka (see {@link KafkaTopics} for the topics).
 *
 * <p>How the guarantees of {@link ClusterBus} are met:
 * <ul>
 *   <li>One channel's messages are in one partition of the events topic, and its state updates in one partition of
 *       the state topic, so every node reads them in the same order. Each node reads every partition with its own
 *       consumer (no group, no commits): events and control from the end, state, nodes and cache from the beginning
 *       (that is how a node that starts later learns the current state before it reports ready).</li>
 *   <li>One poll thread hands each record to the stripe of its {@code (app, scope)}; {@link #execute} uses the same
 *       stripes, so per-channel work is serialized with per-channel deliveries on this node.</li>
 *   <li>Channel messages are published with a bounded wait ({@code publish-timeout}): an HTTP publish either gets
 *       Kafka's acknowledgement (it will reach every live node) or fails with {@link ClusterUnavailableException}.
 *       State updates are published by one thread through an idempotent producer that never gives up, so they reach
 *       Kafka in order even across an outage.</li>
 *   <li>Heartbeats every {@code heartbeat-interval}; a node not heard from for {@code node-lease} is reported with
 *       {@link ClusterListener#onNodeDown}, and so is a node that says goodbye.</li>
 * </ul>
 */
public final class KafkaClusterBus implements ClusterBus {

    private static final Logger LOG = Logger.getLogger(KafkaClusterBus.class);
    private static final int STRIPES = 256;
    /** The longest an HTTP publish may block its event loop in the Kafka producer. */
    private static final long PUBLISH_MAX_BLOCK_MS = 20;

    private final String nodeId;
    private final GatewayConfig.Kafka config;
    private final Duration cacheTtl;
    private final KafkaTopics topics;
    private final Striped stripes = new Striped(STRIPES);
    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final CountDownLatch bootstrapped = new CountDownLatch(1);
    private final Map<TopicPartition, Long> bootstrapEnds = new HashMap<>();

    private final java.util.concurrent.ExecutorService stateSender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "starling-kafka-state");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastOwnHeartbeatSeen = System.currentTimeMillis();
    /** Highest offset of this node's own state records, acknowledged, per state partition. */
    private final Map<Integer, Long> statePublished = new ConcurrentHashMap<>();
    /** Highest offset read from each state partition. */
    private final Map<Integer, Long> stateRead = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger stateInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ClusterListener listener;
    private volatile boolean running;
    private volatile boolean available;
    private volatile long recoveredAtMillis;
    private volatile boolean ready;
    private KafkaProducer<byte[], byte[]> publisher;
    private KafkaProducer<byte[], byte[]> statePublisher;
    private KafkaConsumer<byte[], byte[]> consumer;
    private Thread pollThread;
    private ScheduledExecutorService timers;
    private int eventPartitions;
    /** Stream id of each events partition: the topic's id and the partition (a recreated topic is a new stream). */
    private String[] streamIds;
    /** Offset before the first record of each events partition this node reads (it reads from the end at start). */
    private long[] startOffsets;
    /** Highest offset of each events partition handed to the listener. */
    private java.util.concurrent.atomic.AtomicLongArray lastDispatched;
    private int statePartitions;
    private int cachePartitions;

    private final Timer publishLatency;
    private volatile long consumerLag;

    public KafkaClusterBus(String nodeId, GatewayConfig.Kafka config, Duration cacheTtl) {
        this(nodeId, config, cacheTtl, new SimpleMeterRegistry());
    }

    public KafkaClusterBus(String nodeId, GatewayConfig.Kafka config, Duration cacheTtl, MeterRegistry registry) {
        this.publishLatency = Timer.builder("starling.kafka.publish")
                .description("Time for Kafka to acknowledge a published event")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder("starling.kafka.consumer.lag", this, bus -> bus.consumerLag)
                .description("Records of the events topic this node has yet to read (sum over partitions)")
                .register(registry);
        this.nodeId = nodeId;
        this.config = config;
        this.cacheTtl = cacheTtl;
        this.topics = new KafkaTopics(config.topicPrefix());
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public void start(ClusterListener listener) {
        this.listener = listener;
        String servers = config.bootstrapServers().orElseThrow(() -> new IllegalStateException(
                "starling.gateway.cluster.kafka.bootstrap-servers is required when starling.gateway.cluster.mode=kafka"));
        Duration setupTimeout = Duration.ofSeconds(30);
        try (Admin admin = Admin.create(clientProperties(servers, Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) setupTimeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) setupTimeout.toMillis())))) {
            topics.ensure(admin, config, cacheTtl, setupTimeout);
        }
        // send() runs on the HTTP event loop: it may wait for buffer space at most PUBLISH_MAX_BLOCK (a full buffer
        // then fails the publish with 503 at once instead of stalling the loop); the metadata it would otherwise
        // wait for is fetched below, before the node takes traffic.
        publisher = new KafkaProducer<>(clientProperties(servers, producerProperties(
                (int) config.publishTimeout().toMillis(), PUBLISH_MAX_BLOCK_MS)), new ByteArraySerializer(),
                new ByteArraySerializer());
        statePublisher = new KafkaProducer<>(clientProperties(servers, producerProperties(Integer.MAX_VALUE,
                Long.MAX_VALUE)), new ByteArraySerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(clientProperties(servers, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.fetchMaxWait().toMillis(),
                ConsumerConfig.CLIENT_ID_CONFIG, "starling-" + nodeId)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assignPartitions();
        resolveStreams(servers, setupTimeout);
        topics.all().forEach(this::warmMetadata); // sends never wait for metadata
        statePublisher.partitionsFor(topics.state);
        running = true;
        available = true;
        pollThread = new Thread(this::pollLoop, "starling-kafka-poll");
        pollThread.setDaemon(true);
        pollThread.start();
        timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "starling-kafka-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.heartbeatInterval().toMillis();
        timers.scheduleAtFixedRate(this::heartbeat, 0, interval, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(this::checkLiveness, interval, Math.max(250, interval / 2), TimeUnit.MILLISECONDS);
        try {
            if (!bootstrapped.await(60, TimeUnit.SECONDS)) {
                LOG.warn("Cluster state not fully read within 60 s; continuing and reporting not ready until it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("Joined the Kafka cluster at %s as %s (%d known nodes)", servers, nodeId, liveNodes().size());
    }

    private void warmMetadata(String topic) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                publisher.partitionsFor(topic);
                return;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("No metadata for Kafka topic " + topic + " within 30 s", e);
                }
            }
        }
    }

    private void resolveStreams(String servers, Duration timeout) {
        String topicId;
        try (Admin admin = Admin.create(clientProperties(servers, Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())))) {
            topicId = admin.describeTopics(List.of(topics.events)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topics.events).topicId().toString();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the id of Kafka topic " + topics.events + ": " + e, e);
        }
        streamIds = new String[eventPartitions];
        startOffsets = new long[eventPartitions];
        lastDispatched = new java.util.concurrent.atomic.AtomicLongArray(eventPartitions);
        for (int i = 0; i < eventPartitions; i++) {
            streamIds[i] = dev.starling.protocol.history.StreamIds.kafka(topicId, i);
            startOffsets[i] = consumer.position(new TopicPartition(topics.events, i)) - 1;
            lastDispatched.set(i, startOffsets[i]);
        }
    }

    private int eventPartition(String appId, String channel) {
        return partition(channelKey(appId, channel), eventPartitions);
    }

    @Override
    public String streamId(String appId, String channel) {
        return streamIds[eventPartition(appId, channel)];
    }

    @Override
    public long coverageStart(String appId, String channel) {
        return startOffsets[eventPartition(appId, channel)];
    }

    @Override
    public long position(String appId, String channel) {
        return lastDispatched.get(eventPartition(appId, channel));
    }

    private void assignPartitions() {
        List<TopicPartition> fromEnd = new ArrayList<>();
        List<TopicPartition> fromStart = new ArrayList<>();
        eventPartitions = partitions(topics.events, fromEnd);
        partitions(topics.control, fromEnd);
        statePartitions = partitions(topics.state, fromStart);
        partitions(topics.nodes, fromStart);
        cachePartitions = partitions(topics.cache, fromStart);
        List<TopicPartition> all = new ArrayList<>(fromEnd);
        all.addAll(fromStart);
        consumer.assign(all);
        consumer.seekToEnd(fromEnd);
        fromEnd.forEach(consumer::position); // resolve "end" now: everything published from here on is seen
        consumer.seekToBeginning(fromStart);
        consumer.endOffsets(fromStart).forEach((partition, end) -> {
            if (end > 0) {
                bootstrapEnds.put(partition, end);
            }
        });
        if (bootstrapEnds.isEmpty()) {
            markReady();
            consumer.pause(cachePartitions());
        }
    }

    private List<TopicPartition> cachePartitions() {
        List<TopicPartition> cache = new ArrayList<>();
        for (int i = 0; i < cachePartitions; i++) {
            cache.add(new TopicPartition(topics.cache, i));
        }
        return cache;
    }

    private int partitions(String topic, List<TopicPartition> into) {
        int count = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
        for (int i = 0; i < count; i++) {
            into.add(new TopicPartition(topic, i));
        }
        return count;
    }

    private void pollLoop() {
        while (running) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(Duration.ofMillis(200));
            } catch (WakeupException e) {
                break;
            } catch (RuntimeException e) {
                if (!pollFailing) {
                    LOG.warnf("Kafka poll failed, retrying until it works: %s", e.toString());
                    pollFailing = true;
                }
                continue;
            }
            if (pollFailing) {
                LOG.info("Kafka poll works again");
                pollFailing = false;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    dispatch(record);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Cannot handle record %s-%d@%d", record.topic(), record.partition(), record.offset());
                }
            }
            if (!ready) {
                checkBootstrapped();
            }
            backpressure();
            measureLag();
        }
    }

    private long lastLagCheck;
    private boolean eventsPaused;
    private boolean pollFailing;

    /**
     * Stops reading the events topic while the listener is overloaded and starts again when it is not: the backlog
     * stays in Kafka instead of growing in memory. Poll thread only.
     */
    private void backpressure() {
        boolean overloaded = !listener.acceptsMore();
        if (overloaded == eventsPaused) {
            return;
        }
        List<TopicPartition> events = new ArrayList<>(eventPartitions);
        for (int i = 0; i < eventPartitions; i++) {
            events.add(new TopicPartition(topics.events, i));
        }
        if (overloaded) {
            consumer.pause(events);
            LOG.warn("Delivery backlog full: reading of the events topic paused until it drains");
        } else {
            consumer.resume(events);
            LOG.info("Delivery backlog drained: reading of the events topic resumed");
        }
        eventsPaused = overloaded;
    }

    /** Sums what is left to read of the events topic, from what the consumer already knows (no broker call). */
    private void measureLag() {
        long now = System.currentTimeMillis();
        if (now - lastLagCheck < 1000) {
            return;
        }
        lastLagCheck = now;
        long lag = 0;
        for (int i = 0; i < eventPartitions; i++) {
            lag += consumer.currentLag(new TopicPartition(topics.events, i)).orElse(0);
        }
        consumerLag = lag;
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.events)) {
            Parsed<ChannelMessage> message = ClusterCodec.decodeChannelMessage(record.value());
            if (message.isOk()) {
                ChannelMessage m = message.value();
                long offset = record.offset();
                int partition = record.partition();
                lastDispatched.accumulateAndGet(partition, offset, Math::max);
                listener.onMessageQueued(m);
                stripes.execute(m.appId(), m.channel(), () -> listener.onMessage(m, streamIds[partition], offset));
            } else {
                LOG.warnf("Skipping unreadable event %d@%d: %s", record.partition(), record.offset(), message.reason());
            }
        } else if (topic.equals(topics.state)) {
            stateRead.merge(record.partition(), record.offset(), Math::max);
            Parsed<StateUpdate> update = StateRecords.decode(record.key(), record.value(), record.headers());
            String origin = StateRecords.header(record.headers(), StateRecords.ORIGIN);
            if (update.isOk() && origin != null) {
                StateUpdate u = update.value();
                stripes.execute(u.appId(), Scopes.of(u), () -> listener.onState(u, origin));
            } else {
                LOG.warnf("Skipping unreadable state record %d@%d: %s", record.partition(), record.offset(),
                        update.reason());
            }
        } else if (topic.equals(topics.control)) {
            Parsed<ControlMessage> message = ClusterCodec.decodeControlMessage(record.value());
            if (message.isOk()) {
                listener.onControl(message.value());
            }
        } else if (topic.equals(topics.nodes)) {
            String node = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (node == null) {
                return;
            }
            if (node.equals(nodeId)) {
                lastOwnHeartbeatSeen = System.currentTimeMillis();
                return;
            }
            if (record.value() == null) {
                if (lastSeen.remove(node) != null) {
                    LOG.infof("Node %s left the cluster", node);
                }
                listener.onNodeDown(node);
            } else if (lastSeen.put(node, System.currentTimeMillis()) == null) {
                LOG.infof("Node %s is in the cluster", node);
            }
        } else if (topic.equals(topics.cache) && !ready) {
            Parsed<ChannelMessage> message = ClusterCodec.decodeChannelMessage(record.value());
            if (message.isOk()) {
                ChannelMessage m = message.value();
                stripes.execute(m.appId(), m.channel(), () -> listener.onCacheRestored(m));
            }
        }
    }

    private void checkBootstrapped() {
        for (Map.Entry<TopicPartition, Long> end : bootstrapEnds.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return;
            }
        }
        markReady();
        consumer.pause(cachePartitions()); // later cache entries arrive through the events topic
    }

    private void markReady() {
        ready = true;
        bootstrapped.countDown();
    }

    @Override
    public CompletionStage<Void> publish(ChannelMessage message) {
        if (!isAvailable()) {
            return CompletableFuture.failedFuture(new ClusterUnavailableException("Kafka is unreachable", null));
        }
        byte[] key = channelKey(message.appId(), message.channel());
        byte[] value = ClusterCodec.encode(message);
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        long started = System.nanoTime();
        try {
            publisher.send(new ProducerRecord<>(topics.events, partition(key, eventPartitions), key, value),
                    (metadata, error) -> {
                        if (error == null) {
                            publishLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            accepted.complete(null);
                        } else if (error instanceof org.apache.kafka.clients.producer.BufferExhaustedException) {
                            // Kafka is there but this node produces faster than it accepts: refuse this publish.
                            accepted.completeExceptionally(new ClusterUnavailableException(
                                    "The Kafka producer's buffer is full: " + error.getMessage(), error));
                        } else {
                            unavailable(error);
                            accepted.completeExceptionally(new ClusterUnavailableException(
                                    "Kafka did not acknowledge the event: " + error.getMessage(), error));
                        }
                    });
            if (message.source() == ChannelMessage.Source.API && ChannelType.of(message.channel()).isCache()) {
                publisher.send(new ProducerRecord<>(topics.cache, partition(key, cachePartitions), key, value));
            }
        } catch (RuntimeException e) {
            unavailable(e);
            accepted.completeExceptionally(new ClusterUnavailableException("Kafka refused the event: " + e, e));
        }
        return accepted;
    }

    @Override
    public CompletionStage<Void> publish(StateUpdate update) {
        if (!running) {
            return CompletableFuture.failedFuture(new ClusterUnavailableException("The Kafka bus is not running", null));
        }
        byte[] key = StateRecords.key(update);
        byte[] scope = channelKey(update.appId(), Scopes.of(update));
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.state, partition(scope, statePartitions),
                null, key, StateRecords.value(update), StateRecords.headers(update, nodeId));
        // One thread sends every state update: the order of updates is kept, and a send that has to wait (Kafka
        // unreachable, buffer full) never blocks a connection's event loop.
        stateInFlight.incrementAndGet();
        accepted.whenComplete((ok, error) -> stateInFlight.decrementAndGet());
        stateSender.execute(() -> {
            try {
                statePublisher.send(record, (metadata, error) -> {
                    if (error == null) {
                        statePublished.merge(metadata.partition(), metadata.offset(), Math::max);
                        accepted.complete(null);
                    } else {
                        LOG.errorf("State update lost: %s (%s)", update, error.toString());
                        accepted.completeExceptionally(error);
                    }
                });
            } catch (RuntimeException e) {
                LOG.errorf("State update not sent: %s (%s)", update, e.toString());
                accepted.completeExceptionally(e);
            }
        });
        return accepted;
    }

    @Override
    public CompletionStage<Void> publish(ControlMessage message) {
        if (!isAvailable()) {
            return CompletableFuture.failedFuture(new ClusterUnavailableException("Kafka is unreachable", null));
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        String appId = switch (message) {
            case ControlMessage.TerminateUserConnections m -> m.appId();
        };
        try {
            publisher.send(new ProducerRecord<>(topics.control, appId.getBytes(StandardCharsets.UTF_8),
                    ClusterCodec.encode(message)), (metadata, error) -> {
                        if (error == null) {
                            accepted.complete(null);
                        } else {
                            unavailable(error);
                            accepted.completeExceptionally(new ClusterUnavailableException(error.getMessage(), error));
                        }
                    });
        } catch (RuntimeException e) {
            unavailable(e);
            accepted.completeExceptionally(new ClusterUnavailableException(e.toString(), e));
        }
        return accepted;
    }

    @Override
    public CompletionStage<Void> applied() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            // Wait for this node's state records to be acknowledged, then to be read back, then for their tasks.
            while (running && stateInFlight.get() > 0) {
                pause();
            }
            Map<Integer, Long> targets = Map.copyOf(statePublished);
            while (running && targets.entrySet().stream()
                    .anyMatch(t -> stateRead.getOrDefault(t.getKey(), -1L) < t.getValue())) {
                pause();
            }
            stripes.drained().whenComplete((ok, error) -> done.complete(null));
        }, "starling-kafka-applied");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void execute(String appId, String channel, Runnable task) {
        stripes.execute(appId, channel, task);
    }

    @Override
    public boolean isAvailable() {
        return running && available;
    }

    @Override
    public long recoveredAtMillis() {
        return recoveredAtMillis;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public java.util.SortedSet<String> liveNodes() {
        TreeSet<String> nodes = new TreeSet<>(lastSeen.keySet());
        nodes.add(nodeId);
        return nodes;
    }

    private void heartbeat() {
        try {
            publisher.send(new ProducerRecord<>(topics.nodes, nodeId.getBytes(StandardCharsets.UTF_8),
                    Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                        if (error == null) {
                            if (!available) {
                                LOG.info("Kafka is reachable again: publishing resumes");
                                recoveredAtMillis = System.currentTimeMillis();
                            }
                            available = true;
                        } else {
                            unavailable(error);
                        }
                    });
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    private void unavailable(Throwable error) {
        if (available) {
            LOG.warnf("Kafka is unreachable, publishes fail with 503 until it is back: %s", error.toString());
        }
        available = false;
    }

    private void checkLiveness() {
        long now = System.currentTimeMillis();
        if (!available || now - lastOwnHeartbeatSeen > config.nodeLease().toMillis() / 2) {
            // This node is cut off (it cannot publish, or does not read its own heartbeats back): it cannot tell a
            // dead node from its own outage, so it judges nobody and gives everyone a fresh lease.
            lastSeen.replaceAll((node, seen) -> now);
            return;
        }
        long deadline = now - config.nodeLease().toMillis();
        for (Map.Entry<String, Long> node : lastSeen.entrySet()) {
            if (node.getValue() < deadline && lastSeen.remove(node.getKey(), node.getValue())) {
                LOG.warnf("Node %s missed its lease of %s: removing its members and subscriptions", node.getKey(),
                        config.nodeLease());
                try {
                    listener.onNodeDown(node.getKey());
                } catch (RuntimeException e) {
                    LOG.error("Cleanup of a dead node failed", e);
                }
            }
        }
    }

    @Override
    public void stop() {
        if (!running) {
            if (consumer != null && pollThread != null && pollThread.isAlive()) {
                consumer.wakeup();
            }
            return;
        }
        running = false;
        if (timers != null) {
            timers.shutdownNow();
        }
        stateSender.shutdown();
        try {
            stateSender.awaitTermination(5, TimeUnit.SECONDS);
            statePublisher.flush();
            publisher.send(new ProducerRecord<>(topics.nodes, nodeId.getBytes(StandardCharsets.UTF_8), null));
            publisher.flush();
        } catch (RuntimeException e) {
            LOG.warnf("Could not say goodbye to the cluster: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.wakeup();
        try {
            pollThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(2));
        publisher.close(Duration.ofSeconds(5));
        statePublisher.close(Duration.ofSeconds(5));
        LOG.infof("Node %s left the Kafka cluster", nodeId);
    }

    /** Stops like a killed process: no flush, no goodbye (tests of lease expiry). */
    void crashForTest() {
        running = false;
        timers.shutdownNow();
        stateSender.shutdownNow();
        consumer.wakeup();
        publisher.close(Duration.ZERO);
        statePublisher.close(Duration.ZERO);
    }

    static byte[] channelKey(String appId, String channel) {
        return (appId + "\n" + channel).getBytes(StandardCharsets.UTF_8);
    }

    static int partition(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    private Properties clientProperties(String servers, Map<String, Object> specific) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.putAll(specific);
        properties.putAll(config.properties());
        return properties;
    }

    private Map<String, Object> producerProperties(int deliveryTimeoutMs, long maxBlockMs) {
        int requestTimeout = Math.min(30_000, Math.max(1000, deliveryTimeoutMs - (int) config.linger().toMillis() - 1));
        return Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeout,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlockMs,
                ProducerConfig.CLIENT_ID_CONFIG, "starling-" + nodeId + (deliveryTimeoutMs == Integer.MAX_VALUE ? "-state" : ""));
    }
}
