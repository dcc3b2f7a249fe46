package dev.starling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.fakes.UnitApps;

/** The node's connection limit: derived from the open-file limit, enforced atomically, ready again with a margin. */
class NodeCapacityTest {

    @Test
    void theDerivedLimitLeavesTenPercentOfTheOpenFilesAndAtLeast256() {
        assertThat(NodeCapacity.resolve(-1, -1, 1024)).isEqualTo(768);
        assertThat(NodeCapacity.resolve(-1, -1, 20_000)).isEqualTo(18_000);
        assertThat(NodeCapacity.resolve(-1, 100, 1024)).isEqualTo(924);
        assertThat(NodeCapacity.resolve(-1, -1, 200)).isZero();
        assertThat(NodeCapacity.resolve(5000, -1, 1024)).as("explicit wins").isEqualTo(5000);
        assertThat(NodeCapacity.resolve(-1, -1, -1)).as("unknown limit").isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aFullNodeIsNotReadyUntilItIsUnder95Percent() {
        NodeCapacity capacity = new NodeCapacity(100, -1, 1024);
        assertThat(capacity.admits(99)).isTrue();
        assertThat(capacity.isFull(99)).isFalse();
        assertThat(capacity.admits(100)).isFalse();
        assertThat(capacity.isFull(99)).as("still full just under the limit").isTrue();
        assertThat(capacity.isFull(96)).isTrue();
        assertThat(capacity.isFull(95)).isFalse();
        assertThat(capacity.isFull(99)).isFalse();
    }

    @Test
    void theRegistryNeverHoldsMoreThanTheLimitAndFreesPlacesOnClose() {
        ConnectionRegistry registry = new ConnectionRegistry(new NodeCapacity(2, -1, 1024));
        Connection a = connection("1.1");
        Connection b = connection("1.2");
        assertThat(registry.register(a)).isEqualTo(ConnectionRegistry.Admission.ADMITTED);
        assertThat(registry.register(b)).isEqualTo(ConnectionRegistry.Admission.ADMITTED);
        assertThat(registry.register(connection("1.3"))).isEqualTo(ConnectionRegistry.Admission.NODE_FULL);
        assertThat(registry.count()).isEqualTo(2);
        registry.unregister(a);
        assertThat(registry.register(connection("1.4"))).isEqualTo(ConnectionRegistry.Admission.ADMITTED);
        assertThat(registry.count()).isEqualTo(2);
    }

    private static Connection connection(String socketId) {
        return new Connection(socketId, UnitApps.plain("a1"), new HeldWritesTransport(), 1 << 20, 0);
    }
}
