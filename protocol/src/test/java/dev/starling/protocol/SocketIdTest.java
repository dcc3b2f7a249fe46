package dev.starling.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SocketId#isValid} accepts exactly the {@code \d+\.\d+} form the server SDKs sign. */
class SocketIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"123.456", "1234.1234", "0.0", "1.2", "12345678901234567890.12345678901234567890"})
    void wellFormedIdsAreValid(String socketId) {
        assertThat(SocketId.isValid(socketId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "123.", ".456", "1.2.3", "a.b", "123:456", " 123.456", "123.456 ", "123.456\n",
            "-1.2", "+1.2", "1e3.4", "١٢٣.٤٥٦", "123456789012345678901.1", "1.123456789012345678901"})
    void anythingElseIsInvalid(String socketId) {
        assertThat(SocketId.isValid(socketId)).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThat(SocketId.isValid(null)).isFalse();
    }
}
