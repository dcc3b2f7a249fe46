package dev.starling.loadgen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.starling.loadgen.client.ChannelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line. Options left out take the scenario's default ({@link #toConfig()}); durations take {@code 10},
 * {@code 10s}, {@code 500ms} or {@code 2m}.
 */
@Command(name = "starling-loadgen", mixinStandardHelpOptions = true, version = "starling-loadgen 0.1.0",
        sortOptions = false, usageHelpWidth = 120,
        description = "Load generator for Pusher-protocol servers (Starling, Soketi, …): real WebSocket subscribers "
                + "and signed HTTP API publishes on loopback. Every run is bounded in time and count.%n",
        footer = {"%nScenarios: idle, fanout, many-channels, churn, cluster, slow-consumer, presence "
                + "(see loadgen/README.md).",
                "Exit status: 0 clean run, 1 run finished with problems (failed connections, drops, …), "
                        + "2 bad options, 3 aborted."})
public final class LoadOptions {

    /** Sockets one process may hold here: the open-file limit is 20000, less a margin for the JVM's own files. */
    static final int MAX_SOCKETS_PER_PROCESS = 19_000;
    /** Ephemeral ports per (source address, destination address and port). */
    static final int MAX_PER_SOURCE_AND_PORT = 28_000;

    @Parameters(index = "0", paramLabel = "SCENARIO",
            description = "idle | fanout | many-channels | churn | cluster | slow-consumer | presence")
    String scenario;

    @Option(names = "--host", description = "Server host; loopback only unless --allow-remote (default 127.0.0.1)")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Server WebSocket/HTTP port (default 6001)")
    int port = 6001;

    @Option(names = "--ports", split = ",", paramLabel = "P1,P2,…", hideParamSyntax = true,
            description = "Several ports (cluster nodes): subscribers spread over them, publishes rotate over them")
    List<Integer> ports;

    @Option(names = "--app-id", description = "App id for the HTTP API (default app-id)")
    String appId = "app-id";

    @Option(names = "--key", description = "App key (default app-key)")
    String key = "app-key";

    @Option(names = "--secret", description = "App secret: signs publishes and private/presence subscriptions "
            + "(default app-secret)")
    String secret = "app-secret";

    @Option(names = "--connections", split = ",", paramLabel = "N[,N…]", hideParamSyntax = true,
            description = "Subscriber connections (default 1000); idle takes several ascending values for the slope")
    List<Integer> connections;

    @Option(names = "--channels", description = "Channels; connection i subscribes to channel i %% channels "
            + "(default: idle 100, many-channels 1000, presence connections/10, others 1)")
    Integer channels;

    @Option(names = "--channel-type", description = "public | private | presence (default public; presence for "
            + "the presence scenario)")
    String channelType;

    @Option(names = "--channel-prefix", description = "Channel names are <type prefix><prefix><n> (default lg-)")
    String channelPrefix = "lg-";

    @Option(names = "--event", description = "Event name of the load events (default lg-event)")
    String eventName = "lg-event";

    @Option(names = "--rate", description = "Publishes per second, 0 = flat out (default 20)")
    Double rate;

    @Option(names = "--channel-rate", description = "many-channels: publishes per second per channel (default 1)")
    double channelRate = 1;

    @Option(names = "--payload-bytes", description = "Size of each event's data (default 100)")
    int payloadBytes = 100;

    @Option(names = "--duration", converter = Seconds.class, description = "Length of the measured phase "
            + "(churn and slow-consumer run a --baseline phase first) and, for idle, the hold time per level "
            + "(default 10s)")
    Double duration;

    @Option(names = "--baseline", converter = Seconds.class, description = "Length of the baseline phase of churn "
            + "and slow-consumer (default: --duration)")
    Double baseline;

    @Option(names = "--warmup", converter = Seconds.class, description = "Publishing before measuring (default 2s)")
    Double warmup;

    @Option(names = "--drain", converter = Seconds.class,
            description = "Longest wait for outstanding deliveries after publishing stops (default 5s)")
    double drain = 5;

    @Option(names = "--ramp", description = "New connections per second, all processes together; 0 = as fast as "
            + "--connect-concurrency allows (default 0)")
    double ramp;

    @Option(names = "--connect-concurrency", description = "Handshakes in progress at once per process (default 200)")
    int connectConcurrency = 200;

    @Option(names = "--connect-timeout", converter = Seconds.class,
            description = "Per connection, from start to subscription_succeeded (default 30s)")
    double connectTimeout = 30;

    @Option(names = "--source-addresses", split = ",", paramLabel = "A1,A2,…", hideParamSyntax = true,
            description = "Local addresses to bind (127.0.0.2, …): about 28k connections per address and port")
    List<String> sourceAddresses = new ArrayList<>();

    @Option(names = "--processes", description = "Subscriber processes; > 1 spawns child JVMs, each with a share "
            + "of the connections, and merges their results (default 1)")
    int processes = 1;

    @Option(names = "--child-jvm-args", split = " ", paramLabel = "\"ARGS\"", hideParamSyntax = true,
            description = "JVM options of child processes, space-separated (default: this JVM's options)")
    List<String> childJvmArgs;

    @Option(names = "--event-loops", description = "Vert.x event loops per process (default: cores)")
    Integer eventLoops;

    @Option(names = "--receive-buffer", description = "SO_RCVBUF of subscriber sockets, 0 = OS default (default 0)")
    int receiveBuffer;

    @Option(names = "--in-flight", description = "Publish requests awaiting a response at most (default 32)")
    int inFlight = 32;

    @Option(names = "--slow-percent", description = "slow-consumer: share of subscribers that stop reading "
            + "(default 1; at least one connection)")
    double slowPercent = 1;

    @Option(names = "--churn-rate", description = "churn: connections opened per second (default 200)")
    double churnRate = 200;

    @Option(names = "--churn-lifetime", converter = Seconds.class,
            description = "churn: how long each churning connection stays subscribed (default 1s)")
    double churnLifetime = 1;

    @Option(names = "--toggle-rate", description = "presence: members leaving (and rejoining) per second "
            + "(default 100)")
    double toggleRate = 100;

    @Option(names = "--toggle-away", converter = Seconds.class,
            description = "presence: how long a member stays away before rejoining (default 200ms)")
    double toggleAway = 0.2;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON record to FILE")
    String json;

    @Option(names = "--server-pid", description = "Sample this process's RSS and CPU from /proc during the run")
    Long serverPid;

    @Option(names = "--metrics-url", description = "Prometheus endpoint scraped before and after, e.g. "
            + "http://127.0.0.1:9601/metrics")
    String metricsUrl;

    @Option(names = "--server-gc", description = "Before each memory sample run 'jcmd PID GC.run' (JVM servers, "
            + "needs --server-pid) so heap and RSS are after-GC figures; waits for the RSS to settle after it")
    boolean serverGc;

    @Option(names = "--protocol", description = "WebSocket protocol: 7 (Pusher) or 2 (Starling's, messages carry "
            + "positions) (default 7)")
    int protocol = 7;

    @Option(names = "--allow-remote", description = "Allow a non-loopback --host (never needed for benchmarks here)")
    boolean allowRemote;

    @Option(names = "--max-runtime", converter = Seconds.class,
            description = "Abort (exit 3) after this long; default: twice the planned time plus 2 minutes")
    Double maxRuntime;

    /** Applies the scenario's defaults and checks the combination; {@link IllegalArgumentException} says what is wrong. */
    public RunConfig toConfig() {
        Scenario s = Scenario.parse(scenario);
        List<Integer> portList = ports == null || ports.isEmpty() ? List.of(port) : List.copyOf(ports);
        if (s == Scenario.CLUSTER && portList.size() < 2) {
            throw new IllegalArgumentException("cluster needs --ports with at least two ports (one per node)");
        }
        List<Integer> conns = connections == null || connections.isEmpty() ? List.of(1000) : List.copyOf(connections);
        if (conns.size() > 1 && s != Scenario.IDLE) {
            throw new IllegalArgumentException("several --connections values are for idle only");
        }
        if (protocol != 7 && protocol != 2) {
            throw new IllegalArgumentException("--protocol is 7 or 2, got " + protocol);
        }
        for (int i = 0; i < conns.size(); i++) {
            if (conns.get(i) < 1 || (i > 0 && conns.get(i) <= conns.get(i - 1))) {
                throw new IllegalArgumentException("--connections must be positive and ascending: " + conns);
            }
        }
        int total = conns.get(conns.size() - 1);
        ChannelKind kind = channelType == null ? (s == Scenario.PRESENCE ? ChannelKind.PRESENCE : ChannelKind.PUBLIC)
                : parseKind(channelType);
        if (s == Scenario.PRESENCE && kind != ChannelKind.PRESENCE) {
            throw new IllegalArgumentException("presence needs --channel-type presence");
        }
        int channelCount = channels != null ? channels : switch (s) {
            case IDLE -> Math.min(100, total);
            case MANY_CHANNELS -> Math.min(1000, total);
            case PRESENCE -> Math.max(1, total / 10);
            default -> 1;
        };
        if (channelCount < 1) {
            throw new IllegalArgumentException("--channels must be at least 1");
        }
        if (kind == ChannelKind.PRESENCE && (total + channelCount - 1) / channelCount > 100) {
            throw new IllegalArgumentException("presence channels hold at most 100 members: use --channels "
                    + ((total + 99) / 100) + " or more");
        }
        double publishRate = rate != null ? rate : s == Scenario.PRESENCE ? 0 : 20;
        require(publishRate >= 0 && channelRate > 0, "--rate must be >= 0 and --channel-rate > 0");
        require(payloadBytes >= 0, "--payload-bytes must be >= 0");
        require(processes >= 1, "--processes must be at least 1");
        require(inFlight >= 1, "--in-flight must be at least 1");
        require(connectConcurrency >= 1, "--connect-concurrency must be at least 1");
        require(slowPercent > 0 && slowPercent <= 100, "--slow-percent must be in (0, 100]");
        require(churnRate > 0 && churnLifetime >= 0, "--churn-rate must be > 0 and --churn-lifetime >= 0");
        require(ramp >= 0 && toggleRate >= 0, "--ramp and --toggle-rate must be >= 0");
        require(!serverGc || serverPid != null, "--server-gc needs --server-pid");
        int perProcess = (total + processes - 1) / processes;
        if (perProcess > MAX_SOCKETS_PER_PROCESS) {
            throw new IllegalArgumentException(perProcess + " connections per process exceed the open-file limit; "
                    + "use --processes " + ((total + MAX_SOCKETS_PER_PROCESS - 1) / MAX_SOCKETS_PER_PROCESS));
        }
        int perSource = (total + portList.size() * Math.max(1, sourceAddresses.size()) - 1)
                / (portList.size() * Math.max(1, sourceAddresses.size()));
        if (perSource > MAX_PER_SOURCE_AND_PORT) {
            throw new IllegalArgumentException(perSource + " connections per source address and port exceed the "
                    + "ephemeral port range; add --source-addresses 127.0.0.2,127.0.0.3,…");
        }
        checkLoopback(host, "--host");
        sourceAddresses.forEach(a -> checkLoopback(a, "--source-addresses"));
        double dur = duration != null ? duration : 10;
        double warm = warmup != null ? warmup : (s == Scenario.IDLE || s == Scenario.PRESENCE ? 0 : 2);
        double base = baseline != null ? baseline : dur;
        require(dur > 0 && base > 0 && warm >= 0 && drain >= 0,
                "--duration and --baseline must be > 0, --warmup and --drain >= 0");
        int loops = eventLoops != null ? eventLoops : Runtime.getRuntime().availableProcessors();
        require(loops >= 1, "--event-loops must be at least 1");
        List<String> childArgs = childJvmArgs != null ? List.copyOf(childJvmArgs) : Main.currentJvmArgs();
        double max = maxRuntime != null ? maxRuntime
                : 2 * plannedSeconds(s, conns, ramp, connectTimeout, warm, dur + base, drain) + 120;
        return new RunConfig(s, host, portList, appId, key, secret, conns, channelCount, kind, channelPrefix,
                eventName, publishRate, channelRate, payloadBytes, dur, base, warm, drain, ramp, connectConcurrency,
                connectTimeout, List.copyOf(sourceAddresses), processes, childArgs, loops, receiveBuffer, inFlight,
                slowPercent, churnRate, churnLifetime, toggleRate, toggleAway, json, serverPid, metricsUrl, serverGc,
                allowRemote, max, protocol);
    }

    /** A rough upper estimate of a run's length: connecting, warmup, phases (both lengths summed), drain. */
    static double plannedSeconds(Scenario s, List<Integer> connections, double ramp, double connectTimeout,
            double warmup, double phases, double drain) {
        int total = connections.get(connections.size() - 1);
        double connect = ramp > 0 ? total / ramp : total / 500.0;
        return connect + connectTimeout + warmup + (s == Scenario.IDLE ? connections.size() : 1) * phases + drain;
    }

    private void checkLoopback(String address, String option) {
        if (allowRemote) {
            return;
        }
        try {
            if (!InetAddress.getByName(address).isLoopbackAddress()) {
                throw new IllegalArgumentException(option + " " + address + " is not a loopback address; "
                        + "the loadgen runs on loopback only unless --allow-remote is given");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + " " + address + ": unknown host");
        }
    }

    private static ChannelKind parseKind(String value) {
        try {
            return ChannelKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--channel-type must be public, private or presence, not " + value);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** {@code 10}, {@code 10s}, {@code 500ms}, {@code 2m} → seconds. */
    public static final class Seconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parse(value);
        }

        public static double parse(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            double seconds;
            if (v.endsWith("ms")) {
                seconds = Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
            } else if (v.endsWith("s")) {
                seconds = Double.parseDouble(v.substring(0, v.length() - 1));
            } else if (v.endsWith("m")) {
                seconds = Double.parseDouble(v.substring(0, v.length() - 1)) * 60;
            } else {
                seconds = Double.parseDouble(v);
            }
            if (seconds < 0 || Double.isNaN(seconds)) {
                throw new IllegalArgumentException("negative duration: " + value);
            }
            return seconds;
        }
    }
}
