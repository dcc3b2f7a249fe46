package dev.starling.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link Parsed} holds either a value or the reason input was refused. */
class ParsedTest {

    @Test
    void okHoldsTheValueAndNoReason() {
        Parsed<String> parsed = Parsed.ok("v");

        assertThat(parsed.isOk()).isTrue();
        assertThat(parsed.value()).isEqualTo("v");
        assertThat(parsed.reason()).isNull();
    }

    @Test
    void errHoldsTheReasonAndRefusesToGiveAValue() {
        Parsed<String> parsed = Parsed.err("bad input");

        assertThat(parsed.isOk()).isFalse();
        assertThat(parsed.reason()).isEqualTo("bad input");
        assertThatThrownBy(parsed::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("bad input");
    }

    @Test
    void mapTransformsAValueAndKeepsAReason() {
        assertThat(Parsed.ok("abc").map(String::length)).isEqualTo(Parsed.ok(3));
        assertThat(Parsed.<String>err("bad").map(String::length)).isEqualTo(Parsed.err("bad"));
    }

    @Test
    void mapIsNotCalledOnAnError() {
        Parsed<Integer> mapped = Parsed.<String>err("bad").map(s -> {
            throw new AssertionError("mapper called on an error");
        });

        assertThat(mapped.reason()).isEqualTo("bad");
    }
}
