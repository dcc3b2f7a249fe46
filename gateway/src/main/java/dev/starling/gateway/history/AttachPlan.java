package dev.starling.gateway.history;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import dev.starling.gateway.app.HistoryLimits;
import dev.starling.protocol.frame.PositionedFrames;
import dev.starling.protocol.frame.PositionedFrames.ResumeFailure;
import dev.starling.protocol.frame.Replay;
import dev.starling.protocol.frame.ServerFrames;
import dev.starling.protocol.history.HistoryItem;
import dev.starling.protocol.history.HistoryPage;

/**
 * What a protocol-2 subscriber gets when it attaches to a channel: the attach position for
 * {@code subscription_succeeded}, the messages to replay (oldest first, as positioned frames) and the closing
 * {@code starling:*} event — decided from what this node holds in memory and, where that is not enough, a page of
 * durable history. A pure function of its inputs (see {@link #of}), so every rule of PROTOCOL-V2.md sections 2 and
 * 3 is tested without sockets.
 *
 * <p>Completeness: memory holds every message of the channel above {@code coveredAfter} (what this node has seen
 * since it started reading the stream, minus what it dropped); a page of durable history holds every message up to
 * its {@code written_through}. A resume is served only when together they hold everything after the position —
 * otherwise it fails, never with a silent gap.
 *
 * @param streamId the channel's stream
 * @param serial  the attach position: the newest serial of the channel known here, {@code null} when none
 * @param frames  positioned frames to send after {@code subscription_succeeded}, oldest first
 * @param outcome  for the metric: {@code attached}, {@code rewound}, {@code resumed}, or the failure code of a resume
 * @param control the {@code starling:rewind_complete} / {@code resume_success} / {@code resume_failed} frame, or
 *                {@code null} when nothing was asked
 */
public record AttachPlan(String streamId, Long serial, List<String> frames, String control, String outcome) {

    /** Everything {@link #of} decides from. */
    /**
     * @param memory             what this node holds of the channel, {@code null} when nothing
     * @param durable            a page of durable history read for this attach, {@code null} when none was read
     * @param durableFailed      durable history was needed but could not be read
     * @param memoryIsEverything a single node: memory is the whole history
     * @param coverageStart      this node has seen every message of the stream above this serial
     * @param streamPosition     the newest serial of the stream this node has seen (any channel of it)
     */
    public record Inputs(String channel, String streamId, Replay replay, ChannelBuffer.Snapshot memory,
            HistoryPage durable, boolean durableFailed, boolean memoryIsEverything, long coverageStart,
            long streamPosition, long nowMillis, HistoryLimits limits, int maxReplay) {
    }

    private record Message(long serial, String frame, long publishedAtMillis) {
    }

    public static AttachPlan of(Inputs in) {
        TreeMap<Long, Message> known = known(in);
        Long head = head(in, known);
        return switch (in.replay()) {
            case Replay.None none -> new AttachPlan(in.streamId(), head, List.of(), null, "attached");
            case Replay.RewindCount count -> {
                TreeMap<Long, Message> usable = holeFree(in, known);
                yield rewindCount(in, usable, head, count.count(), usable != known);
            }
            case Replay.RewindSeconds seconds -> {
                TreeMap<Long, Message> usable = holeFree(in, known);
                yield rewindSeconds(in, usable, head, seconds.seconds(), usable != known);
            }
            case Replay.Resume resume -> resume(in, known, head, resume);
            case Replay.Malformed malformed -> throw new IllegalArgumentException("malformed replay: " + malformed);
        };
    }

    /**
     * Whether memory alone can answer: always on a single node; in cluster mode when it knows the channel's head
     * (for a plain attach or a resume) and holds everything the request needs.
     */
    public static boolean memorySuffices(Replay replay, ChannelBuffer.Snapshot memory, boolean memoryIsEverything,
            long coverageStart, String streamId, long nowMillis, HistoryLimits limits) {
        if (memoryIsEverything) {
            return true;
        }
        if (replay instanceof Replay.Resume resume && !resume.streamId().equals(streamId)) {
            return true; // stream_reset: nothing to read
        }
        if (memory == null || memory.head() == null) {
            return false;
        }
        long coveredAfter = Math.max(coverageStart, memory.droppedThrough());
        List<Retained> messages = memory.messages();
        return switch (replay) {
            case Replay.None none -> true;
            case Replay.Resume resume -> resume.serial() >= coveredAfter;
            case Replay.RewindCount count -> messages.size() >= Math.min(count.count(), limits.maxRewind());
            // Memory holds the whole window once it has dropped something older than the window.
            case Replay.RewindSeconds seconds -> memory.droppedPublishedAtMillis() >= 0
                    && memory.droppedPublishedAtMillis() < nowMillis - seconds.seconds() * 1000;
            case Replay.Malformed malformed -> true;
        };
    }

    private static TreeMap<Long, Message> known(Inputs in) {
        TreeMap<Long, Message> known = new TreeMap<>();
        if (in.durable() != null) {
            for (HistoryItem item : in.durable().items()) {
                String frame = ServerFrames.channelEvent(item.event(), in.channel(), item.data(), item.userId());
                known.put(item.serial(), new Message(item.serial(),
                        PositionedFrames.withPosition(frame, in.streamId(), item.serial()), item.publishedAtMs()));
            }
        }
        if (in.memory() != null) {
            for (Retained message : in.memory().messages()) {
                known.put(message.serial(), new Message(message.serial(),
                        PositionedFrames.withPosition(message.frame().text(), in.streamId(), message.serial()),
                        message.publishedAtMillis()));
            }
        }
        return known;
    }

    private static Long head(Inputs in, TreeMap<Long, Message> known) {
        long head = -1;
        if (in.memory() != null && in.memory().head() != null) {
            head = in.memory().head();
        }
        if (in.durable() != null && in.durable().newestSerial() != null) {
            head = Math.max(head, in.durable().newestSerial());
        }
        if (!known.isEmpty()) {
            head = Math.max(head, known.lastKey());
        }
        return head < 0 ? null : head;
    }

    /**
     * What a rewind may replay: it must be contiguous with the live stream, so when durable history stops short of
     * where memory starts (history-service lagging more than the hot buffer holds) only memory's part is used (and the
     * rewind is reported as truncated) rather than a replay with a hole in it. Returns {@code known} itself when
     * there is no hole.
     */
    private static TreeMap<Long, Message> holeFree(Inputs in, TreeMap<Long, Message> known) {
        HistoryPage page = in.durable();
        if (page == null || in.memory() == null) {
            return known;
        }
        long coveredAfter = Math.max(in.coverageStart(), in.memory().droppedThrough());
        if (page.writtenThrough() >= coveredAfter) {
            return known;
        }
        return new TreeMap<>(known.tailMap(coveredAfter, false));
    }

    private static AttachPlan rewindCount(Inputs in, TreeMap<Long, Message> known, Long head, long requested,
            boolean holeCut) {
        long allowed = Math.min(requested, in.limits().maxRewind());
        List<Message> picked = new ArrayList<>(known.values());
        if (picked.size() > allowed) {
            picked = picked.subList(picked.size() - (int) allowed, picked.size());
        }
        boolean capped = requested > in.limits().maxRewind();
        boolean retentionCut = picked.size() < allowed && (in.durableFailed()
                || in.durable() == null && in.memory() != null && in.memory().droppedThrough() >= 0);
        return rewound(in, head, picked, capped || retentionCut || holeCut && picked.size() < allowed);
    }

    private static AttachPlan rewindSeconds(Inputs in, TreeMap<Long, Message> known, Long head, long seconds,
            boolean holeCut) {
        long since = in.nowMillis() - seconds * 1000;
        List<Message> picked = new ArrayList<>();
        for (Message message : known.values()) {
            if (message.publishedAtMillis() >= since) {
                picked.add(message);
            }
        }
        boolean capped = picked.size() > in.maxReplay();
        if (capped) {
            picked = picked.subList(picked.size() - in.maxReplay(), picked.size());
        }
        boolean retentionCut = in.durableFailed() || in.durable() == null && in.memory() != null
                && in.memory().droppedPublishedAtMillis() >= since;
        return rewound(in, head, picked, capped || retentionCut || holeCut);
    }

    private static AttachPlan rewound(Inputs in, Long head, List<Message> picked, boolean truncated) {
        List<String> frames = picked.stream().map(Message::frame).toList();
        Long after = picked.isEmpty() ? head : Long.valueOf(picked.getLast().serial());
        return new AttachPlan(in.streamId(), head, frames, PositionedFrames.rewindComplete(in.channel(), frames.size(),
                in.streamId(), after, truncated), "rewound");
    }

    private static AttachPlan resume(Inputs in, TreeMap<Long, Message> known, Long head, Replay.Resume resume) {
        if (!resume.streamId().equals(in.streamId())) {
            return failed(in, head, ResumeFailure.STREAM_RESET, "The channel's stream changed from "
                    + resume.streamId() + " to " + in.streamId() + "; read history to catch up", oldest(in, known));
        }
        long position = resume.serial();
        long streamHead = Math.max(in.streamPosition(), head == null ? -1 : head);
        if (position > streamHead) {
            return failed(in, head, ResumeFailure.POSITION_INVALID, "Serial " + position
                    + " is ahead of the stream's newest message (" + streamHead + ")", oldest(in, known));
        }
        ChannelBuffer.Snapshot memory = in.memory();
        if (in.memoryIsEverything()) {
            if (memory == null || position < memory.droppedThrough()) {
                return expired(in, known, head, position);
            }
        } else {
            long coveredAfter = memory == null ? in.coverageStart()
                    : Math.max(in.coverageStart(), memory.droppedThrough());
            if (position < coveredAfter) {
                // Memory misses some of what follows the position: durable history must hold the rest.
                HistoryPage page = in.durable();
                if (page == null || in.durableFailed()) {
                    return failed(in, head, ResumeFailure.UNAVAILABLE, "History cannot be read right now", null);
                }
                if (page.writtenThrough() < coveredAfter) {
                    return failed(in, head, ResumeFailure.UNAVAILABLE, "History is still being written; retry "
                            + "shortly", oldest(in, known));
                }
                if (page.oldestSerial() == null || position < page.oldestSerial()) {
                    return expired(in, known, head, position);
                }
                if (page.hasMore()) {
                    return tooFar(in, known, head, position);
                }
            }
        }
        if (head == null || position > head) {
            return in.durableFailed()
                    ? failed(in, head, ResumeFailure.UNAVAILABLE, "History cannot be read right now", null)
                    : failed(in, head, ResumeFailure.POSITION_INVALID, "Serial " + position
                            + " is not a position of this channel (its newest is " + head + ")", oldest(in, known));
        }
        List<String> frames = known.tailMap(position, false).values().stream().map(Message::frame).toList();
        if (frames.size() > in.maxReplay()) {
            return tooFar(in, known, head, position);
        }
        Long after = frames.isEmpty() ? head : known.lastKey();
        return new AttachPlan(in.streamId(), head, frames, PositionedFrames.resumeSuccess(in.channel(), frames.size(),
                in.streamId(), after), "resumed");
    }

    private static AttachPlan expired(Inputs in, TreeMap<Long, Message> known, Long head, long position) {
        return failed(in, head, ResumeFailure.POSITION_EXPIRED, "Messages after serial " + position
                + " are no longer retained", oldest(in, known));
    }

    private static AttachPlan tooFar(Inputs in, TreeMap<Long, Message> known, Long head, long position) {
        return failed(in, head, ResumeFailure.POSITION_EXPIRED, "More than " + in.maxReplay()
                + " messages follow serial " + position + "; read history to catch up", oldest(in, known));
    }

    private static Long oldest(Inputs in, TreeMap<Long, Message> known) {
        Long oldest = known.isEmpty() ? null : known.firstKey();
        if (in.durable() != null && in.durable().oldestSerial() != null) {
            oldest = oldest == null ? in.durable().oldestSerial() : Math.min(oldest, in.durable().oldestSerial());
        }
        return oldest;
    }

    private static AttachPlan failed(Inputs in, Long head, ResumeFailure code, String reason, Long oldest) {
        return new AttachPlan(in.streamId(), head, List.of(), PositionedFrames.resumeFailed(in.channel(), code, reason,
                in.streamId(), oldest), code.wire());
    }
}
