package dev.starling.history.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.starling.history.kafka.KafkaProbe;

/**
 * Ready only while Kafka answers (from the periodic probe; a readiness call never waits for Kafka). PostgreSQL's
 * readiness is the reactive datasource's own check, part of the same {@code /q/health/ready}.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final KafkaProbe probe;

    public KafkaReadiness(KafkaProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = probe.reachable();
        var response = HealthCheckResponse.named("Kafka").status(up);
        if (!up) {
            response.withData("error", String.valueOf(probe.lastError()));
        }
        return response.build();
    }
}
