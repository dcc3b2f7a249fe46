package dev.starling.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopologyTest {

    private static SubscriberSpec spec(ChannelKind kind, int channels, List<Integer> ports, List<String> sources,
            int slowEvery) {
        return new SubscriberSpec("127.0.0.1", ports, "k", "s", kind, "lg-", channels, "lg-event", slowEvery, 0, 200,
                sources, 1, 10, 0, 0, 8192, 1000, 7);
    }

    @Test
    void channelsAreNamedByTypeAndAssignedRoundRobin() {
        Topology topology = new Topology(spec(ChannelKind.PRIVATE, 3, List.of(6001), List.of(), 0));
        assertThat(topology.channel(0)).isEqualTo("private-lg-0");
        assertThat(topology.channel(4)).isEqualTo("private-lg-1");
        assertThat(topology.channelData(4)).isNull();
    }

    @Test
    void everySourceAddressAndPortPairGetsTheSameShare() {
        Topology topology = new Topology(spec(ChannelKind.PUBLIC, 1, List.of(1, 2, 3), List.of("a", "b", "c"), 0));
        Map<String, Integer> pairs = new HashMap<>();
        for (int i = 0; i < 900; i++) {
            pairs.merge(topology.sourceIndex(i) + "/" + topology.port(i), 1, Integer::sum);
        }
        assertThat(pairs).hasSize(9).allSatisfy((pair, count) -> assertThat(count).isEqualTo(100));
    }

    @Test
    void withoutSourceAddressesTheOsChooses() {
        assertThat(new Topology(spec(ChannelKind.PUBLIC, 1, List.of(1), List.of(), 0)).sourceIndex(5)).isEqualTo(-1);
    }

    @Test
    void slowConsumersAreEveryNth() {
        Topology topology = new Topology(spec(ChannelKind.PUBLIC, 1, List.of(1), List.of(), 50));
        assertThat(java.util.stream.IntStream.range(0, 200).filter(topology::slow).boxed().toList())
                .containsExactly(0, 50, 100, 150);
        assertThat(new Topology(spec(ChannelKind.PUBLIC, 1, List.of(1), List.of(), 0)).slow(0)).isFalse();
    }

    @Test
    void presenceMembersHaveOneUserEach() {
        Topology topology = new Topology(spec(ChannelKind.PRESENCE, 2, List.of(1), List.of(), 0));
        assertThat(topology.channelData(7)).isEqualTo("{\"user_id\":\"u7\",\"user_info\":{\"n\":7}}");
    }

    @Test
    void sharesSplitTheRatesOverProcesses() {
        SubscriberSpec spec = new SubscriberSpec("h", List.of(1), "k", "s", ChannelKind.PUBLIC, "p", 1, "e", 0, 100,
                200, List.of(), 1, 10, 1000, 0, 8192, 1000, 7);
        assertThat(spec.share(4).rampPerSecond()).isEqualTo(250);
        assertThat(spec.share(4).toggleRate()).isEqualTo(25);
    }
}
