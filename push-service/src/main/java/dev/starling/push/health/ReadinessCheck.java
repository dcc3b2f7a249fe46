package dev.starling.push.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.starling.push.kafka.KafkaConsumers;
import io.vertx.mutiny.sqlclient.Pool;

/** Ready when PostgreSQL answers and, in cluster mode, both Kafka consumers are polling. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final Pool pool;
    private final KafkaConsumers kafka;

    public ReadinessCheck(Pool pool, KafkaConsumers kafka) {
        this.pool = pool;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        boolean database;
        try {
            database = pool.query("SELECT 1").execute().await().atMost(java.time.Duration.ofSeconds(3)) != null;
        } catch (RuntimeException e) {
            database = false;
        }
        boolean consumers = kafka.healthy();
        return HealthCheckResponse.named("push-service").status(database && consumers)
                .withData("database", database).withData("kafka-consumers", consumers).build();
    }
}
