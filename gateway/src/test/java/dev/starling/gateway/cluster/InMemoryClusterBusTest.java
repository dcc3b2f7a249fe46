package dev.starling.gateway.cluster;

/** The {@link ClusterBusContract} for the single-node bus. */
class InMemoryClusterBusTest extends ClusterBusContract {

    @Override
    protected ClusterBus createBus(String nodeId) {
        return new InMemoryClusterBus(nodeId);
    }
}
