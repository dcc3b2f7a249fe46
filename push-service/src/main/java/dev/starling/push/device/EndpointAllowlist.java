package dev.starling.push.device;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.starling.push.config.PushConfig;

/**
 * The Web Push endpoints push-service may call: URL prefixes from {@code starling.push.web.allowed-endpoints}. A
 * subscription is checked when it is registered and again before every delivery, so neither an open device API nor
 * a changed configuration can make the service call an address it was not meant to. The URL is normalized first
 * (scheme and host lower-cased, no user info, no fragment) so tricks like {@code https://allowed@evil/} fail.
 */
@ApplicationScoped
public class EndpointAllowlist {

    private final List<String> prefixes;

    @Inject
    public EndpointAllowlist(PushConfig config) {
        this(config.web().allowedEndpoints());
    }

    public EndpointAllowlist(List<String> prefixes) {
        this.prefixes = prefixes.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    public boolean allows(String endpoint) {
        String normalized = normalize(endpoint);
        return normalized != null && prefixes.stream().anyMatch(normalized::startsWith);
    }

    static String normalize(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getHost() == null
                    || uri.getScheme() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                return null;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path + query;
        } catch (Exception e) {
            return null;
        }
    }
}
