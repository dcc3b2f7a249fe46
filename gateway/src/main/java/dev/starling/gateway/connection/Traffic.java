package dev.starling.gateway.connection;

import java.lang.ref.WeakReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counters shared by all connections: frames and bytes queued to clients and received from them, and
 * slow-consumer closes; exported by the metrics.
 *
 * <p>Frames and bytes are counted for every delivery, so they are counted per thread: each thread adds to a tally of
 * its own with plain stores, and a read sums the tallies. A shared adder cost a tenth of a broadcast's CPU time on
 * two cores (its cells bounce between the event loops' caches); a thread's own tally costs a thread-local lookup.
 * Tallies of threads that ended are folded into one total when the counters are read, so pooled threads that come
 * and go do not pile up.
 */
public final class Traffic {

    public final LongAdder slowConsumerCloses = new LongAdder();

    private final ThreadLocal<Tally> mine = ThreadLocal.withInitial(this::register);
    private final CopyOnWriteArrayList<Tally> tallies = new CopyOnWriteArrayList<>();
    private final Tally retired = new Tally(null);

    /** Counts one frame of {@code bytes} queued to a client. */
    public void sent(int bytes) {
        Tally tally = mine.get();
        tally.framesSent.lazySet(tally.framesSent.get() + 1);
        tally.bytesSent.lazySet(tally.bytesSent.get() + bytes);
    }

    /** Counts one frame of {@code bytes} received from a client. */
    public void received(int bytes) {
        Tally tally = mine.get();
        tally.framesReceived.lazySet(tally.framesReceived.get() + 1);
        tally.bytesReceived.lazySet(tally.bytesReceived.get() + bytes);
    }

    public long framesSent() {
        return sum(0);
    }

    public long bytesSent() {
        return sum(1);
    }

    public long framesReceived() {
        return sum(2);
    }

    public long bytesReceived() {
        return sum(3);
    }

    private Tally register() {
        Tally tally = new Tally(Thread.currentThread());
        tallies.add(tally);
        return tally;
    }

    private synchronized long sum(int which) {
        long total = retired.value(which);
        for (Tally tally : tallies) {
            Thread owner = tally.owner.get();
            if (owner == null || !owner.isAlive()) {
                // It can no longer change: fold it in once.
                retired.absorb(tally);
                tallies.remove(tally);
            }
            total += tally.value(which);
        }
        return total;
    }

    /** One thread's counts: written by that thread only, read by any. */
    private static final class Tally {
        final WeakReference<Thread> owner;
        final AtomicLong framesSent = new AtomicLong();
        final AtomicLong bytesSent = new AtomicLong();
        final AtomicLong framesReceived = new AtomicLong();
        final AtomicLong bytesReceived = new AtomicLong();

        Tally(Thread owner) {
            this.owner = new WeakReference<>(owner);
        }

        long value(int which) {
            return switch (which) {
                case 0 -> framesSent.get();
                case 1 -> bytesSent.get();
                case 2 -> framesReceived.get();
                default -> bytesReceived.get();
            };
        }

        void absorb(Tally other) {
            framesSent.addAndGet(other.framesSent.get());
            bytesSent.addAndGet(other.bytesSent.get());
            framesReceived.addAndGet(other.framesReceived.get());
            bytesReceived.addAndGet(other.bytesReceived.get());
        }
    }
}
