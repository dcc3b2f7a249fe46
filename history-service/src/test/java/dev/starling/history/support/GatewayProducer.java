package dev.starling.history.support;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

import dev.starling.protocol.cluster.ChannelMessage;
import dev.starling.protocol.cluster.ClusterCodec;
import dev.starling.protocol.frame.ServerFrames;

/**
 * Publishes channel messages to the events topic exactly as the gateway's {@code KafkaClusterBus} does: key
 * {@code appId + "\n" + channel}, partition {@code toPositive(murmur2(key)) % partitions}, value
 * {@code ClusterCodec.encode(ChannelMessage)} carrying {@code ServerFrames.channelEvent(…)}.
 */
public final class GatewayProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;

    public GatewayProducer(String servers, String topic, int partitions) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
        this.partitions = partitions;
    }

    public static GatewayProducer toSharedTopic() {
        return new GatewayProducer(Backends.shared().kafka().bootstrapServers(), Backends.EVENTS_TOPIC,
                Backends.PARTITIONS);
    }

    public static byte[] key(String appId, String channel) {
        return (appId + "\n" + channel).getBytes(StandardCharsets.UTF_8);
    }

    public int partitionOf(String appId, String channel) {
        return Utils.toPositive(Utils.murmur2(key(appId, channel))) % partitions;
    }

    /** Publishes an HTTP-API event and waits for Kafka's acknowledgement (its partition and offset). */
    public RecordMetadata publish(String appId, String channel, String event, String data, long publishedAtMs) {
        return send(appId, channel, new ChannelMessage(appId, channel,
                ServerFrames.channelEvent(event, channel, data, null), null, ChannelMessage.Source.API, "node-test",
                publishedAtMs));
    }

    /** Publishes a client event of {@code userId}. */
    public RecordMetadata publishClientEvent(String appId, String channel, String event, String data, String userId,
            long publishedAtMs) {
        return send(appId, channel, new ChannelMessage(appId, channel,
                ServerFrames.channelEvent(event, channel, data, userId), "1.1", ChannelMessage.Source.CLIENT,
                "node-test", publishedAtMs));
    }

    public RecordMetadata send(String appId, String channel, ChannelMessage message) {
        return sendRaw(appId, channel, ClusterCodec.encode(message));
    }

    /** Any bytes, with the key and partition of {@code (appId, channel)}. */
    public RecordMetadata sendRaw(String appId, String channel, byte[] value) {
        byte[] key = key(appId, channel);
        try {
            return producer.send(new ProducerRecord<>(topic, partitionOf(appId, channel), key, value))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
