package dev.starling.gateway.channel;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.gateway.cluster.ClusterBus;
import dev.starling.gateway.util.Striped;
import dev.starling.protocol.cluster.StateUpdate;

/**
 * Publishes this node's subscriber count of a non-presence channel after it changed. The count is read when the
 * update is published, and updates of one channel are published one at a time, so the last published count is
 * always the current one and counts never reach the cluster out of order.
 */
@ApplicationScoped
public class CountPublisher {

    private final LocalSubscriptions local;
    private final ClusterBus bus;
    private final SubscriptionCountNotifier notifier;
    private final Striped stripes = new Striped(64);
    private final AtomicLong sequence = new AtomicLong();

    public CountPublisher(LocalSubscriptions local, ClusterBus bus, SubscriptionCountNotifier notifier) {
        this.local = local;
        this.bus = bus;
        this.notifier = notifier;
    }

    /**
     * A subscriber was indexed on this node: it is owed the next count event ({@link SubscriptionCountNotifier}),
     * and this node's count changed. Called on the channel's delivery stripe.
     */
    public void subscribed(String appId, String channel) {
        notifier.subscribed(appId, channel);
        changed(appId, channel);
    }

    public void changed(String appId, String channel) {
        stripes.execute(appId, channel, () -> bus.publish(new StateUpdate.SubscriptionCount(appId, channel, bus.nodeId(),
                local.count(appId, channel), sequence.incrementAndGet())));
    }
}
