package dev.starling.protocol.frame;

import static dev.starling.protocol.frame.RandomInputs.show;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.Parsed;
import dev.starling.protocol.api.InfoAttribute;
import dev.starling.protocol.api.TriggerRequest;
import dev.starling.protocol.channel.ChannelName;
import dev.starling.protocol.channel.ChannelType;
import dev.starling.protocol.json.Json;
import dev.starling.protocol.json.JsonText;

/**
 * Property tests of the decoders of untrusted input, without a library: each property runs on
 * {@value #INPUTS_PER_SEED} generated inputs for each of three fixed seeds and one seed taken from the clock
 * (20,000 inputs per property and run). A failure names its seed; add it to {@link #FIXED_SEEDS} to replay it.
 */
class FrameDecoderPropertyTest {

    private static final int INPUTS_PER_SEED = 5_000;
    private static final long[] FIXED_SEEDS = {1L, 42L, 0x5EED_CAFEL};
    private static final long CLOCK_SEED = System.nanoTime();

    static LongStream seeds() {
        return LongStream.concat(Arrays.stream(FIXED_SEEDS), LongStream.of(CLOCK_SEED));
    }

    /** Names the seed and the input in a failure; built only when an assertion fails. */
    private static Supplier<String> where(long seed, int i, String input) {
        return () -> "seed " + seed + ", input #" + i + ": " + show(input);
    }

    /** Runs {@code call}; any exception fails the property with the seed and the input. */
    private static <T> T mustNotThrow(long seed, int i, String input, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(where(seed, i, input).get() + " threw " + e, e);
        }
    }

    /** Some untrusted input: random text, random JSON, a valid frame, or a valid frame mutated once or twice. */
    private static String anyFrameInput(RandomInputs in) {
        return switch (in.nextInt(7)) {
            case 0 -> in.unicodeString(200);
            case 1 -> in.jsonValue(6);
            case 2 -> in.jsonObject(6);
            case 3 -> in.validFrame().text();
            case 4 -> in.mutate(in.mutate(in.validFrame().text()));
            case 5 -> in.validFrame().text() + in.unicodeString(5);
            default -> in.mutate(in.validFrame().text());
        };
    }

    // (a)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decodeNeverThrowsAndAlwaysAnswers(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        int invalid = 0;
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String input = anyFrameInput(in);

            ClientFrame frame = mustNotThrow(seed, i, input, () -> FrameDecoder.decode(input));

            assertThat(frame).as(where(seed, i, input)).isNotNull();
            if (frame instanceof ClientFrame.Invalid(String reason)) {
                assertThat(reason).as(where(seed, i, input)).isNotBlank();
                invalid++;
            }
        }
        // the generators must reach both outcomes, or the property says little
        assertThat(invalid).as("seed %d: invalid inputs", seed).isBetween(INPUTS_PER_SEED / 10, INPUTS_PER_SEED * 9 / 10);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validFramesOfEveryKindDecodeToWhatWasSent(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        Set<Class<?>> kinds = new LinkedHashSet<>();
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            RandomInputs.Case generated = in.validFrame();

            ClientFrame frame = mustNotThrow(seed, i, generated.text(), () -> FrameDecoder.decode(generated.text()));

            assertThat(frame).as(where(seed, i, generated.text())).isEqualTo(generated.expected());
            kinds.add(frame.getClass());
        }
        assertThat(kinds).as("kinds generated").hasSize(7);
    }

    // (b)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stringDataDecodesToTheString(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String s = in.unicodeString(100);
            String input = "{\"event\":\"client-x\",\"channel\":\"private-c\",\"data\":" + in.quote(s) + "}";

            ClientFrame frame = mustNotThrow(seed, i, input, () -> FrameDecoder.decode(input));

            assertThat(frame).as(where(seed, i, input)).isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", s));
        }
    }

    // (c)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void objectDataIsKeptAsItsExactText(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String value = in.jsonObject(5);
            String input = in.objectOf(List.of(in.member("event", "\"client-x\""), in.member("channel", "\"private-c\""),
                    in.member("data", value), in.member("extra", in.jsonValue(2))));

            ClientFrame frame = mustNotThrow(seed, i, input, () -> FrameDecoder.decode(input));

            assertThat(frame).as(where(seed, i, input)).isEqualTo(new ClientFrame.ClientEvent("client-x", "private-c", value));
        }
    }

    // (d)

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void channelEventsSurviveTheDoubleEncoding(long seed) throws Exception {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String event = in.unicodeString(30);
            String channel = in.unicodeString(40);
            String data = in.nextInt(8) == 0 ? null : in.nextBoolean() ? in.unicodeString(120) : in.jsonValue(4);
            String userId = in.nextBoolean() ? null : in.unicodeString(20);

            String frame = ServerFrames.channelEvent(event, channel, data, userId);
            JsonNode tree = Json.MAPPER.readTree(frame);

            Supplier<String> where = where(seed, i, frame);
            assertThat(tree.path("event").isTextual()).as(where).isTrue();
            assertThat(tree.path("event").textValue()).as(where).isEqualTo(event);
            assertThat(tree.path("channel").textValue()).as(where).isEqualTo(channel);
            assertThat(tree.has("data")).as(where).isEqualTo(data != null);
            if (data != null) {
                assertThat(tree.get("data").isTextual()).as(where).isTrue();
                assertThat(tree.get("data").textValue()).as(where).isEqualTo(data);
            }
            assertThat(tree.has("user_id")).as(where).isEqualTo(userId != null);
            if (userId != null) {
                assertThat(tree.get("user_id").textValue()).as(where).isEqualTo(userId);
            }
            assertThat(tree.size()).as(where).isEqualTo(2 + (data == null ? 0 : 1) + (userId == null ? 0 : 1));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void clientEventsRelayedByTheServerDecodeBackToTheSameEvent(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String event = "client-" + in.unicodeString(30);
            String channel = in.nextInt(10) == 0 ? null : in.unicodeString(40);
            String data = in.nextInt(8) == 0 ? null : in.unicodeString(120);

            String frame = ServerFrames.channelEvent(event, channel, data, in.nextBoolean() ? null : in.unicodeString(20));

            assertThat(FrameDecoder.decode(frame)).as(where(seed, i, frame))
                    .isEqualTo(new ClientFrame.ClientEvent(event, channel, data));
        }
    }

    // (e)

    private static final Set<String> BARE_PREFIXES = Set.of("private-", "private-encrypted-", "private-cache-",
            "private-encrypted-cache-", "presence-", "presence-cache-", "cache-");
    private static final List<String> PREFIXES = List.of("", "private-", "private-encrypted-", "private-cache-",
            "private-encrypted-cache-", "presence-", "presence-cache-", "cache-", "#server-to-user-", "private",
            "presence", "xprivate-", "#");
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";

    /** The naming rules of PROTOCOL.md, written independently of {@link ChannelName}. */
    private static boolean validByTheSpec(String name) {
        if (name.isEmpty() || name.length() > ChannelName.DEFAULT_MAX_LENGTH) {
            return false;
        }
        if (name.startsWith("#server-to-user-")) {
            String userId = name.substring("#server-to-user-".length());
            return !userId.isEmpty() && userId.chars().noneMatch(Character::isISOControl);
        }
        return name.matches("[A-Za-z0-9_\\-=@,.;]+") && !BARE_PREFIXES.contains(name);
    }

    private static String channelNameCandidate(RandomInputs in) {
        if (in.nextInt(4) == 0) {
            return in.unicodeString(170);
        }
        StringBuilder name = new StringBuilder(in.pick(PREFIXES));
        int length = in.nextInt(4) == 0 ? 150 + in.nextInt(20) : in.nextInt(12);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARS.charAt(in.nextInt(NAME_CHARS.length())));
        }
        if (in.nextInt(5) == 0) {
            name.insert(in.nextInt(name.length() + 1), in.unicodeString(2));
        }
        return name.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void channelNameParsingNeverThrowsAndFollowsTheRules(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        int accepted = 0;
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String name = channelNameCandidate(in);

            Parsed<ChannelName> parsed = mustNotThrow(seed, i, name, () -> ChannelName.parse(name));

            Supplier<String> where = where(seed, i, name);
            assertThat(parsed).as(where).isNotNull();
            assertThat(parsed.isOk()).as(() -> where.get() + " -> " + parsed).isEqualTo(validByTheSpec(name));
            if (parsed.isOk()) {
                accepted++;
                ChannelType type = parsed.value().type();
                ChannelType longest = Arrays.stream(ChannelType.values()).filter(t -> name.startsWith(t.prefix()))
                        .max((a, b) -> Integer.compare(a.prefix().length(), b.prefix().length())).orElseThrow();
                assertThat(type).as(where).isEqualTo(longest);
            } else {
                assertThat(parsed.reason()).as(where).isNotBlank();
            }
        }
        assertThat(accepted).as("seed %d: accepted names", seed).isBetween(INPUTS_PER_SEED / 10, INPUTS_PER_SEED * 9 / 10);
    }

    // (f)

    private String triggerBody(RandomInputs in, boolean oneChannel) {
        List<String> members = new ArrayList<>();
        members.add(in.member("name", in.quote(in.nonEmptyString(30))));
        members.add(in.member("data", in.quote(in.unicodeString(60))));
        if (oneChannel || in.nextBoolean()) {
            members.add(in.member("channel", in.quote(in.unicodeString(20))));
        } else {
            int count = 1 + in.nextInt(4);
            List<String> channels = new ArrayList<>();
            for (int c = 0; c < count; c++) {
                channels.add(in.quote(in.unicodeString(20)));
            }
            members.add(in.member("channels", "[" + String.join(",", channels) + "]"));
        }
        if (in.nextBoolean()) {
            members.add(in.member("socket_id", "\"" + in.nextInt(100_000) + "." + in.nextInt(100_000) + "\""));
        }
        if (in.nextBoolean()) {
            members.add(in.member("info", in.pick(List.of("\"user_count\"", "\"subscription_count,user_count\"", "\"\""))));
        }
        return in.objectOf(members);
    }

    private String batchBody(RandomInputs in) {
        int count = in.nextInt(4);
        List<String> events = new ArrayList<>();
        for (int e = 0; e < count; e++) {
            events.add(triggerBody(in, true));
        }
        return "{\"batch\":[" + String.join(",", events) + "]}";
    }

    private static String channelData(RandomInputs in) {
        String userId = in.nextBoolean() ? in.quote(in.nonEmptyString(30)) : in.jsonNumber();
        return in.nextBoolean() ? in.objectOf(List.of(in.member("user_id", userId), in.member("user_info", in.jsonValue(3))))
                : in.objectOf(List.of(in.member("user_id", userId)));
    }

    private static String userData(RandomInputs in) {
        List<String> members = new ArrayList<>();
        members.add(in.member("id", in.quote(in.nonEmptyString(30))));
        if (in.nextBoolean()) {
            members.add(in.member("user_info", in.jsonObject(2)));
        }
        if (in.nextBoolean()) {
            List<String> ids = new ArrayList<>();
            int count = in.nextInt(8);
            for (int w = 0; w < count; w++) {
                ids.add(in.nextBoolean() ? in.quote(in.unicodeString(10)) : in.jsonNumber());
            }
            members.add(in.member("watchlist", "[" + String.join(",", ids) + "]"));
        }
        return in.objectOf(members);
    }

    private String untrusted(RandomInputs in, String valid) {
        return switch (in.nextInt(6)) {
            case 0 -> in.unicodeString(100);
            case 1 -> in.jsonValue(5);
            case 2 -> valid;
            case 3 -> in.mutate(in.mutate(valid));
            default -> in.mutate(valid);
        };
    }

    private static void refusalHasAReason(Supplier<String> where, Parsed<?> parsed) {
        assertThat(parsed).as(where).isNotNull();
        if (parsed.isOk()) {
            assertThat(parsed.value()).as(where).isNotNull();
        } else {
            assertThat(parsed.reason()).as(where).isNotBlank();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void httpAndSigninParsersNeverThrow(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        Map<String, int[]> accepted = new TreeMap<>();
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String trigger = untrusted(in, triggerBody(in, false));
            String batch = untrusted(in, batchBody(in));
            String member = untrusted(in, channelData(in));
            String user = untrusted(in, userData(in));

            Parsed<TriggerRequest> t = mustNotThrow(seed, i, trigger, () -> TriggerRequest.parse(trigger));
            Parsed<List<TriggerRequest>> b = mustNotThrow(seed, i, batch, () -> TriggerRequest.parseBatch(batch));
            Parsed<PresenceMember> m = mustNotThrow(seed, i, member, () -> PresenceMember.parseChannelData(member,
                    PresenceMember.DEFAULT_MAX_USER_ID_LENGTH, PresenceMember.DEFAULT_MAX_USER_INFO_BYTES));
            Parsed<UserData> u = mustNotThrow(seed, i, user, () -> UserData.parse(user, UserData.DEFAULT_MAX_WATCHLIST));

            refusalHasAReason(where(seed, i, trigger), t);
            refusalHasAReason(where(seed, i, batch), b);
            refusalHasAReason(where(seed, i, member), m);
            refusalHasAReason(where(seed, i, user), u);
            count(accepted, "trigger", t);
            count(accepted, "batch", b);
            count(accepted, "member", m);
            count(accepted, "user", u);
        }
        // the generators must reach both outcomes of every parser, or the property says little
        assertThat(accepted).hasSize(4);
        accepted.forEach((parser, counts) -> {
            assertThat(counts[0]).as("seed %d: %s accepted", seed, parser).isGreaterThan(INPUTS_PER_SEED / 20);
            assertThat(counts[1]).as("seed %d: %s refused", seed, parser).isGreaterThan(INPUTS_PER_SEED / 20);
        });
    }

    private static void count(Map<String, int[]> counts, String parser, Parsed<?> parsed) {
        counts.computeIfAbsent(parser, p -> new int[2])[parsed.isOk() ? 0 : 1]++;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validTriggerBodiesParseToWhatWasSent(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String name = in.nonEmptyString(30);
            String data = in.unicodeString(60);
            List<String> channels = new ArrayList<>();
            int count = 1 + in.nextInt(4);
            for (int c = 0; c < count; c++) {
                channels.add(in.nextInt(3) == 0 && !channels.isEmpty() ? in.pick(channels) : in.unicodeString(20));
            }
            String socketId = in.nextBoolean() ? null : in.nextInt(1_000_000) + "." + in.nextInt(1_000_000);
            Set<InfoAttribute> info = in.nextBoolean() ? EnumSet.noneOf(InfoAttribute.class)
                    : EnumSet.of(InfoAttribute.USER_COUNT, InfoAttribute.SUBSCRIPTION_COUNT);
            List<String> members = new ArrayList<>(List.of(in.member("name", in.quote(name)), in.member("data", in.quote(data)),
                    in.member("channels", channels.stream().map(in::quote).collect(Collectors.joining(",", "[", "]")))));
            if (socketId != null) {
                members.add(in.member("socket_id", in.quote(socketId)));
            }
            if (!info.isEmpty()) {
                members.add(in.member("info", in.quote("subscription_count,user_count")));
            }
            String body = in.objectOf(members);

            Parsed<TriggerRequest> parsed = mustNotThrow(seed, i, body, () -> TriggerRequest.parse(body));

            assertThat(parsed.reason()).as(where(seed, i, body)).isNull();
            assertThat(parsed.value()).as(where(seed, i, body))
                    .isEqualTo(new TriggerRequest(name, data, List.copyOf(new LinkedHashSet<>(channels)), socketId, info));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validPresenceChannelDataParsesToWhatWasSent(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            boolean numeric = in.nextBoolean();
            String userId = numeric ? in.jsonNumber() : in.nonEmptyString(PresenceMember.DEFAULT_MAX_USER_ID_LENGTH);
            String userInfo = in.nextInt(4) == 0 ? null : in.jsonValue(3);
            List<String> members = new ArrayList<>();
            members.add(in.member("user_id", numeric ? userId : in.quote(userId)));
            if (userInfo != null) {
                members.add(in.member("user_info", userInfo));
            }
            String channelData = in.objectOf(members);

            Parsed<PresenceMember> parsed = mustNotThrow(seed, i, channelData, () -> PresenceMember.parseChannelData(
                    channelData, PresenceMember.DEFAULT_MAX_USER_ID_LENGTH, PresenceMember.DEFAULT_MAX_USER_INFO_BYTES));

            Supplier<String> where = where(seed, i, channelData);
            if (userInfo != null && userInfo.getBytes(StandardCharsets.UTF_8).length > 1024) {
                assertThat(parsed.isOk()).as(where).isFalse();
            } else {
                assertThat(parsed.reason()).as(where).isNull();
                assertThat(parsed.value()).as(where).isEqualTo(new PresenceMember(userId, userInfo));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void validUserDataParsesToWhatWasSent(long seed) {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String id = in.nonEmptyString(30);
            String userInfo = in.nextBoolean() ? null : in.jsonObject(3);
            List<String> watchlist = new ArrayList<>();
            int count = in.nextInt(12);
            for (int w = 0; w < count; w++) {
                watchlist.add(in.nextInt(4) == 0 && !watchlist.isEmpty() ? in.pick(watchlist) : in.unicodeString(12));
            }
            int max = 1 + in.nextInt(10);
            List<String> members = new ArrayList<>(List.of(in.member("id", in.quote(id)),
                    in.member("watchlist", watchlist.stream().map(in::quote).collect(Collectors.joining(",", "[", "]")))));
            if (userInfo != null) {
                members.add(in.member("user_info", userInfo));
            }
            String userData = in.objectOf(members);

            Parsed<UserData> parsed = mustNotThrow(seed, i, userData, () -> UserData.parse(userData, max));

            List<String> distinct = List.copyOf(new LinkedHashSet<>(watchlist));
            List<String> kept = distinct.subList(0, Math.min(max, distinct.size()));
            Supplier<String> where = where(seed, i, userData);
            assertThat(parsed.value()).as(() -> where.get() + " max " + max)
                    .isEqualTo(new UserData(id, userInfo, kept, distinct.size() > max));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void quotedTextParsesBackToTheSameString(long seed) throws Exception {
        RandomInputs in = new RandomInputs(new Random(seed));
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            String s = in.unicodeString(100);

            String quoted = JsonText.quote(s);

            assertThat(Json.MAPPER.readTree(quoted).textValue()).as(where(seed, i, s)).isEqualTo(s);
            assertThat(quoted.chars().filter(c -> c < 0x20)).as(where(seed, i, s)).isEmpty();
        }
    }
}
