package dev.starling.history.kafka;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.starling.history.config.HistoryConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * One Kafka admin client for the topic id, offsets and reachability. It takes the same client settings as the
 * consumer: the global {@code kafka.*} properties (security, SASL, TLS) and
 * {@code starling.history.kafka.bootstrap-servers}.
 */
@ApplicationScoped
public class KafkaAdmin {

    private final Admin admin;

    public KafkaAdmin(HistoryConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaDefaults) {
        Map<String, Object> properties = new HashMap<>(kafkaDefaults);
        properties.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "starling-history-admin");
        int timeout = (int) config.kafka().requestTimeout().toMillis();
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        this.admin = Admin.create(properties);
    }

    public Admin admin() {
        return admin;
    }

    @PreDestroy
    void close() {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
