package dev.starling.push.provider.fcm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.ServiceAccountCredentials;

import dev.starling.push.instance.Instance;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * OAuth2 access tokens for FCM, minted from each instance's service account by google-auth-library (a JWT assertion
 * signed with the account's key, exchanged at its {@code token_uri}). Tokens are cached and refreshed five minutes
 * before they expire; the library's blocking call runs on a worker thread (never the event loop), one refresh per instance at a time.
 */
@ApplicationScoped
public class FcmAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final Duration EARLY_REFRESH = Duration.ofMinutes(5);

    private record Account(ServiceAccountCredentials credentials, String projectId) {
    }

    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> refreshing = new ConcurrentHashMap<>();

    public FcmAccessTokens(Clock clock) {
        this.clock = clock;
    }

    /** The Firebase project to send to: configured, or the service account's. */
    public String projectId(Instance instance) {
        Instance.Fcm fcm = instance.fcm().orElseThrow();
        return fcm.projectId().orElseGet(() -> account(instance).projectId());
    }

    public Uni<String> token(Instance instance) {
        AccessToken cached = tokens.get(instance.id());
        if (cached != null && cached.getExpirationTime() != null
                && cached.getExpirationTime().toInstant().isAfter(clock.instant().plus(EARLY_REFRESH))) {
            return Uni.createFrom().item(cached.getTokenValue());
        }
        CompletableFuture<String> refresh = refreshing.computeIfAbsent(instance.id(), id -> {
            CompletableFuture<String> future = CompletableFuture.supplyAsync(() -> {
                try {
                    AccessToken token = account(instance).credentials().refreshAccessToken();
                    tokens.put(id, token);
                    return token.getTokenValue();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Infrastructure.getDefaultWorkerPool());
            future.whenComplete((token, error) -> refreshing.remove(id, future));
            return future;
        });
        return Uni.createFrom().completionStage(refresh);
    }

    /** Forgets the cached token (FCM answered 401), so the next send fetches a new one. */
    public void invalidate(Instance instance) {
        tokens.remove(instance.id());
    }

    private Account account(Instance instance) {
        return accounts.computeIfAbsent(instance.id(), id -> {
            try (InputStream in = Files.newInputStream(instance.fcm().orElseThrow().serviceAccountFile())) {
                ServiceAccountCredentials credentials = (ServiceAccountCredentials) ServiceAccountCredentials
                        .fromStream(in).createScoped(List.of(SCOPE));
                return new Account(credentials, credentials.getProjectId());
            } catch (IOException | ClassCastException e) {
                throw new IllegalStateException("Cannot read the FCM service account of instance " + id + ": "
                        + e.getMessage(), e);
            }
        });
    }
}
