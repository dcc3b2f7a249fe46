package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;

import dev.starling.gateway.connection.Frame;

/** The shared wire encoding of a frame is what a WebSocket client decodes, at every length encoding of RFC 6455. */
class WireFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 125, 126, 127, 65_535, 65_536, 300_000})
    void aClientDecodesTheSharedEncodingAsTheSameTextFrame(int length) {
        String text = "é".repeat(length / 2) + "x".repeat(length % 2);
        Frame frame = Frame.shared(text);
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));

        client.writeInbound(WireFrames.duplicate(frame));
        client.writeInbound(WireFrames.duplicate(frame)); // the second duplicate reads the same bytes again

        for (int i = 0; i < 2; i++) {
            TextWebSocketFrame received = client.readInbound();
            assertThat(received.isFinalFragment()).isTrue();
            assertThat(received.text()).isEqualTo(text);
            received.release();
        }
        assertThat((Object) client.readInbound()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 200, 70_000})
    void theEncodingIsBuiltOnceAndEveryDuplicateHasItsOwnReaderIndex(int length) {
        Frame frame = Frame.shared("y".repeat(length));
        ByteBuf first = WireFrames.duplicate(frame);
        first.skipBytes(first.readableBytes());
        first.release(); // what Netty's write path does once the bytes are written

        ByteBuf second = WireFrames.duplicate(frame);
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        assertThat(second.readableBytes()).isEqualTo(header + length);
        assertThat(second.isDirect()).isTrue();
        assertThat(second.getByte(0) & 0xFF).isEqualTo(0x81);
        assertThat(second.toString(header, length, StandardCharsets.UTF_8)).isEqualTo("y".repeat(length));
        ByteBuf cached = frame.wire(f -> {
            throw new AssertionError("built twice");
        });
        assertThat(cached.readableBytes()).isEqualTo(header + length); // untouched by the duplicates' reads
    }
}
