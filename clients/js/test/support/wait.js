// Bounded waits and an event recorder shared by the unit and integration tests.

const WAIT_MS = 3000;

/** Records what a channel (or the client, through bind_global) hands to the app. */
export function record(target) {
  const seen = [];
  target.bind_global((event, data, metadata) => seen.push({ event, data, metadata }));
  return {
    seen,
    events: (prefix) => seen.filter((e) => !prefix || e.event.startsWith(prefix)),
    numbers: () => seen.filter((e) => e.event === 'numbered').map((e) => e.data.n),
    until: (predicate, what = 'an event', timeout = WAIT_MS) => waitFor(() => seen.find(predicate), what, timeout),
  };
}

/** Polls `check` every 5 ms until it returns something truthy; fails after `timeout`. */
export async function waitFor(check, what = 'the condition', timeout = WAIT_MS) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function state(client, wanted, timeout = WAIT_MS) {
  return waitFor(() => client.connection.state === wanted, `state ${wanted} (is ${client.connection.state})`, timeout);
}

/** Sleeps; only for proving that something does not happen within a bounded time. */
export const quiet = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
