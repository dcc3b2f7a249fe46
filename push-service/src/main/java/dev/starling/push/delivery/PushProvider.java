package dev.starling.push.delivery;

import dev.starling.push.device.Platform;
import dev.starling.push.instance.Instance;
import io.smallrye.mutiny.Uni;

/**
 * One push service (Web Push, FCM, APNs): sends one delivery and classifies the answer. Implementations never
 * block the calling thread, bound their own request time, and answer every failure with an {@link Outcome} rather
 * than a failed {@link Uni} (a failed Uni is treated as a retryable error).
 */
public interface PushProvider {

    Platform platform();

    /** Whether {@code instance} has credentials for this provider. */
    boolean configured(Instance instance);

    /** Requests in flight at once per instance. */
    int maxInFlight();

    Uni<Outcome> send(Instance instance, Task task);
}
