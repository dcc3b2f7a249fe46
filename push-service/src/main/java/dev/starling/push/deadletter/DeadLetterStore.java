package dev.starling.push.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The push dead letters: listed newest last by id, replayed (a fresh delivery to the same device, due now, with a
 * fresh {@code max-age}; the dead letter is removed in the same transaction) or deleted. A dead letter whose device
 * no longer exists cannot be replayed and stays until deleted or expired.
 */
@ApplicationScoped
public class DeadLetterStore {

    public enum ReplayResult {
        REPLAYED, NOT_FOUND, DEVICE_GONE
    }

    private final Pool pool;
    private final Clock clock;

    public DeadLetterStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Up to {@code limit} dead letters of the instance with an id above {@code after}. */
    public Uni<List<DeadLetter>> list(String instanceId, long after, int limit) {
        return pool.preparedQuery("SELECT id, publish_id, instance_id, device_id, platform, attempts, reason,"
                        + " accepted_at, dead_at FROM push_dead_letter WHERE instance_id = $1 AND id > $2"
                        + " ORDER BY id LIMIT $3")
                .execute(Tuple.of(instanceId, after, limit)).map(rows -> {
                    List<DeadLetter> letters = new ArrayList<>();
                    for (Row row : rows) {
                        letters.add(new DeadLetter(row.getLong("id"), row.getString("publish_id"),
                                row.getString("instance_id"), row.getString("device_id"), row.getString("platform"),
                                row.getInteger("attempts"), row.getString("reason"),
                                row.getOffsetDateTime("accepted_at").toInstant(),
                                row.getOffsetDateTime("dead_at").toInstant()));
                    }
                    return letters;
                });
    }

    public Uni<ReplayResult> replay(String instanceId, long id) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM push_dead_letter WHERE id = $1"
                        + " AND instance_id = $2 RETURNING publish_id, device_id, platform, request")
                .execute(Tuple.of(id, instanceId)).flatMap(deleted -> {
                    if (deleted.rowCount() == 0) {
                        return Uni.createFrom().item(ReplayResult.NOT_FOUND);
                    }
                    Row letter = deleted.iterator().next();
                    return tx.preparedQuery("SELECT 1 FROM push_device WHERE id = $1").execute(
                            Tuple.of(letter.getString("device_id"))).flatMap(device -> {
                                if (device.rowCount() == 0) {
                                    // Roll back: keep the dead letter.
                                    return Uni.createFrom().failure(new DeviceGone());
                                }
                                return tx.preparedQuery("INSERT INTO push_publish (publish_id, instance_id, users,"
                                                + " request, accepted_at, expanded, expanded_at)"
                                                + " VALUES ($1, $2, '{}', $3, $4, true, $4)"
                                                + " ON CONFLICT (publish_id) DO UPDATE SET expanded_at = $4")
                                        .execute(Tuple.of(letter.getString("publish_id"), instanceId,
                                                letter.getString("request"), now))
                                        .flatMap(ignored -> tx.preparedQuery("INSERT INTO push_delivery (publish_id,"
                                                        + " device_id, instance_id, platform, accepted_at,"
                                                        + " next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)"
                                                        + " ON CONFLICT (publish_id, device_id) DO UPDATE SET"
                                                        + " next_attempt_at = $5, accepted_at = $5, attempts = 0,"
                                                        + " lease_until = NULL")
                                                .execute(Tuple.of(letter.getString("publish_id"),
                                                        letter.getString("device_id"), instanceId,
                                                        letter.getString("platform"), now)))
                                        .replaceWith(ReplayResult.REPLAYED);
                            });
                })).onFailure(DeviceGone.class).recoverWithItem(ReplayResult.DEVICE_GONE);
    }

    public Uni<Boolean> delete(String instanceId, long id) {
        return pool.preparedQuery("DELETE FROM push_dead_letter WHERE id = $1 AND instance_id = $2")
                .execute(Tuple.of(id, instanceId)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> deleteOlderThan(Duration retention) {
        return pool.preparedQuery("DELETE FROM push_dead_letter WHERE dead_at < $1")
                .execute(Tuple.of(OffsetDateTime.now(clock).minus(retention))).map(RowSet::rowCount);
    }

    private static final class DeviceGone extends RuntimeException {
        DeviceGone() {
            super("device gone", null, false, false);
        }
    }
}
