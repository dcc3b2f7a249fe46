package dev.starling.history.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.starling.history.config.HistoryConfig;
import dev.starling.protocol.history.HistoryError;

/**
 * When {@code starling.history.api-token} is set, every API request must carry {@code Authorization: Bearer <token>};
 * others get 401. The comparison takes the same time wherever the tokens differ.
 */
public class BearerTokenFilter {

    private static final String UNAUTHORIZED = new HistoryError("missing or wrong bearer token", null).encode();

    private final Optional<byte[]> token;

    public BearerTokenFilter(HistoryConfig config) {
        this.token = config.apiToken().filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authorize(ContainerRequestContext request) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (MessageDigest.isEqual(presented, token.get())) {
            return Optional.empty();
        }
        return Optional.of(Response.status(401).type(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"starling-history\"")
                .entity(UNAUTHORIZED).build());
    }
}
