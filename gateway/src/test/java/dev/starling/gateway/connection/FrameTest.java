package dev.starling.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link Frame#of} counts UTF-8 bytes without encoding. */
class FrameTest {

    @Test
    void asciiIsOneBytePerChar() {
        assertThat(Frame.of("").bytes()).isZero();
        assertThat(Frame.of("{\"event\":\"x\"}").bytes()).isEqualTo(13);
        assertThat(Frame.of("\u007f").bytes()).isEqualTo(1);
    }

    @Test
    void twoByteCharacters() {
        assertThat(Frame.of("\u0080").bytes()).isEqualTo(2);
        assertThat(Frame.of("é").bytes()).isEqualTo(2);
        assertThat(Frame.of("\u07ff").bytes()).isEqualTo(2);
    }

    @Test
    void threeByteCharacters() {
        assertThat(Frame.of("\u0800").bytes()).isEqualTo(3);
        assertThat(Frame.of("€").bytes()).isEqualTo(3);
        assertThat(Frame.of("中文").bytes()).isEqualTo(6);
        assertThat(Frame.of("\uffff").bytes()).isEqualTo(3);
    }

    @Test
    void surrogatePairsAreFourBytes() {
        assertThat(Frame.of("😀").bytes()).isEqualTo(4);
        assertThat(Frame.of("a😀b").bytes()).isEqualTo(6);
        assertThat(Frame.of("\uD800\uDC00").bytes()).isEqualTo(4); // U+10000
        assertThat(Frame.of("\uDBFF\uDFFF").bytes()).isEqualTo(4); // U+10FFFF
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
            assertThat(Frame.of(s).bytes()).as("%s", s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void aLoneSurrogateIsNeverUnderCounted() {
        // Encoders replace an unpaired surrogate (Java and Netty write '?'); over-counting only makes the budget stricter.
        assertThat(Frame.of("\uD800").bytes()).isGreaterThanOrEqualTo("\uD800".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Frame.of("\uDC00x").bytes()).isGreaterThanOrEqualTo("\uDC00x".getBytes(StandardCharsets.UTF_8).length);
        assertThat(Frame.of("x\uD800").bytes()).isGreaterThanOrEqualTo("x\uD800".getBytes(StandardCharsets.UTF_8).length);
    }
}
