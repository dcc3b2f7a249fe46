package dev.starling.gateway.connection;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.starling.gateway.config.GatewayConfig;

/**
 * How many WebSocket connections this node takes, and whether it is full.
 *
 * <p>The limit is {@code limits.max-connections}, or — by default — the process's open-file limit minus the file
 * descriptors reserved for everything else ({@code limits.reserved-file-descriptors}, by default 10 % of the limit
 * and at least 256). A node that ran out of file descriptors could no longer accept anything, not even a health
 * check, and clients would hang in the accept queue; a node at this limit still accepts a socket, answers it with
 * {@code pusher:error} 4100 and closes it, and keeps serving the HTTP API, health and metrics.
 *
 * <p>Readiness: the node reports not ready from the moment it is full until it is below {@link #READY_AGAIN_RATIO}
 * of the limit again, so a load balancer sends new clients elsewhere without flapping at the edge.
 */
@ApplicationScoped
public class NodeCapacity {

    /** Fraction of the limit the node must be back under before it reports ready again. */
    static final double READY_AGAIN_RATIO = 0.95;
    private static final int MIN_RESERVED = 256;
    private static final Logger LOG = Logger.getLogger(NodeCapacity.class);

    private final int maxConnections;
    private final long openFileLimit;
    private volatile boolean full;

    @jakarta.inject.Inject
    public NodeCapacity(GatewayConfig config) {
        this(config.limits().maxConnections(), config.limits().reservedFileDescriptors(), readOpenFileLimit());
    }

    NodeCapacity(int configured, int reserved, long openFileLimit) {
        this.openFileLimit = openFileLimit;
        this.maxConnections = resolve(configured, reserved, openFileLimit);
        if (configured < 0) {
            LOG.infof("Connection limit %d (open-file limit %s, %d reserved)", maxConnections,
                    openFileLimit < 0 ? "unknown" : Long.toString(openFileLimit), reserved(reserved, openFileLimit));
        } else if (openFileLimit > 0 && configured > openFileLimit - MIN_RESERVED) {
            LOG.warnf("limits.max-connections=%d leaves fewer than %d of the %d open files for everything else; "
                    + "the node may run out of file descriptors before it refuses connections", configured,
                    MIN_RESERVED, openFileLimit);
        }
    }

    static int resolve(int configured, int reserved, long openFileLimit) {
        if (configured >= 0) {
            return configured;
        }
        if (openFileLimit <= 0) {
            return Integer.MAX_VALUE; // unknown (not a Unix system): no derived limit
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, openFileLimit - reserved(reserved, openFileLimit)));
    }

    private static long reserved(int reserved, long openFileLimit) {
        return reserved >= 0 ? reserved : Math.max(MIN_RESERVED, openFileLimit / 10);
    }

    /** The most WebSocket connections this node holds. */
    public int maxConnections() {
        return maxConnections;
    }

    /** The process's open-file limit, or -1 when it cannot be read. */
    public long openFileLimit() {
        return openFileLimit;
    }

    /** Whether one more connection fits next to {@code open} ones; records when the node becomes full. */
    public boolean admits(int open) {
        if (open < maxConnections) {
            return true;
        }
        if (!full) {
            full = true;
            LOG.warnf("Node is full (%d connections): refusing new ones with 4100 and reporting not ready", open);
        }
        return false;
    }

    /** Whether the node counts as full for readiness, given {@code open} connections now. */
    public boolean isFull(int open) {
        if (full && open <= (long) (maxConnections * READY_AGAIN_RATIO)) {
            full = false;
            LOG.infof("Node has room again (%d of %d connections): ready", open, maxConnections);
        }
        return full || open >= maxConnections;
    }

    private static long readOpenFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
