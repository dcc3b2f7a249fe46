package dev.starling.push.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.starling.protocol.json.Json;
import dev.starling.protocol.webhook.WebhookJob;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook jobs in PostgreSQL (table {@code webhook_job}). {@link #apply} stores a batch of jobs and cancels from
 * the topic in one transaction before their offsets are committed; a job id seen again is ignored, so a redelivered
 * record is never sent twice once it was delivered (rows are kept for {@code webhooks.retention}). A cancel that
 * arrives before its job leaves a cancelled placeholder, so the job is never delivered either way.
 */
@ApplicationScoped
public class WebhookStore {

    /** A claimed job. */
    public record Claimed(String id, String url, Map<String, String> headers, String body, int attempt,
            Instant createdAt, Instant notBefore) {
    }

    /** A job given up on, for the admin API. */
    public record Dead(String id, String appId, String url, int attempts, String lastError, Instant createdAt,
            Instant finishedAt) {
    }

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
    };

    private final Pool pool;
    private final Clock clock;

    public WebhookStore(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** Stores jobs and applies cancels, in order, in one transaction; answers the number of cancels that hit. */
    public Uni<Integer> apply(List<WebhookJob> messages) {
        if (messages.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(tx -> applyInOrder(tx, messages, 0, 0));
    }

    private Uni<Integer> applyInOrder(SqlConnection tx, List<WebhookJob> messages, int index, int cancelled) {
        if (index == messages.size()) {
            return Uni.createFrom().item(cancelled);
        }
        return applyOne(tx, messages.get(index))
                .flatMap(hit -> applyInOrder(tx, messages, index + 1, cancelled + (hit ? 1 : 0)));
    }

    private Uni<Boolean> applyOne(SqlConnection tx, WebhookJob message) {
        return switch (message) {
            case WebhookJob.Delivery job -> {
                ObjectNode headers = Json.MAPPER.createObjectNode();
                job.headers().forEach(headers::put);
                OffsetDateTime notBefore = time(Instant.ofEpochMilli(job.notBeforeMs()));
                yield tx.preparedQuery("INSERT INTO webhook_job (id, app_id, url, headers, body, debounce_key,"
                                + " created_at, not_before, state, next_attempt_at)"
                                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $8) ON CONFLICT (id) DO NOTHING")
                        .execute(Tuple.from(java.util.Arrays.asList(job.id(), job.appId(), job.url(), headers.toString(), job.body(),
                                job.debounceKey(), time(Instant.ofEpochMilli(job.createdAtMs())), notBefore)))
                        .replaceWith(false);
            }
            case WebhookJob.Cancel cancel -> {
                OffsetDateTime at = time(Instant.ofEpochMilli(cancel.atMs()));
                yield tx.preparedQuery("INSERT INTO webhook_job (id, app_id, url, headers, body, debounce_key,"
                                + " created_at, not_before, state, next_attempt_at, finished_at)"
                                + " VALUES ($1, '', '', '{}', '', $2, $3, $3, 'cancelled', $3, $4)"
                                + " ON CONFLICT (id) DO UPDATE SET state = 'cancelled', finished_at = $4"
                                + " WHERE webhook_job.state = 'pending' RETURNING (xmax <> 0) AS updated")
                        .execute(Tuple.of(cancel.jobId(), cancel.debounceKey(), at, now()))
                        .map(rows -> rows.rowCount() > 0 && Boolean.TRUE.equals(rows.iterator().next()
                                .getBoolean("updated")));
            }
        };
    }

    /** Leases up to {@code limit} jobs that are due. */
    public Uni<List<Claimed>> claim(int limit, Duration lease) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_job j SET lease_until = $2, attempts = j.attempts + 1"
                        + " FROM (SELECT id FROM webhook_job WHERE state = 'pending' AND next_attempt_at <= $3"
                        + " AND (lease_until IS NULL OR lease_until <= $3) ORDER BY next_attempt_at LIMIT $1"
                        + " FOR UPDATE SKIP LOCKED) due WHERE j.id = due.id"
                        + " RETURNING j.id, j.url, j.headers, j.body, j.attempts, j.created_at, j.not_before")
                .execute(Tuple.of(limit, now.plus(lease), now)).map(rows -> {
                    List<Claimed> jobs = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        jobs.add(new Claimed(row.getString("id"), row.getString("url"), headers(row.getString("headers")),
                                row.getString("body"), row.getInteger("attempts"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("not_before").toInstant()));
                    }
                    return jobs;
                });
    }

    /** Marks a job delivered, unless it was cancelled meanwhile (then it was delivered anyway: a cancel lost a race). */
    public Uni<Void> delivered(String id) {
        return finish(id, "delivered", null);
    }

    public Uni<Void> dead(String id, String error) {
        return finish(id, "dead", error);
    }

    public Uni<Void> retryAt(String id, Instant at, String error) {
        return pool.preparedQuery("UPDATE webhook_job SET next_attempt_at = $2, lease_until = NULL, last_error = $3"
                        + " WHERE id = $1 AND state = 'pending'")
                .execute(Tuple.of(id, time(at), error)).replaceWithVoid();
    }

    public Uni<Void> release(List<String> ids) {
        return pool.preparedQuery("UPDATE webhook_job SET lease_until = NULL WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<List<Dead>> listDead(String afterId, int limit) {
        return pool.preparedQuery("SELECT id, app_id, url, attempts, last_error, created_at, finished_at"
                        + " FROM webhook_job WHERE state = 'dead' AND id > $1 ORDER BY id LIMIT $2")
                .execute(Tuple.of(afterId == null ? "" : afterId, limit)).map(rows -> {
                    List<Dead> dead = new ArrayList<>();
                    for (Row row : rows) {
                        dead.add(new Dead(row.getString("id"), row.getString("app_id"), row.getString("url"),
                                row.getInteger("attempts"), row.getString("last_error"),
                                row.getOffsetDateTime("created_at").toInstant(),
                                row.getOffsetDateTime("finished_at").toInstant()));
                    }
                    return dead;
                });
    }

    /**
     * Makes a dead job pending again, due now, with a fresh retry window (its {@code created_at} becomes now; the
     * body keeps the gateway's original {@code time_ms}).
     */
    public Uni<Boolean> replay(String id) {
        OffsetDateTime now = now();
        return pool.preparedQuery("UPDATE webhook_job SET state = 'pending', attempts = 0, next_attempt_at = $2,"
                        + " created_at = $2, lease_until = NULL, finished_at = NULL WHERE id = $1 AND state = 'dead'")
                .execute(Tuple.of(id, now)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> deleteFinishedBefore(Duration retention) {
        return pool.preparedQuery("DELETE FROM webhook_job WHERE state IN ('delivered', 'cancelled')"
                        + " AND finished_at < $1")
                .execute(Tuple.of(now().minus(retention))).map(RowSet::rowCount);
    }

    public Uni<Long> pendingCount() {
        return pool.query("SELECT count(*) AS n FROM webhook_job WHERE state = 'pending'").execute()
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private Uni<Void> finish(String id, String state, String error) {
        return pool.preparedQuery("UPDATE webhook_job SET state = $2, finished_at = $3, lease_until = NULL,"
                        + " last_error = COALESCE($4, last_error) WHERE id = $1 AND state = 'pending'")
                .execute(Tuple.of(id, state, now(), error)).replaceWithVoid();
    }

    private static Map<String, String> headers(String json) {
        try {
            return Json.MAPPER.readValue(json, HEADERS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
