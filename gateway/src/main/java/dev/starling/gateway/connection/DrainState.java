package dev.starling.gateway.connection;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether this node is draining: it refuses new sockets and reports itself not ready. */
@ApplicationScoped
public class DrainState {

    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    public void begin() {
        draining = true;
    }
}
