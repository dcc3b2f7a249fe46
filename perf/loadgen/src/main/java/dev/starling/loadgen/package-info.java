/**
 * Starling's load generator: a command-line tool that drives any Pusher-protocol server with real WebSocket
 * subscribers and signed HTTP API publishes, on loopback, in bounded scenarios (BENCHMARKS.md).
 *
 * <p>How it works. {@link dev.starling.loadgen.LoadOptions} turns the command line into a
 * {@link dev.starling.loadgen.RunConfig}. Subscribers live in one or more processes ({@code group}): each process has
 * a few Vert.x event loops ({@code client.ClientTransport}) and one {@code client.PusherConnection} per socket, with
 * no thread or buffer of its own. Connection {@code i} is placed by a pure function of {@code i}
 * ({@code client.Topology}: channel, port, source address, slow or not), so child processes need no coordination
 * beyond a line protocol with the parent ({@code group.ChildProtocol}). The parent publishes
 * ({@code publish.Publisher}): each event carries the epoch microseconds at which it was sent, the phase it belongs
 * to and the node it went through; subscribers record publish → receive latency into HdrHistograms per phase. After
 * the phases the parent waits (bounded) until every phase received what the successful publishes imply, collects
 * and merges the groups' reports, samples the server ({@code server}) and writes the JSON record and the summary
 * ({@code report}).
 *
 * <p>Guarantees: every run is bounded (connect timeouts, phase durations, the drain, {@code --max-runtime}); it
 * refuses non-loopback addresses unless told otherwise; child processes exit when their parent's pipe closes.
 */
package dev.starling.loadgen;
