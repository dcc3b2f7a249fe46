package dev.starling.push.device;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import dev.starling.push.config.PushConfig;
import dev.starling.push.error.ApiError;
import io.smallrye.mutiny.Uni;

/**
 * Devices, their interests and their users, in PostgreSQL through Hibernate Reactive. Every operation is one
 * transaction, scoped to an instance and a platform: a device id of another instance or platform is "not found".
 *
 * <p>A token registers once per instance and platform: registering it again returns the same device (with its
 * interests, for the SDKs' {@code initialInterestSet}). Deleting a device deletes its interests and its pending
 * deliveries (foreign keys with {@code ON DELETE CASCADE}).
 */
@ApplicationScoped
public class DeviceRegistry {

    /** What a registration answers: the device id and the interests it already has. */
    public record Registered(String id, Set<String> initialInterests) {
    }

    /** A page of a device's interests, in name order. */
    public record InterestPage(List<String> interests, String nextCursor) {
    }

    public enum UserResult {
        OK, NOT_FOUND, OTHER_USER, TOO_MANY_DEVICES
    }

    private final Mutiny.SessionFactory sessions;
    private final Clock clock;
    private final PushConfig.Limits limits;

    public DeviceRegistry(Mutiny.SessionFactory sessions, Clock clock, PushConfig config) {
        this.sessions = sessions;
        this.clock = clock;
        this.limits = config.limits();
    }

    public Uni<Registered> register(String instanceId, Platform platform, String token, String metadata,
            List<String> knownPreviousIds) {
        return sessions.withTransaction(session -> session
                .createSelectionQuery("from DeviceEntity where instanceId = :i and platform = :p and token = :t",
                        DeviceEntity.class)
                .setParameter("i", instanceId).setParameter("p", platform.wire()).setParameter("t", token)
                .getSingleResultOrNull()
                .flatMap(existing -> {
                    if (existing != null) {
                        existing.metadata = metadata;
                        existing.updatedAt = now();
                        return interestsOf(session, existing.id).map(interests -> new Registered(existing.id, interests));
                    }
                    DeviceEntity device = new DeviceEntity();
                    device.id = platform.wire() + "-" + UUID.randomUUID();
                    device.instanceId = instanceId;
                    device.platform = platform.wire();
                    device.token = token;
                    device.metadata = metadata;
                    device.createdAt = now();
                    device.updatedAt = device.createdAt;
                    return session.persist(device).call(session::flush)
                            .flatMap(ignored -> adoptPrevious(session, device, knownPreviousIds))
                            .map(interests -> new Registered(device.id, interests));
                }));
    }

    public Uni<Optional<Device>> find(String instanceId, Platform platform, String id) {
        return sessions.withSession(session -> owned(session, instanceId, platform, id))
                .map(entity -> Optional.ofNullable(entity).map(Device::of));
    }

    public Uni<Boolean> delete(String instanceId, Platform platform, String id) {
        return sessions.withTransaction(session -> session
                .createMutationQuery("delete from DeviceEntity where id = :id and instanceId = :i and platform = :p")
                .setParameter("id", id).setParameter("i", instanceId).setParameter("p", platform.wire())
                .executeUpdate().map(count -> count > 0));
    }

    public Uni<Boolean> refreshToken(String instanceId, Platform platform, String id, String token) {
        return update(instanceId, platform, id, device -> {
            device.token = token;
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Boolean> setMetadata(String instanceId, Platform platform, String id, String metadata) {
        return update(instanceId, platform, id, device -> {
            device.metadata = metadata;
            return Uni.createFrom().voidItem();
        });
    }

    /** Replaces the device's interests; {@code false} if there is no such device. */
    public Uni<Boolean> setInterests(String instanceId, Platform platform, String id, Set<String> interests) {
        checkInterestCount(interests.size());
        return sessions.withTransaction(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(false);
            }
            List<DeviceInterestEntity> rows = interests.stream()
                    .map(interest -> new DeviceInterestEntity(id, interest, instanceId)).toList();
            return session.createMutationQuery("delete from DeviceInterestEntity where deviceId = :d")
                    .setParameter("d", id).executeUpdate()
                    .flatMap(ignored -> session.persistAll(rows.toArray()))
                    .replaceWith(true);
        }));
    }

    public Uni<Boolean> addInterest(String instanceId, Platform platform, String id, String interest) {
        return sessions.withTransaction(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(false);
            }
            DeviceInterestEntity.Key key = new DeviceInterestEntity.Key();
            key.deviceId = id;
            key.interest = interest;
            return session.find(DeviceInterestEntity.class, key).flatMap(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(true);
                }
                return session.createSelectionQuery("select count(*) from DeviceInterestEntity where deviceId = :d",
                                Long.class).setParameter("d", id).getSingleResult()
                        .flatMap(count -> {
                            checkInterestCount(count + 1);
                            return session.persist(new DeviceInterestEntity(id, interest, instanceId)).replaceWith(true);
                        });
            });
        }));
    }

    public Uni<Boolean> removeInterest(String instanceId, Platform platform, String id, String interest) {
        return sessions.withTransaction(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(false);
            }
            return session.createMutationQuery("delete from DeviceInterestEntity where deviceId = :d and interest = :n")
                    .setParameter("d", id).setParameter("n", interest).executeUpdate().replaceWith(true);
        }));
    }

    /** A page of interests after {@code cursor} (exclusive); empty if there is no such device. */
    public Uni<Optional<InterestPage>> interests(String instanceId, Platform platform, String id, int limit,
            String cursor) {
        return sessions.withSession(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(Optional.<InterestPage>empty());
            }
            return session.createSelectionQuery("select interest from DeviceInterestEntity where deviceId = :d "
                            + "and interest > :c order by interest", String.class)
                    .setParameter("d", id).setParameter("c", cursor == null ? "" : cursor)
                    .setMaxResults(limit + 1).getResultList()
                    .map(names -> {
                        boolean more = names.size() > limit;
                        List<String> page = more ? names.subList(0, limit) : names;
                        return Optional.of(new InterestPage(List.copyOf(page), more ? page.get(page.size() - 1) : null));
                    });
        }));
    }

    /** Ties the device to {@code userId}; a device already tied to another user is refused. */
    public Uni<UserResult> setUser(String instanceId, Platform platform, String id, String userId) {
        return sessions.withTransaction(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(UserResult.NOT_FOUND);
            }
            if (userId.equals(device.userId)) {
                return Uni.createFrom().item(UserResult.OK);
            }
            if (device.userId != null) {
                return Uni.createFrom().item(UserResult.OTHER_USER);
            }
            return session.createSelectionQuery("select count(*) from DeviceEntity where instanceId = :i and userId = :u",
                            Long.class).setParameter("i", instanceId).setParameter("u", userId).getSingleResult()
                    .map(count -> {
                        if (count >= limits.maxDevicesPerUser()) {
                            return UserResult.TOO_MANY_DEVICES;
                        }
                        device.userId = userId;
                        device.updatedAt = now();
                        return UserResult.OK;
                    });
        }));
    }

    /** Deletes every device of the user; answers how many there were. */
    public Uni<Integer> deleteUser(String instanceId, String userId) {
        return sessions.withTransaction(session -> session
                .createMutationQuery("delete from DeviceEntity where instanceId = :i and userId = :u")
                .setParameter("i", instanceId).setParameter("u", userId).executeUpdate());
    }

    private interface Change {
        Uni<Void> apply(DeviceEntity device);
    }

    private Uni<Boolean> update(String instanceId, Platform platform, String id, Change change) {
        return sessions.withTransaction(session -> owned(session, instanceId, platform, id).flatMap(device -> {
            if (device == null) {
                return Uni.createFrom().item(false);
            }
            device.updatedAt = now();
            return change.apply(device).replaceWith(true);
        }));
    }

    private static Uni<DeviceEntity> owned(Mutiny.Session session, String instanceId, Platform platform, String id) {
        if (id == null || !id.startsWith(platform.wire() + "-")) {
            return Uni.createFrom().nullItem();
        }
        return session.find(DeviceEntity.class, id)
                .map(device -> device != null && device.instanceId.equals(instanceId) ? device : null);
    }

    private static Uni<Set<String>> interestsOf(Mutiny.Session session, String deviceId) {
        return session.createSelectionQuery("select interest from DeviceInterestEntity where deviceId = :d "
                        + "order by interest", String.class)
                .setParameter("d", deviceId).getResultList().map(LinkedHashSet::new);
    }

    /**
     * Android sends the ids it had before ({@code knownPreviousClientIds}): the first that still exists hands its
     * interests to the new device and is deleted, so a reinstalled app keeps its subscriptions and is not notified
     * twice.
     */
    private Uni<Set<String>> adoptPrevious(Mutiny.Session session, DeviceEntity device, List<String> previousIds) {
        List<String> candidates = previousIds.stream().filter(p -> p.startsWith(device.platform + "-"))
                .filter(p -> !p.equals(device.id)).distinct().limit(10).toList();
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return session.createSelectionQuery("from DeviceEntity where id in :ids and instanceId = :i", DeviceEntity.class)
                .setParameter("ids", candidates).setParameter("i", device.instanceId).getResultList()
                .flatMap(previous -> {
                    if (previous.isEmpty()) {
                        return Uni.createFrom().item(Set.<String>of());
                    }
                    DeviceEntity old = previous.get(0);
                    return interestsOf(session, old.id).flatMap(interests -> {
                        List<Object> rows = new ArrayList<>();
                        interests.forEach(i -> rows.add(new DeviceInterestEntity(device.id, i, device.instanceId)));
                        return session.persistAll(rows.toArray())
                                .call(() -> session.createMutationQuery("delete from DeviceEntity where id in :ids")
                                        .setParameter("ids", previous.stream().map(d -> d.id).toList()).executeUpdate())
                                .replaceWith(interests);
                    });
                });
    }

    private void checkInterestCount(long count) {
        if (count > limits.maxInterestsPerDevice()) {
            throw ApiError.UNPROCESSABLE.with("A device may have at most " + limits.maxInterestsPerDevice()
                    + " interests");
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
