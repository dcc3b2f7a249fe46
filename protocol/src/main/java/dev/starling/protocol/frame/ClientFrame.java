package dev.starling.protocol.frame;

/**
 * A frame received from a client, as decoded by {@link FrameDecoder}. Every possible input maps to exactly one of
 * these records; {@link Invalid} carries the reason a frame could not be understood.
 */
public sealed interface ClientFrame {

    /** {@code pusher:ping}: answer with {@code pusher:pong}. */
    record Ping() implements ClientFrame {
    }

    /** {@code pusher:pong}: the answer to a server ping. */
    record Pong() implements ClientFrame {
    }

    /**
     * {@code pusher:subscribe}. {@code auth} and {@code channelData} are {@code null} when absent;
     * {@code channelData} is the exact string that was signed. {@code replay} is the protocol-2 rewind or resume
     * request ({@link Replay#NONE} when there is none); protocol-7 sockets ignore it.
     */
    record Subscribe(String channel, String auth, String channelData, Replay replay) implements ClientFrame {

        public Subscribe(String channel, String auth, String channelData) {
            this(channel, auth, channelData, Replay.NONE);
        }
    }

    /** {@code pusher:unsubscribe}. */
    record Unsubscribe(String channel) implements ClientFrame {
    }

    /** {@code pusher:signin}; {@code userData} is the exact string that was signed. */
    record Signin(String auth, String userData) implements ClientFrame {
    }

    /**
     * A {@code client-*} event. {@code data} is what subscribers receive as the (string) {@code data} of the event:
     * the string itself when the client sent a string, otherwise the exact JSON text it sent; {@code null} when the
     * frame had no data. {@code channel} is {@code null} when absent.
     */
    record ClientEvent(String event, String channel, String data) implements ClientFrame {
    }

    /** A well-formed frame with an event name Starling does not handle. */
    record Unknown(String event) implements ClientFrame {
    }

    /** A frame that is not a valid Pusher client frame; {@code reason} says why, for the {@code pusher:error} reply. */
    record Invalid(String reason) implements ClientFrame {
    }
}
