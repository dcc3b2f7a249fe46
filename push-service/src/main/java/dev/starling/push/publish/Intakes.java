package dev.starling.push.publish;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.DeliveryEngine;
import dev.starling.push.delivery.DeliveryStore;
import dev.starling.push.kafka.KafkaPublishLog;
import jakarta.enterprise.inject.Instance;

/** Picks the intake for {@code starling.push.mode}. */
@ApplicationScoped
public class Intakes {

    @Produces
    @ApplicationScoped
    PublishIntake intake(PushConfig config, DeliveryStore store, DeliveryEngine engine, Instance<KafkaPublishLog> kafka) {
        return config.mode() == PushConfig.Mode.CLUSTER ? kafka.get() : new StandaloneIntake(store, engine);
    }
}
