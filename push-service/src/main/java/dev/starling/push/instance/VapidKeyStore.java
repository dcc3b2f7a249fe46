package dev.starling.push.instance;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * An instance's VAPID key pair: the configured one, or else the one persisted in PostgreSQL, generated on first use.
 * Generation is race-free across replicas ({@code INSERT … ON CONFLICT DO NOTHING}, then read back), so every
 * replica signs with the key the browsers subscribed with.
 */
@ApplicationScoped
public class VapidKeyStore {

    private static final Logger LOG = Logger.getLogger(VapidKeyStore.class);

    private final Pool pool;
    private final Clock clock;

    public VapidKeyStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Called once per instance at start (blocking: the service cannot sign anything without it). */
    VapidKeyPair keysFor(String instanceId, Optional<String> publicKey, Optional<String> privateKey) {
        if (publicKey.isPresent() != privateKey.isPresent()) {
            throw new IllegalArgumentException("vapid-public-key and vapid-private-key must be set together");
        }
        if (publicKey.isPresent()) {
            VapidKeyPair configured = new VapidKeyPair(publicKey.get(), privateKey.get());
            configured.toKeyPair();
            return configured;
        }
        VapidKeyPair fresh = VapidKeyPair.generate();
        pool.preparedQuery("INSERT INTO push_vapid_key (instance_id, public_key, private_key, created_at) "
                        + "VALUES ($1, $2, $3, $4) ON CONFLICT (instance_id) DO NOTHING")
                .execute(Tuple.of(instanceId, fresh.publicKey(), fresh.privateKey(), OffsetDateTime.now(clock)))
                .await().indefinitely();
        Row row = pool.preparedQuery("SELECT public_key, private_key FROM push_vapid_key WHERE instance_id = $1")
                .execute(Tuple.of(instanceId)).await().indefinitely().iterator().next();
        VapidKeyPair stored = new VapidKeyPair(row.getString("public_key"), row.getString("private_key"));
        if (stored.equals(fresh)) {
            LOG.infof("Generated and stored the VAPID key pair of instance %s", instanceId);
        }
        stored.toKeyPair();
        return stored;
    }
}
