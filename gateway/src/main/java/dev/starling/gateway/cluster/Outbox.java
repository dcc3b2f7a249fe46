package dev.starling.gateway.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Work handed to other services through the cluster (cluster mode: Kafka topics read by push-service). A send
 * completes once the record is durable (acknowledged by Kafka); records with the same key keep their order.
 */
public interface Outbox {

    /** The topics work is handed to. */
    enum Topic {
        /** Signed webhook jobs and their cancels, for push-service ({@code {prefix}webhooks}). */
        WEBHOOKS,
        /** Push publishes, for push-service ({@code {prefix}push}). */
        PUSH
    }

    CompletionStage<Void> send(Topic topic, String key, byte[] value);

    /** Single node: nothing to hand work to. */
    Outbox NONE = (topic, key, value) -> CompletableFuture.failedFuture(
            new ClusterUnavailableException("No cluster outbox on a single node", null));
}
