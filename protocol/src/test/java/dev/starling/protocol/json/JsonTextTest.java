package dev.starling.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JsonText} writes string literals exactly as JavaScript's {@code JSON.stringify} does. */
class JsonTextTest {

    @Test
    void emptyStringIsTwoQuotes() {
        assertThat(JsonText.quote("")).isEqualTo("\"\"");
    }

    @Test
    void plainAsciiIsWrittenAsIs() {
        assertThat(JsonText.quote("hello world 123 {}[]:,")).isEqualTo("\"hello world 123 {}[]:,\"");
    }

    @Test
    void quoteAndBackslashAreEscaped() {
        assertThat(JsonText.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void shortEscapesAreUsedForTheirFiveControlCharacters() {
        assertThat(JsonText.quote("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
    }

    @ParameterizedTest(name = "U+{0} -> {1}")
    @CsvSource({
            "0000, \\u0000",
            "0001, \\u0001",
            "0007, \\u0007",
            "000b, \\u000b",
            "000e, \\u000e",
            "001a, \\u001a",
            "001f, \\u001f",
    })
    void otherControlCharactersUseLowercaseUnicodeEscapes(String hex, String expected) {
        String value = "x" + (char) Integer.parseInt(hex, 16) + "y";

        assertThat(JsonText.quote(value)).isEqualTo("\"x" + expected + "y\"");
    }

    @Test
    void everyControlCharacterIsEscapedAndNothingAboveIs() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(JsonText.quote(String.valueOf(c))).as("U+%04x", (int) c).startsWith("\"\\").hasSizeGreaterThan(3);
        }
        for (char c = 0x20; c < 0x80; c++) {
            if (c == '"' || c == '\\') {
                continue;
            }
            assertThat(JsonText.quote(String.valueOf(c))).as("U+%04x", (int) c).isEqualTo("\"" + c + "\"");
        }
    }

    @Test
    void slashIsNotEscaped() {
        assertThat(JsonText.quote("a/b</script>")).isEqualTo("\"a/b</script>\"");
    }

    @Test
    void deleteAndLineSeparatorsAreWrittenAsIs() {
        // JSON.stringify leaves U+007F and (since ES2019) U+2028 / U+2029 unescaped.
        assertThat(JsonText.quote("\u007f\u2028\u2029")).isEqualTo("\"\u007f\u2028\u2029\"");
    }

    @Test
    void nonAsciiIsWrittenVerbatim() {
        assertThat(JsonText.quote("héllo wörld ünïcødé 日本語 Ω")).isEqualTo("\"héllo wörld ünïcødé 日本語 Ω\"");
    }

    @Test
    void surrogatePairsAreWrittenVerbatim() {
        String emoji = "😀👍🏽🇫🇷";

        assertThat(JsonText.quote("a" + emoji + "b")).isEqualTo("\"a" + emoji + "b\"");
    }

    @Test
    void loneHighSurrogateIsEscapedInLowercase() {
        assertThat(JsonText.quote("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
        assertThat(JsonText.quote("\uDBFF")).isEqualTo("\"\\udbff\"");
    }

    @Test
    void loneLowSurrogateIsEscapedInLowercase() {
        assertThat(JsonText.quote("a\uDE00b")).isEqualTo("\"a\\ude00b\"");
        assertThat(JsonText.quote("\uDC00")).isEqualTo("\"\\udc00\"");
    }

    @Test
    void surrogatesOutOfOrderAreBothEscaped() {
        assertThat(JsonText.quote("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
    }

    @Test
    void highSurrogateBeforeAPairIsEscapedAndThePairKept() {
        assertThat(JsonText.quote("\uD83D\uD83D\uDE00")).isEqualTo("\"\\ud83d\uD83D\uDE00\"");
    }

    @Test
    void pairFollowedByLoneLowSurrogateEscapesOnlyTheLoneOne() {
        assertThat(JsonText.quote("\uD83D\uDE00\uDE00")).isEqualTo("\"\uD83D\uDE00\\ude00\"");
    }

    @Test
    void appendEscapedWritesNoQuotesAndAppendsToWhatIsThere() {
        StringBuilder out = new StringBuilder("prefix:");

        JsonText.appendEscaped(out, "a\"\n");

        assertThat(out).hasToString("prefix:a\\\"\\n");
    }

    @Test
    void appendQuotedAppendsToWhatIsThere() {
        StringBuilder out = new StringBuilder("{\"k\":");

        JsonText.appendQuoted(out, "v\t").append('}');

        assertThat(out).hasToString("{\"k\":\"v\\t\"}");
    }

    @Test
    void mixedContentMatchesJsonStringify() {
        // What node prints for JSON.stringify of the same string.
        assertThat(JsonText.quote("Hi \"you\"\n\u0001 / ü 😀 \\"))
                .isEqualTo("\"Hi \\\"you\\\"\\n\\u0001 / ü 😀 \\\\\"");
    }
}
