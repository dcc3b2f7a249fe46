package dev.starling.loadgen.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.starling.loadgen.client.ClientTransport;
import dev.starling.loadgen.client.SubscriberSpec;
import dev.starling.loadgen.group.ChildProtocol.Command;
import dev.starling.loadgen.group.ChildProtocol.Reply;
import dev.starling.loadgen.report.Json;

/** The child side of {@link ChildProtocol}: runs commands one at a time, in order, until {@code finish} or EOF. */
public final class ChildMain {

    private ChildMain() {
    }

    /** Replies go to {@code replies}; the caller should point {@code System.out} elsewhere so logs cannot mix in. */
    public static int run(InputStream commands, PrintStream replies) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(commands, StandardCharsets.UTF_8));
        ClientTransport transport = null;
        SubscriberPool pool = null;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                Command command = Json.MAPPER.readValue(line, Command.class);
                try {
                    switch (command.op()) {
                        case "spec" -> {
                            SubscriberSpec spec = command.spec();
                            transport = new ClientTransport(spec.eventLoops(), spec.sourceAddresses(),
                                    spec.receiveBufferBytes(), spec.slowReceiveBufferBytes(),
                                    spec.connectTimeoutMillis());
                            pool = new SubscriberPool(spec, transport);
                        }
                        case "connect" -> reply(replies, new Reply("connected",
                                pool.connect(command.from(), command.count()).join(), null, null));
                        case "phase" -> pool.beginPhase(command.phase());
                        case "stats" -> reply(replies, new Reply("report", null, pool.report(false), null));
                        case "finish" -> {
                            reply(replies, new Reply("report", null, pool.report(true), null));
                            return 0;
                        }
                        default -> reply(replies, new Reply("error", null, null, "unknown command " + command.op()));
                    }
                } catch (RuntimeException e) {
                    reply(replies, new Reply("error", null, null, String.valueOf(e)));
                }
            }
            return 0;
        } finally {
            if (pool != null) {
                pool.close();
            }
            if (transport != null) {
                transport.close();
            }
        }
    }

    private static void reply(PrintStream out, Reply reply) throws IOException {
        out.println(ChildProtocol.PREFIX + Json.MAPPER.writeValueAsString(reply));
        out.flush();
    }
}
