package dev.starling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Frame#utf8Length} counts UTF-8 bytes without encoding; {@link Frame#of} encodes once. */
class FrameTest {

    @Test
    void asciiIsOneBytePerChar() {
        assertThat(Frame.utf8Length("")).isZero();
        assertThat(Frame.utf8Length("{\"event\":\"x\"}")).isEqualTo(13);
        assertThat(Frame.utf8Length("\u007f")).isEqualTo(1);
    }

    @Test
    void twoByteCharacters() {
        assertThat(Frame.utf8Length("\u0080")).isEqualTo(2);
        assertThat(Frame.utf8Length("é")).isEqualTo(2);
        assertThat(Frame.utf8Length("\u07ff")).isEqualTo(2);
    }

    @Test
    void threeByteCharacters() {
        assertThat(Frame.utf8Length("\u0800")).isEqualTo(3);
        assertThat(Frame.utf8Length("€")).isEqualTo(3);
        assertThat(Frame.utf8Length("中文")).isEqualTo(6);
        assertThat(Frame.utf8Length("\uffff")).isEqualTo(3);
    }

    @Test
    void surrogatePairsAreFourBytes() {
        assertThat(Frame.utf8Length("😀")).isEqualTo(4);
        assertThat(Frame.utf8Length("a😀b")).isEqualTo(6);
        assertThat(Frame.utf8Length("\uD800\uDC00")).isEqualTo(4); // U+10000
        assertThat(Frame.utf8Length("\uDBFF\uDFFF")).isEqualTo(4); // U+10FFFF
    }

    @Test
    void agreesWithTheJdkEncoderOnRandomWellFormedText() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int codePoints = random.nextInt(40);
            for (int j = 0; j < codePoints; j++) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> 0x80 + random.nextInt(0x800 - 0x80);
                    case 2 -> 0xE000 + random.nextInt(0x10000 - 0xE000); // BMP above the surrogates
                    default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
                };
                text.appendCodePoint(codePoint);
            }
            String s = text.toString();
            assertThat(Frame.utf8Length(s)).as("%s", s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aFrameKnowsItsEncodedSize() {
        assertThat(Frame.of("a😀é").bytes()).isEqualTo(7);
        assertThat(Frame.of("a😀é").utf8()).isEqualTo("a😀é".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateIsNeverUnderCounted() {
        // Encoders replace an unpaired surrogate (Java and Netty write '?'); over-counting only makes the budget stricter.
        assertThat(Frame.utf8Length("\uD800")).isGreaterThanOrEqualTo("\uD800".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Frame.utf8Length("\uDC00x")).isGreaterThanOrEqualTo("\uDC00x".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Frame.utf8Length("x\uD800")).isGreaterThanOrEqualTo("x\uD800".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aKeptCopyOfASharedFrameHasTheSameBytesAndNoSharedEncoding() {
        Frame shared = Frame.shared("{\"event\":\"e\"}");
        shared.wire(f -> "encoded");
        Frame kept = shared.forKeeping();

        assertThat(kept.shared()).isFalse();
        assertThat(kept.utf8()).isSameAs(shared.utf8());
        assertThat(kept.text()).isSameAs(shared.text());
        assertThat(kept.<String>wire(f -> "fresh")).isEqualTo("fresh");
        Frame single = Frame.of("x");
        assertThat(single.forKeeping()).isSameAs(single);
    }

    @Test
    void aFrameKnowsWhetherItWasWrittenBefore() {
        Frame frame = Frame.shared("{}");
        assertThat(frame.repeatWrite()).isFalse();
        assertThat(frame.repeatWrite()).isTrue();
        assertThat(frame.repeatWrite()).isTrue();
    }
}
