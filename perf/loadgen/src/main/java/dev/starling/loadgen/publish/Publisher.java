package dev.starling.loadgen.publish;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.HdrHistogram.Histogram;

import dev.starling.loadgen.stats.EpochMicros;
import dev.starling.loadgen.stats.Latencies;
import dev.starling.loadgen.stats.LatencySummary;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Publishes load events through the signed HTTP API over keep-alive connections, at a fixed rate or flat out, with at
 * most {@code inFlight} requests outstanding. Everything runs on one event-loop context, so its state needs no locks.
 *
 * <p>Each event carries the wall-clock time at which its request was built ({@link Payload}); a request that waits
 * for a free connection is not stamped until it goes out, so when the rate cannot be kept the report says so
 * ({@code behindMillis}) instead of the latency hiding it.
 */
public final class Publisher implements AutoCloseable {

    private final PublisherSpec spec;
    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final Payload payload;
    private final EventSigner signer;
    private long sequence;

    public Publisher(Vertx vertx, PublisherSpec spec) {
        this.spec = spec;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
                .setKeepAliveTimeout(120), new PoolOptions().setHttp1MaxSize(spec.inFlight()));
        this.payload = new Payload(spec.eventName(), spec.payloadBytes());
        this.signer = new EventSigner(spec.appId(), spec.key(), spec.secret());
    }

    /** Publishes for {@code durationMillis} tagged with {@code phase}; completes once every response is in. */
    public CompletableFuture<PublishReport> run(int phase, long durationMillis, double ratePerSecond) {
        Run run = new Run(phase, durationMillis, ratePerSecond);
        context.runOnContext(ignored -> run.start());
        return run.future;
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Run {
        private final int phase;
        private final long durationNanos;
        private final double rate;
        private final CompletableFuture<PublishReport> future = new CompletableFuture<>();
        private final long[] okPerChannel = new long[spec.channels().size()];
        private final Map<String, Long> failures = new TreeMap<>();
        private final Histogram http = Latencies.histogram();
        private long startNanos;
        private long lastResponseNanos;
        private long stopNanos;
        private long timer = -1;
        private long sent;
        private long ok;
        private long failed;
        private int inFlight;
        private long behindMillis;
        private boolean stopped;

        Run(int phase, long durationMillis, double rate) {
            this.phase = phase;
            this.durationNanos = durationMillis * 1_000_000L;
            this.rate = rate;
        }

        void start() {
            startNanos = System.nanoTime();
            lastResponseNanos = startNanos;
            if (durationNanos <= 0) {
                stop();
                return;
            }
            timer = vertx.setPeriodic(1, ignored -> tick());
            tick();
        }

        private void tick() {
            long now = System.nanoTime();
            if (now - startNanos >= durationNanos) {
                stop();
                return;
            }
            long due = rate > 0 ? (long) ((now - startNanos) / 1e9 * rate) + 1 : Long.MAX_VALUE;
            while (sent < due && inFlight < spec.inFlight()) {
                send();
            }
            if (rate > 0 && sent < due) {
                behindMillis++;
            }
        }

        private void send() {
            int channels = spec.channels().size();
            int channel = (int) (sequence % channels);
            int node = (int) ((sequence / channels) % spec.ports().size());
            sequence++;
            sent++;
            inFlight++;
            String body = payload.body(spec.channels().get(channel), payload.data(EpochMicros.now(), phase, node));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(spec.host())
                    .setPort(spec.ports().get(node)).setURI(signer.uri(bytes, System.currentTimeMillis() / 1000))
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .setTimeout(spec.requestTimeoutMillis());
            long sentNanos = System.nanoTime();
            client.request(request)
                    .compose(req -> req.send(Buffer.buffer(bytes)))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(result -> {
                        long now = System.nanoTime();
                        lastResponseNanos = now;
                        Latencies.record(http, (now - sentNanos) / 1000);
                        inFlight--;
                        if (result.succeeded() && result.result() == 200) {
                            ok++;
                            okPerChannel[channel]++;
                        } else {
                            failed++;
                            String reason = result.succeeded() ? "HTTP " + result.result()
                                    : result.cause().getClass().getSimpleName();
                            failures.merge(reason, 1L, Long::sum);
                        }
                        if (stopped) {
                            maybeComplete();
                        } else if (rate <= 0) {
                            tick();
                        }
                    });
        }

        private void stop() {
            if (!stopped) {
                stopped = true;
                stopNanos = System.nanoTime();
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                maybeComplete();
            }
        }

        private void maybeComplete() {
            if (inFlight == 0) {
                long millis = Math.max(1, (Math.max(lastResponseNanos, stopNanos) - startNanos) / 1_000_000);
                long sendingMillis = Math.max(1, (stopNanos - startNanos) / 1_000_000);
                future.complete(new PublishReport(rate, sent, ok, failed, failures, okPerChannel, sendingMillis,
                        millis, behindMillis, LatencySummary.of(http)));
            }
        }
    }
}
