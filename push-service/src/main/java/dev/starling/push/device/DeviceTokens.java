package dev.starling.push.device;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.starling.protocol.Parsed;

/**
 * Checks a device token before it is stored: a web token must be a well-formed subscription to an allowed endpoint,
 * an FCM registration token is at most 4096 characters of {@code A-Za-z0-9-_:}, an APNs token is hex (32 to 100
 * bytes; Apple's are 32). APNs tokens are stored lower-case so one device registers once.
 */
@ApplicationScoped
public class DeviceTokens {

    private static final Pattern FCM = Pattern.compile("[A-Za-z0-9_:\\-]{1,4096}");
    private static final Pattern APNS = Pattern.compile("([0-9a-fA-F]{2}){32,100}");

    private final EndpointAllowlist allowlist;

    public DeviceTokens(EndpointAllowlist allowlist) {
        this.allowlist = allowlist;
    }

    /** The token to store, or why it is refused. */
    public Parsed<String> check(Platform platform, String token) {
        if (token == null || token.isEmpty()) {
            return Parsed.err("the device token is missing");
        }
        return switch (platform) {
            case WEB -> {
                Parsed<WebSubscription> subscription = WebSubscription.parse(token);
                if (!subscription.isOk()) {
                    yield Parsed.err(subscription.reason());
                }
                yield allowlist.allows(subscription.value().endpoint()) ? Parsed.ok(token)
                        : Parsed.err("the subscription's push service is not allowed here");
            }
            case FCM -> FCM.matcher(token).matches() ? Parsed.ok(token)
                    : Parsed.err("the device token is not an FCM registration token");
            case APNS -> APNS.matcher(token).matches() ? Parsed.ok(token.toLowerCase(java.util.Locale.ROOT))
                    : Parsed.err("the device token is not a hex APNs device token");
        };
    }
}
