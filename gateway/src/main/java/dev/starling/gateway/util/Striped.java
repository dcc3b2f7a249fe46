package dev.starling.gateway.util;

/** A fixed set of {@link SerialExecutor}s chosen by key hash: per-key ordering without a queue per key. */
public final class Striped {

    private final SerialExecutor[] stripes;

    public Striped(int stripes) {
        if (Integer.bitCount(stripes) != 1) {
            throw new IllegalArgumentException("stripes must be a power of two");
        }
        this.stripes = new SerialExecutor[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new SerialExecutor();
        }
    }

    /** Runs {@code task} after every task previously submitted for the same {@code (a, b)}. */
    public void execute(String a, String b, Runnable task) {
        stripes[index(a, b)].execute(task);
    }

    public int index(String a, String b) {
        int h = a.hashCode() * 31 + b.hashCode();
        return (h ^ (h >>> 16)) & (stripes.length - 1);
    }

    public SerialExecutor stripe(int index) {
        return stripes[index];
    }

    /** Completes once every task submitted to any stripe before the call has run. */
    public java.util.concurrent.CompletableFuture<Void> drained() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(stripes.length);
        for (SerialExecutor stripe : stripes) {
            stripe.execute(() -> {
                if (left.decrementAndGet() == 0) {
                    done.complete(null);
                }
            });
        }
        return done;
    }
}
