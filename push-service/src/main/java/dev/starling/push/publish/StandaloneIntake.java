package dev.starling.push.publish;

import java.util.List;

import dev.starling.protocol.push.PushPublish;
import dev.starling.push.delivery.DeliveryEngine;
import dev.starling.push.delivery.DeliveryStore;
import io.smallrye.mutiny.Uni;

/** Standalone mode: the publish row is committed, then the delivery engine is woken to expand it at once. */
public class StandaloneIntake implements PublishIntake {

    private final DeliveryStore store;
    private final DeliveryEngine engine;

    public StandaloneIntake(DeliveryStore store, DeliveryEngine engine) {
        this.store = store;
        this.engine = engine;
    }

    @Override
    public Uni<Void> accept(PushPublish publish) {
        return store.insertPublishes(List.of(publish)).invoke(engine::wake).replaceWithVoid();
    }
}
