package dev.starling.push.publish;

import dev.starling.protocol.push.PushPublish;
import io.smallrye.mutiny.Uni;

/**
 * Where an accepted publish goes before the API answers 200: the item completes only once the publish is durable
 * (a PostgreSQL row in standalone mode, a Kafka record acknowledged by all in-sync replicas in cluster mode). A
 * failure means it was not accepted and the API answers 503.
 */
public interface PublishIntake {

    Uni<Void> accept(PushPublish publish);
}
