package dev.starling.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.app.HistoryLimits;
import dev.starling.gateway.connection.Frame;
import dev.starling.protocol.frame.Replay;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;

/**
 * The attach rules in cluster mode, where memory (the hot buffer) and a page of durable history (history-service)
 * are combined: what is replayed, and when a resume must fail instead of leaving a gap.
 */
class AttachPlanTest {

    private static final String STREAM = "t.3";
    private static final String CHANNEL = "orders";
    private static final long NOW = 1_000_000;
    private static final HistoryLimits LIMITS = new HistoryLimits(100, java.time.Duration.ofMinutes(10), 100, 1000);

    /** Memory holding serials {@code from..to} step {@code step}, having dropped everything up to {@code dropped}. */
    private static ChannelBuffer.Snapshot memory(long from, long to, long step, long dropped) {
        List<Retained> messages = new ArrayList<>();
        for (long s = from; s <= to; s += step) {
            messages.add(new Retained(s, Frame.of(ServerFrames.channelEvent("e", CHANNEL, "m" + s, null)), NOW - 1000));
        }
        return new ChannelBuffer.Snapshot(messages, to, dropped, dropped < 0 ? -1 : NOW - 5000);
    }

    /** A durable page with serials {@code from..to} step {@code step}. */
    private static HistoryPage durable(long from, long to, long step, long oldest, long writtenThrough, boolean more) {
        List<HistoryItem> items = new ArrayList<>();
        for (long s = from; s <= to; s += step) {
            items.add(new HistoryItem(STREAM + ":" + s, s, "e", "m" + s, null, NOW - 60_000));
        }
        return new HistoryPage(STREAM, items, oldest, to, writtenThrough, more);
    }

    private static AttachPlan plan(Replay replay, ChannelBuffer.Snapshot memory, HistoryPage durable, boolean failed,
            long coverageStart, long position) {
        return AttachPlan.of(new AttachPlan.Inputs(CHANNEL, STREAM, replay, memory, durable, failed, false,
                coverageStart, position, NOW, LIMITS, 1000));
    }

    private static List<Long> serials(AttachPlan plan) {
        return plan.frames().stream().map(f -> Long.parseLong(f.replaceAll(".*\"serial\":(\\d+)}$", "$1"))).toList();
    }

    @Test
    void aResumeInsideTheHotBufferIsServedFromMemory() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1);
        Replay resume = new Replay.Resume(STREAM, 100);
        assertThat(AttachPlan.memorySuffices(resume, memory, false, 90, STREAM, NOW, LIMITS)).isTrue();
        AttachPlan plan = plan(resume, memory, null, false, 90, 125);
        assertThat(serials(plan)).containsExactly(110L, 120L);
        assertThat(plan.serial()).isEqualTo(120);
        assertThat(plan.control()).contains("\"replayed\":2").contains("\"serial\":120");
    }

    @Test
    void aResumeBehindTheHotBufferJoinsDurableHistoryAndMemoryWithoutDuplicates() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1); // this node started reading at 90
        Replay resume = new Replay.Resume(STREAM, 40);
        assertThat(AttachPlan.memorySuffices(resume, memory, false, 90, STREAM, NOW, LIMITS)).isFalse();
        AttachPlan plan = plan(resume, memory, durable(50, 110, 10, 10, 112, false), false, 90, 125);
        assertThat(serials(plan)).containsExactly(50L, 60L, 70L, 80L, 90L, 100L, 110L, 120L);
        assertThat(plan.control()).contains("\"replayed\":8").contains("\"serial\":120");
    }

    @Test
    void aGapBetweenDurableHistoryAndMemoryIsUnavailableNotSilent() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1);
        // history-service has written only up to 70, this node saw everything after 90: 71..90 is nowhere.
        AttachPlan plan = plan(new Replay.Resume(STREAM, 40), memory, durable(50, 70, 10, 10, 70, false), false, 90,
                125);
        assertThat(plan.frames()).isEmpty();
        assertThat(plan.control()).contains("\"code\":\"unavailable\"");
    }

    @Test
    void aPositionOlderThanRetentionIsExpiredAndTooManyIsExpiredToo() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1);
        assertThat(plan(new Replay.Resume(STREAM, 5), memory, durable(10, 110, 10, 10, 200, false), false, 90, 125)
                .control()).contains("\"code\":\"position_expired\"").contains("\"oldest_serial\":10");
        assertThat(plan(new Replay.Resume(STREAM, 20), memory, durable(30, 110, 10, 10, 200, true), false, 90, 125)
                .control()).contains("\"code\":\"position_expired\"").contains("More than 1000");
    }

    @Test
    void aFailedDurableReadIsUnavailableAndAPositionAheadIsInvalid() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1);
        assertThat(plan(new Replay.Resume(STREAM, 40), memory, null, true, 90, 125).control())
                .contains("\"code\":\"unavailable\"");
        assertThat(plan(new Replay.Resume(STREAM, 500), memory, null, false, 90, 125).control())
                .contains("\"code\":\"position_invalid\"");
        assertThat(plan(new Replay.Resume("other.0", 100), memory, null, false, 90, 125).control())
                .contains("\"code\":\"stream_reset\"").contains("\"stream_id\":\"t.3\"");
    }

    @Test
    void aRewindTakesTheNewestFromBothAndAPlainAttachKnowsTheHeadFromDurableHistory() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, -1);
        assertThat(AttachPlan.memorySuffices(new Replay.RewindCount(5), memory, false, 90, STREAM, NOW, LIMITS))
                .isFalse();
        AttachPlan rewind = plan(new Replay.RewindCount(5), memory, durable(60, 110, 10, 10, 200, false), false, 90,
                125);
        assertThat(serials(rewind)).containsExactly(80L, 90L, 100L, 110L, 120L);
        assertThat(rewind.control()).contains("\"count\":5").contains("\"truncated\":false");

        AttachPlan attach = plan(Replay.NONE, null, durable(70, 70, 10, 10, 200, false), false, 90, 125);
        assertThat(attach.serial()).isEqualTo(70);
        assertThat(attach.frames()).isEmpty();
        assertThat(attach.control()).isNull();
    }

    @Test
    void aRewindNeverHasAHoleWhenDurableHistoryLagsBehindMemory() {
        ChannelBuffer.Snapshot memory = memory(100, 120, 10, 95); // memory dropped up to 95
        AttachPlan rewind = plan(new Replay.RewindCount(6), memory, durable(40, 70, 10, 10, 70, false), false, 90,
                125);
        assertThat(serials(rewind)).containsExactly(100L, 110L, 120L);
        assertThat(rewind.control()).contains("\"count\":3").contains("\"truncated\":true");
    }

    @Test
    void aRewindOfAnEmptyChannelCompletesWithNothing() {
        AttachPlan plan = AttachPlan.of(new AttachPlan.Inputs(CHANNEL, STREAM, new Replay.RewindCount(5), null, null,
                false, true, 0, 0, NOW, LIMITS, 1000));
        assertThat(plan.serial()).isNull();
        assertThat(plan.frames()).isEmpty();
        assertThat(plan.control()).contains("\"count\":0").contains("\"serial\":null");
    }
}
