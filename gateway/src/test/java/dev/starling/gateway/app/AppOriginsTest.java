package dev.starling.gateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.fakes.UnitApps;

/** {@link App#allowsOrigin}: which WebSocket {@code Origin} headers an app's allow-list accepts. */
class AppOriginsTest {

    @Test
    void anEmptyListAllowsEveryOriginAndNoOrigin() {
        App app = UnitApps.withOrigins(List.of());
        assertThat(app.allowsOrigin("https://anything.example")).isTrue();
        assertThat(app.allowsOrigin(null)).isTrue();
    }

    @Test
    void anExactOriginMatchesItsSchemeHostAndPortOnly() {
        App app = UnitApps.withOrigins(List.of("https://good.example.com"));
        assertThat(app.allowsOrigin("https://good.example.com")).isTrue();
        assertThat(app.allowsOrigin("HTTPS://Good.Example.com")).isTrue();
        assertThat(app.allowsOrigin("http://good.example.com")).isFalse();
        assertThat(app.allowsOrigin("https://good.example.com:8443")).isFalse();
        assertThat(app.allowsOrigin("https://evil.example.com")).isFalse();
        assertThat(app.allowsOrigin("https://good.example.com.evil.org")).isFalse();
    }

    @Test
    void aSchemelessHostMatchesAnyScheme() {
        App app = UnitApps.withOrigins(List.of("good.example.com"));
        assertThat(app.allowsOrigin("https://good.example.com")).isTrue();
        assertThat(app.allowsOrigin("http://good.example.com")).isTrue();
        assertThat(app.allowsOrigin("https://sub.good.example.com")).isFalse();
        assertThat(app.allowsOrigin("https://notgood.example.com")).isFalse();
    }

    @Test
    void aWildcardMatchesSubdomainsOnly() {
        App app = UnitApps.withOrigins(List.of("*.example.com"));
        assertThat(app.allowsOrigin("https://a.example.com")).isTrue();
        assertThat(app.allowsOrigin("http://a.b.example.com")).isTrue();
        assertThat(app.allowsOrigin("https://A.EXAMPLE.COM")).isTrue();
        assertThat(app.allowsOrigin("https://example.com")).isFalse();
        assertThat(app.allowsOrigin("https://evilexample.com")).isFalse();
        assertThat(app.allowsOrigin("https://example.com.evil.org")).isFalse();
    }

    @Test
    void aStarAllowsEveryOrigin() {
        App app = UnitApps.withOrigins(List.of("https://good.example.com", "*"));
        assertThat(app.allowsOrigin("https://anything.example")).isTrue();
        assertThat(app.allowsOrigin("null")).isTrue();
    }

    @Test
    void noOriginIsRefusedWhenThereIsAList() {
        assertThat(UnitApps.withOrigins(List.of("https://good.example.com")).allowsOrigin(null)).isFalse();
        assertThat(UnitApps.withOrigins(List.of("*.example.com")).allowsOrigin(null)).isFalse();
    }

    @Test
    void anyEntryOfTheListMayMatch() {
        App app = UnitApps.withOrigins(List.of("https://one.example.com", "two.example.com", "*.three.example.com"));
        assertThat(app.allowsOrigin("https://one.example.com")).isTrue();
        assertThat(app.allowsOrigin("http://two.example.com")).isTrue();
        assertThat(app.allowsOrigin("https://x.three.example.com")).isTrue();
        assertThat(app.allowsOrigin("https://four.example.com")).isFalse();
    }
}
