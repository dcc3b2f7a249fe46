package dev.starling.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.loadgen.client.ChannelKind;
import picocli.CommandLine;

class LoadOptionsTest {

    private static RunConfig parse(String... args) {
        LoadOptions options = new LoadOptions();
        new CommandLine(options).parseArgs(args);
        return options.toConfig();
    }

    @Test
    void fanoutDefaults() {
        RunConfig c = parse("fanout");
        assertThat(c.scenario()).isEqualTo(Scenario.FANOUT);
        assertThat(c.host()).isEqualTo("127.0.0.1");
        assertThat(c.ports()).containsExactly(6001);
        assertThat(c.connections()).containsExactly(1000);
        assertThat(c.channels()).isEqualTo(1);
        assertThat(c.channelType()).isEqualTo(ChannelKind.PUBLIC);
        assertThat(c.rate()).isEqualTo(20);
        assertThat(c.payloadBytes()).isEqualTo(100);
        assertThat(c.durationSeconds()).isEqualTo(10);
        assertThat(c.warmupSeconds()).isEqualTo(2);
        assertThat(c.processes()).isEqualTo(1);
        assertThat(c.maxRuntimeSeconds()).isGreaterThan(2 * 10 + 120);
    }

    @Test
    void scenarioDefaultsDiffer() {
        assertThat(parse("idle").channels()).isEqualTo(100);
        assertThat(parse("idle").warmupSeconds()).isZero();
        assertThat(parse("many-channels").channels()).isEqualTo(1000);
        assertThat(parse("many-channels", "--channels", "500", "--channel-rate", "2").publishRate()).isEqualTo(1000);
        RunConfig presence = parse("presence");
        assertThat(presence.channelType()).isEqualTo(ChannelKind.PRESENCE);
        assertThat(presence.channels()).isEqualTo(100);
        assertThat(presence.rate()).isZero();
        assertThat(parse("slow-consumer", "--connections", "50").slowEvery()).isEqualTo(100);
        assertThat(parse("slow-consumer", "--slow-percent", "10").slowEvery()).isEqualTo(10);
        assertThat(parse("fanout").slowEvery()).isZero();
    }

    @Test
    void listsAndDurationsParse() {
        RunConfig c = parse("idle", "--connections", "2000,5000,10000", "--duration", "1500ms", "--ports",
                "6001,6002", "--source-addresses", "127.0.0.2,127.0.0.3", "--child-jvm-args", "-Xmx1g -XX:+UseZGC");
        assertThat(c.connections()).containsExactly(2000, 5000, 10000);
        assertThat(c.durationSeconds()).isEqualTo(1.5);
        assertThat(c.ports()).containsExactly(6001, 6002);
        assertThat(c.sourceAddresses()).containsExactly("127.0.0.2", "127.0.0.3");
        assertThat(c.childJvmArgs()).containsExactly("-Xmx1g", "-XX:+UseZGC");
        assertThat(LoadOptions.Seconds.parse("2m")).isEqualTo(120);
        assertThat(LoadOptions.Seconds.parse("3s")).isEqualTo(3);
        assertThat(LoadOptions.Seconds.parse("0.25")).isEqualTo(0.25);
    }

    @Test
    void refusesNonLoopbackHostsUnlessAllowed() {
        assertThatThrownBy(() -> parse("fanout", "--host", "192.0.2.10"))
                .hasMessageContaining("not a loopback address");
        assertThatThrownBy(() -> parse("fanout", "--source-addresses", "127.0.0.2,192.0.2.10"))
                .hasMessageContaining("--source-addresses");
        assertThat(parse("fanout", "--host", "192.0.2.10", "--allow-remote").host()).isEqualTo("192.0.2.10");
        assertThat(parse("fanout", "--host", "localhost").host()).isEqualTo("localhost");
    }

    @Test
    void saysHowToGoPastTheProcessAndPortLimits() {
        assertThatThrownBy(() -> parse("idle", "--connections", "30000"))
                .hasMessageContaining("use --processes 2");
        assertThatThrownBy(() -> parse("idle", "--connections", "60000", "--processes", "4"))
                .hasMessageContaining("--source-addresses");
        assertThat(parse("idle", "--connections", "60000", "--processes", "4", "--source-addresses",
                "127.0.0.1,127.0.0.2,127.0.0.3").totalConnections()).isEqualTo(60000);
    }

    @Test
    void refusesCombinationsThatCannotWork() {
        assertThatThrownBy(() -> parse("cluster")).hasMessageContaining("--ports");
        assertThatThrownBy(() -> parse("fanout", "--connections", "10,20")).hasMessageContaining("idle only");
        assertThatThrownBy(() -> parse("idle", "--connections", "20,10")).hasMessageContaining("ascending");
        assertThatThrownBy(() -> parse("presence", "--connections", "1000", "--channels", "5"))
                .hasMessageContaining("at most 100 members");
        assertThatThrownBy(() -> parse("presence", "--channel-type", "public")).hasMessageContaining("presence");
        assertThatThrownBy(() -> parse("fanout", "--channel-type", "secret")).hasMessageContaining("--channel-type");
        assertThatThrownBy(() -> parse("storm")).hasMessageContaining("Unknown scenario");
        assertThatThrownBy(() -> parse("idle", "--server-gc")).hasMessageContaining("--server-pid");
        assertThatThrownBy(() -> parse("slow-consumer", "--slow-percent", "0")).hasMessageContaining("slow-percent");
    }

    @Test
    void theSecretStaysOutOfTheRecordButReachesTheSubscribers() {
        RunConfig c = parse("fanout", "--secret", "s3cr3t", "--channel-type", "private");
        assertThat(c.subscriberSpec().appSecret()).isEqualTo("s3cr3t");
        assertThat(c.publisherSpec(List.of("private-lg-0")).secret()).isEqualTo("s3cr3t");
    }
}
