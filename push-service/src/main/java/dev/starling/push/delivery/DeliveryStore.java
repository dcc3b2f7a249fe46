package dev.starling.push.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.protocol.push.PushPublish;
import dev.starling.push.device.Platform;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable delivery queue in PostgreSQL (plain SQL on the reactive pool: it needs {@code FOR UPDATE SKIP LOCKED}
 * and set-based inserts).
 *
 * <p>How a publish moves: {@link #insertPublishes} stores it (idempotent on the publish id, so a Kafka record read
 * twice is one publish); {@link #expand} turns pending publishes into one delivery row per target device and marks
 * them expanded, in one transaction; {@link #claim} leases due deliveries of one (instance, provider) lane to this
 * process; each then ends in exactly one of {@link #delivered}, {@link #retryLater}, {@link #prune} or
 * {@link #deadLetter}. A process that dies holding a lease loses it when the lease runs out, and the delivery is
 * claimed again: delivery is at least once.
 */
@ApplicationScoped
public class DeliveryStore {

    /** A publish that {@link #expand} turned into deliveries. */
    public record Expanded(String publishId, String instanceId, int deliveries) {
    }

    private final Pool pool;
    private final Clock clock;

    public DeliveryStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Stores publishes not seen before; answers how many were new. */
    public Uni<Integer> insertPublishes(List<PushPublish> publishes) {
        if (publishes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> rows = new ArrayList<>(publishes.size());
        for (PushPublish p : publishes) {
            rows.add(Tuple.of(p.publishId(), p.instanceId(),
                    p.interests() == null ? null : p.interests().toArray(String[]::new),
                    p.users() == null ? null : p.users().toArray(String[]::new), p.request(),
                    time(Instant.ofEpochMilli(p.acceptedAtMs()))));
        }
        return pool.preparedQuery("INSERT INTO push_publish (publish_id, instance_id, interests, users, request, "
                        + "accepted_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (publish_id) DO NOTHING")
                .executeBatch(rows).map(DeliveryStore::batchCount);
    }

    /**
     * Expands up to {@code limit} pending publishes into deliveries, for the devices of the given platforms only
     * ({@code platformsOf} says which ones each instance can deliver to and each publish has a payload for).
     */
    public Uni<List<Expanded>> expand(int limit, PlatformFilter platformsOf) {
        OffsetDateTime now = now();
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT publish_id, instance_id, interests, users, request,"
                        + " accepted_at FROM push_publish WHERE NOT expanded ORDER BY accepted_at LIMIT $1"
                        + " FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(limit))
                .flatMap(rows -> {
                    List<Uni<Expanded>> inserts = new ArrayList<>();
                    for (Row row : rows) {
                        inserts.add(expandOne(tx, row, platformsOf, now));
                    }
                    if (inserts.isEmpty()) {
                        return Uni.createFrom().item(List.<Expanded>of());
                    }
                    return Uni.join().all(inserts).andFailFast().flatMap(expanded -> tx
                            .preparedQuery("UPDATE push_publish SET expanded = true, expanded_at = $2"
                                    + " WHERE publish_id = ANY($1)")
                            .execute(Tuple.of(expanded.stream().map(Expanded::publishId).toArray(String[]::new), now))
                            .replaceWith(expanded));
                }));
    }

    /** Which platforms a publish's deliveries may go to. */
    public interface PlatformFilter {
        String[] platforms(String instanceId, String request);
    }

    private static Uni<Expanded> expandOne(SqlClient tx, Row row, PlatformFilter platformsOf, OffsetDateTime now) {
        String publishId = row.getString("publish_id");
        String instanceId = row.getString("instance_id");
        String[] platforms = platformsOf.platforms(instanceId, row.getString("request"));
        String[] interests = row.getArrayOfStrings("interests");
        String[] users = row.getArrayOfStrings("users");
        String targets = interests != null
                ? "d.id IN (SELECT device_id FROM push_device_interest WHERE instance_id = $2 AND interest = ANY($5))"
                : "d.user_id = ANY($5)";
        return tx.preparedQuery("INSERT INTO push_delivery (publish_id, device_id, instance_id, platform, accepted_at,"
                        + " next_attempt_at) SELECT $1, d.id, d.instance_id, d.platform, $3, $4 FROM push_device d"
                        + " WHERE d.instance_id = $2 AND d.platform = ANY($6) AND " + targets
                        + " ON CONFLICT (publish_id, device_id) DO NOTHING")
                .execute(Tuple.of(publishId, instanceId, row.getOffsetDateTime("accepted_at"), now,
                        interests != null ? interests : users, platforms))
                .map(result -> new Expanded(publishId, instanceId, result.rowCount()));
    }

    /** Leases up to {@code limit} due deliveries of one lane for {@code lease}. */
    public Uni<List<Task>> claim(String instanceId, Platform platform, int limit, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE push_delivery d SET lease_until = $4, attempts = d.attempts + 1"
                        + " FROM (SELECT id FROM push_delivery WHERE instance_id = $1 AND platform = $2"
                        + " AND next_attempt_at <= $5 AND (lease_until IS NULL OR lease_until <= $5)"
                        + " ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due,"
                        + " push_device dev, push_publish p"
                        + " WHERE d.id = due.id AND dev.id = d.device_id AND p.publish_id = d.publish_id"
                        + " RETURNING d.id, d.publish_id, d.device_id, d.attempts, d.accepted_at, dev.token, p.request")
                .execute(Tuple.of(instanceId, platform.wire(), limit, now.plus(lease), now))
                .map(rows -> {
                    List<Task> tasks = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        tasks.add(new Task(row.getLong("id"), row.getString("publish_id"), row.getString("device_id"),
                                instanceId, platform, row.getInteger("attempts"),
                                row.getOffsetDateTime("accepted_at").toInstant(), row.getString("token"),
                                row.getString("request")));
                    }
                    return tasks;
                });
    }

    public Uni<Void> delivered(List<Long> ids) {
        return pool.preparedQuery("DELETE FROM push_delivery WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    public Uni<Void> retryLater(long id, Instant at, String error) {
        return pool.preparedQuery("UPDATE push_delivery SET next_attempt_at = $2, lease_until = NULL, last_error = $3"
                        + " WHERE id = $1")
                .execute(Tuple.of(id, time(at), error)).replaceWithVoid();
    }

    /** Releases leases this process holds but will not finish (shutdown). */
    public Uni<Void> release(List<Long> ids) {
        return pool.preparedQuery("UPDATE push_delivery SET lease_until = NULL WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).replaceWithVoid();
    }

    /** Deletes the device if it still has this token (its deliveries and interests go with it). */
    public Uni<Boolean> prune(String deviceId, String token) {
        return pool.preparedQuery("DELETE FROM push_device WHERE id = $1 AND token = $2")
                .execute(Tuple.of(deviceId, token)).map(rows -> rows.rowCount() > 0);
    }

    /** Moves the delivery to the dead letters with the token and request it had. */
    public Uni<Void> deadLetter(Task task, String reason) {
        return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM push_delivery WHERE id = $1")
                .execute(Tuple.of(task.id()))
                .flatMap(deleted -> deleted.rowCount() == 0 ? Uni.createFrom().voidItem() : tx
                        .preparedQuery("INSERT INTO push_dead_letter (publish_id, instance_id, device_id, platform,"
                                + " token, request, accepted_at, attempts, reason, dead_at)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                        .execute(Tuple.from(java.util.Arrays.asList(task.publishId(), task.instanceId(), task.deviceId(),
                                task.platform().wire(), task.token(), task.request(), time(task.acceptedAt()),
                                task.attempt(), reason, now())))
                        .replaceWithVoid()));
    }

    /** Deletes expanded publishes with no delivery left that are older than {@code retention}. */
    public Uni<Integer> deleteFinishedPublishes(Duration retention) {
        return pool.preparedQuery("DELETE FROM push_publish p WHERE expanded AND expanded_at < $1"
                        + " AND NOT EXISTS (SELECT 1 FROM push_delivery d WHERE d.publish_id = p.publish_id)")
                .execute(Tuple.of(now().minus(retention))).map(RowSet::rowCount);
    }

    /** Deliveries waiting or in flight, for the gauge. */
    public Uni<Long> pendingCount() {
        return pool.query("SELECT count(*) AS n FROM push_delivery").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static int batchCount(RowSet<Row> rows) {
        int count = 0;
        for (RowSet<Row> set = rows; set != null; set = set.next()) {
            count += set.rowCount();
        }
        return count;
    }
}
