package dev.starling.push.device;

/** A registered device as the API shows it; {@code userId} is {@code null} until a user is associated. */
public record Device(String id, String instanceId, Platform platform, String token, String userId, String metadata) {

    static Device of(DeviceEntity entity) {
        return new Device(entity.id, entity.instanceId, Platform.fromWire(entity.platform).orElseThrow(), entity.token,
                entity.userId, entity.metadata);
    }
}
