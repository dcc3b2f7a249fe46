package dev.starling.loadgen.group;

import dev.starling.loadgen.client.SubscriberSpec;

/**
 * The line protocol between a parent loadgen and a child holding part of the subscribers. The parent writes one
 * {@link Command} per line (JSON) to the child's stdin and waits for the reply before the next command that has one;
 * the child answers with one {@link Reply} per line on stdout, prefixed with {@link #PREFIX} (other output lines are
 * passed through as logs). A child whose stdin closes shuts down, so no child outlives its parent.
 */
public final class ChildProtocol {

    public static final String PREFIX = "@lg ";

    /** Commands: {@code spec} (first, no reply), {@code connect}, {@code phase} (no reply), {@code stats}, {@code finish}. */
    public record Command(String op, SubscriberSpec spec, Integer from, Integer count, PhaseStart phase) {

        static Command spec(SubscriberSpec spec) {
            return new Command("spec", spec, null, null, null);
        }

        static Command connect(int from, int count) {
            return new Command("connect", null, from, count, null);
        }

        static Command phase(PhaseStart start) {
            return new Command("phase", null, null, null, start);
        }

        static Command stats() {
            return new Command("stats", null, null, null, null);
        }

        static Command finish() {
            return new Command("finish", null, null, null, null);
        }
    }

    /** Replies: {@code connected} with a connect report, {@code report} with a group report, {@code error}. */
    public record Reply(String type, ConnectReport connect, GroupReport report, String error) {
    }

    private ChildProtocol() {
    }
}
