package dev.starling.push.provider.webpush;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;

import dev.starling.protocol.Parsed;
import dev.starling.push.config.PushConfig;
import dev.starling.push.delivery.Backoff;
import dev.starling.push.delivery.Outcome;
import dev.starling.push.delivery.PushProvider;
import dev.starling.push.delivery.Task;
import dev.starling.push.device.EndpointAllowlist;
import dev.starling.push.device.Platform;
import dev.starling.push.device.WebSubscription;
import dev.starling.push.instance.Instance;
import dev.starling.push.publish.PushPayloads;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/**
 * Web Push (RFC 8030): one POST per subscription to its endpoint, the payload encrypted for the subscription's keys
 * with aes128gcm (RFC 8291) and signed with the instance's VAPID key (RFC 8292,
 * {@code Authorization: vapid t=…, k=…}); the request and its encryption are built by {@code com.interaso:webpush}.
 * The endpoint is checked against the allowlist again right before the request.
 *
 * <p>Answers: 2xx delivered; 404/410 the subscription is gone (device pruned); 429 and 5xx retried (Retry-After
 * honoured); anything else (400 bad request, 401/403 VAPID refused, 413 too large) is a dead letter.
 */
@ApplicationScoped
public class WebPushProvider implements PushProvider {

    private final PushConfig.Web config;
    private final EndpointAllowlist allowlist;
    private final Clock clock;
    private final HttpClient client;
    private final Map<String, WebPush> signers = new ConcurrentHashMap<>();

    public WebPushProvider(PushConfig config, EndpointAllowlist allowlist, Clock clock, Vertx vertx) {
        this.config = config.web();
        this.allowlist = allowlist;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) this.config.requestTimeout().toMillis())
                .setMaxPoolSize(Math.max(4, this.config.maxInFlight()))
                .setKeepAlive(true));
    }

    @PreDestroy
    void close() {
        client.closeAndAwait();
    }

    @Override
    public Platform platform() {
        return Platform.WEB;
    }

    @Override
    public boolean configured(Instance instance) {
        return true;
    }

    @Override
    public int maxInFlight() {
        return config.maxInFlight();
    }

    @Override
    public Uni<Outcome> send(Instance instance, Task task) {
        Parsed<WebSubscription> parsed = WebSubscription.parse(task.token());
        if (!parsed.isOk()) {
            return Uni.createFrom().item(new Outcome.Prune("invalid_subscription"));
        }
        WebSubscription subscription = parsed.value();
        if (!allowlist.allows(subscription.endpoint())) {
            return Uni.createFrom().item(new Outcome.Fail("endpoint not allowed: " + subscription.endpoint()));
        }
        String plaintext = PushPayloads.web(task.request(), instance.id(), task.publishId());
        if (plaintext == null) {
            return Uni.createFrom().item(new Outcome.Fail("the publish has no web payload"));
        }
        WebPush signer = signers.computeIfAbsent(instance.id(), id -> new WebPush(instance.web().subject(),
                VapidKeys.fromUncompressedBytes(instance.web().vapid().publicKey(),
                        instance.web().vapid().privateKey())));
        byte[] body;
        try {
            body = signer.getBody(plaintext.getBytes(StandardCharsets.UTF_8), subscription.p256dh(),
                    subscription.auth());
        } catch (RuntimeException e) {
            // p256dh is not a point of the curve: no message can ever be encrypted for this subscription.
            return Uni.createFrom().item(new Outcome.Prune("invalid_subscription_key"));
        }
        int ttl = PushPayloads.webTimeToLive(task.request(), config.defaultTimeToLive());
        Map<String, String> headers = signer.getHeaders(subscription.endpoint(), ttl, null, WebPush.Urgency.High);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(subscription.endpoint())
                .setTimeout(config.requestTimeout().toMillis()).putHeader("User-Agent", "Starling-Push");
        headers.forEach(options::putHeader);
        return client.request(options)
                .flatMap(request -> request.send(Buffer.buffer(body)))
                .flatMap(response -> response.body().map(ignored -> classify(response.statusCode(),
                        response.getHeader("Retry-After"))))
                .onFailure().recoverWithItem(e -> Outcome.retry("network: " + e.getClass().getSimpleName()));
    }

    Outcome classify(int status, String retryAfter) {
        if (status >= 200 && status < 300) {
            return Outcome.delivered();
        }
        if (status == 404 || status == 410) {
            return new Outcome.Prune("status_" + status);
        }
        if (status == 429 || status >= 500) {
            return new Outcome.Retry("status_" + status, Backoff.parseRetryAfter(retryAfter, clock.instant()));
        }
        return new Outcome.Fail("status_" + status);
    }
}
