package dev.starling.push.device;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One interest of one device (table {@code push_device_interest}). */
@Entity
@Table(name = "push_device_interest")
@IdClass(DeviceInterestEntity.Key.class)
public class DeviceInterestEntity {

    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public String interest;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    public DeviceInterestEntity() {
    }

    public DeviceInterestEntity(String deviceId, String interest, String instanceId) {
        this.deviceId = deviceId;
        this.interest = interest;
        this.instanceId = instanceId;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {

        public String deviceId;
        public String interest;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(deviceId, key.deviceId)
                    && Objects.equals(interest, key.interest);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, interest);
        }
    }
}
