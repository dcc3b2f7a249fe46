package dev.starling.loadgen.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.loadgen.stats.Slope.Point;

class SlopeTest {

    @Test
    void aStraightLineGivesItsSlopeAndInterceptExactly() {
        // 100 MB baseline + 2 KB per connection
        Slope slope = Slope.fit(List.of(new Point(0, 100e6), new Point(2000, 100e6 + 4096e3),
                new Point(5000, 100e6 + 10240e3)));
        assertThat(slope.slope()).isCloseTo(2048, within(1e-6));
        assertThat(slope.intercept()).isCloseTo(100e6, within(1e-3));
        assertThat(slope.r2()).isCloseTo(1, within(1e-9));
    }

    @Test
    void noiseLowersTheFit() {
        Slope slope = Slope.fit(List.of(new Point(0, 10), new Point(1, 30), new Point(2, 20), new Point(3, 40)));
        assertThat(slope.slope()).isCloseTo(8, within(1e-9));
        assertThat(slope.r2()).isBetween(0.0, 0.9);
    }

    @Test
    void needsTwoDistinctXs() {
        assertThat(Slope.fit(List.of(new Point(1, 1)))).isNull();
        assertThat(Slope.fit(List.of(new Point(1, 1), new Point(1, 2)))).isNull();
    }
}
