package dev.starling.push.device;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A registered device (table {@code push_device}); its interests are {@link DeviceInterestEntity} rows. */
@Entity
@Table(name = "push_device")
public class DeviceEntity {

    @Id
    public String id;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(nullable = false)
    public String platform;

    @Column(nullable = false)
    public String token;

    @Column(name = "user_id")
    public String userId;

    /** The metadata object the SDK sent (SDK and OS versions), as JSON text. */
    @Column(nullable = false)
    public String metadata;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
