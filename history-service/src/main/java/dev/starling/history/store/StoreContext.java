package dev.starling.history.store;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs database work on a fresh, safe Vert.x duplicated context. Hibernate Reactive binds a session to the Vert.x
 * context it is opened on and must run on an event loop; work that is retried after a backoff delay (resubscribed
 * on a timer thread) or started by the Kafka connector is moved back onto such a context here, one per attempt, so
 * attempts never share a session.
 */
@ApplicationScoped
public class StoreContext {

    private final Vertx vertx;

    public StoreContext(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code work} subscribed (and resubscribed on retry) on a new safe duplicated context of an event loop. */
    public <T> Uni<T> run(Supplier<? extends Uni<? extends T>> work) {
        return Uni.createFrom().<T>deferred(work::get).runSubscriptionOn(command -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> command.run());
        });
    }
}
