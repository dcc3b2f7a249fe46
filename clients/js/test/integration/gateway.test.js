// Against the real, packaged gateway (protocol 2, PROTOCOL-V2.md): events published with the official server SDK,
// sockets cut from the client side, publishes while the client is offline, gateway restarts. Every assertion is on
// exactly what the app's callbacks saw.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { Starling } from '../../src/index.js';
import { serverSdk, startBackend } from '../support/backend.js';
import { startGateway } from '../support/gateway.js';
import { startProxy } from '../support/proxy.js';
import { record, state, waitFor } from '../support/wait.js';

const LONG_MS = 10000;
const SUBSCRIBE_MS = 5000;

/** `ws` that remembers the socket it opened last, so a test can cut it (`terminate()` destroys the TCP socket). */
class TrackedWebSocket extends WebSocket {
  static last = null;

  constructor(url) {
    super(url);
    TrackedWebSocket.last = this;
  }
}

describe('against the gateway', () => {
  let gateway;
  let proxy;
  let backend;
  let sdk;
  const clients = [];

  before(async () => {
    gateway = await startGateway();
    proxy = await startProxy(gateway.port);
    backend = await startBackend(gateway.port);
    sdk = serverSdk(gateway.port);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  after(async () => {
    await backend?.close();
    await proxy?.close();
    await gateway?.stop();
  });

  function newClient() {
    const client = new Starling('app-key', {
      wsHost: '127.0.0.1', wsPort: proxy.port, forceTLS: false, WebSocket: TrackedWebSocket,
      reconnect: { initialDelay: 100, maxDelay: 400 },
      channelAuthorization: { endpoint: backend.authEndpoint },
      history: { endpoint: backend.historyEndpoint },
    });
    clients.push(client);
    return client;
  }

  /** Subscribes and waits for the subscription; fails with a clear message when protocol 2 is refused. */
  async function subscribed(client, name, options) {
    const errors = [];
    client.connection.bind('error', (error) => errors.push(error));
    const channel = client.subscribe(name, options);
    const seen = record(channel);
    await waitFor(() => client.connection.state === 'connected' || client.connection.state === 'failed', 'connected', LONG_MS);
    const refusal = errors.find((e) => e.type === 'PusherError');
    assert.equal(client.connection.state, 'connected',
      `the gateway refused the connection: ${JSON.stringify(refusal && refusal.data)} (does it speak protocol 2?)`);
    await waitFor(() => channel.subscribed || seen.events('pusher:subscription_error').length, `${name} subscribed`, SUBSCRIBE_MS);
    assert.deepEqual(seen.events('pusher:subscription_error'), []);
    return { channel, seen };
  }

  /** Publishes `numbered` events `from`…`to` in order (batches of 10, one after the other). */
  async function publish(channel, from, to) {
    for (let start = from; start <= to; start += 10) {
      const batch = [];
      for (let n = start; n <= Math.min(to, start + 9); n++) batch.push({ channel, name: 'numbered', data: JSON.stringify({ n }) });
      await sdk.triggerBatch(batch);
    }
  }

  /** What the app saw, without the subscription counts the demo app sends whenever they change. */
  const flow = (seen) => seen.seen.filter((e) => e.event !== 'pusher:subscription_count');
  const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const unique = (prefix) => `${prefix}-${randomUUID().slice(0, 8)}`;

  /** Cuts the client's TCP connection and keeps it offline until `proxy.accept()`. */
  async function goOffline(client) {
    proxy.refuse();
    TrackedWebSocket.last.terminate();
    await waitFor(() => client.connection.state !== 'connected', 'the client to notice', LONG_MS);
  }

  it('delivers numbered events with positions', async () => {
    const name = unique('positions');
    const client = newClient();
    const { seen, channel } = await subscribed(client, name);
    assert.equal(channel.position.serial, null, 'a new channel attaches with no retained message');
    await publish(name, 1, 10);
    await waitFor(() => seen.numbers().length === 10, '10 events', LONG_MS);
    assert.deepEqual(seen.numbers(), range(1, 10));
    const metadata = seen.events('numbered').map((e) => e.metadata);
    assert.ok(metadata.every((m) => typeof m.message_id === 'string' && m.stream_id === metadata[0].stream_id));
    for (let i = 1; i < metadata.length; i++) assert.ok(metadata[i].serial > metadata[i - 1].serial, 'serials increase');
    assert.deepEqual(channel.position, { stream_id: metadata[9].stream_id, serial: metadata[9].serial });
  });

  it('after a drop from the client side, resumes with exactly the events published while offline', async () => {
    const name = unique('resume');
    const client = newClient();
    const { seen } = await subscribed(client, name);
    await publish(name, 1, 20);
    await waitFor(() => seen.numbers().length === 20, 'the first 20', LONG_MS);

    await goOffline(client);
    await publish(name, 21, 40);
    proxy.accept();
    await waitFor(() => seen.numbers().length >= 40, 'the 20 published while offline', LONG_MS);
    await publish(name, 41, 50);
    await waitFor(() => seen.numbers().length >= 50, 'the live ones', LONG_MS);

    assert.deepEqual(seen.numbers(), range(1, 50));
    const resumed = seen.events('starling:resume_success');
    assert.equal(resumed.length, 1);
    assert.equal(resumed[0].data.replayed, 20);
    assert.deepEqual(seen.events('starling:gap'), []);
    assert.deepEqual(seen.events('starling:resume_failed'), []);
  });

  it('drops during a stream of publishes lose and duplicate nothing', async () => {
    const name = unique('churn');
    const client = newClient();
    const { seen, channel } = await subscribed(client, name);
    const publishing = (async () => {
      for (let n = 1; n <= 150; n++) await sdk.trigger(name, 'numbered', JSON.stringify({ n }));
    })();
    for (let drop = 1; drop <= 3; drop++) {
      await waitFor(() => channel.subscribed && seen.events('starling:resume_success').length === drop - 1
        && seen.numbers().length >= drop * 30, `progress before drop ${drop}`, LONG_MS);
      TrackedWebSocket.last.terminate();
    }
    await publishing;
    await waitFor(() => seen.numbers().length >= 150, 'all 150', LONG_MS);
    await publish(name, 151, 151);
    await waitFor(() => seen.numbers().includes(151), 'the last', LONG_MS);
    assert.deepEqual(seen.numbers(), range(1, 151));
    assert.equal(seen.events('starling:resume_success').length, 3, 'each drop was resumed');
    assert.deepEqual(seen.events('starling:gap'), []);
  });

  it('a channel that was empty when attached catches up on what was published while offline', async () => {
    const name = unique('empty-then-offline');
    const client = newClient();
    const { seen, channel } = await subscribed(client, name);
    assert.equal(channel.position.serial, null);
    await goOffline(client);
    await publish(name, 1, 3);
    proxy.accept();
    await seen.until((e) => e.event === 'starling:resume_success', 'resume_success', LONG_MS);
    await publish(name, 4, 4);
    await waitFor(() => seen.numbers().includes(4), 'the live one', LONG_MS);
    assert.deepEqual(seen.numbers(), range(1, 4));
    assert.equal(seen.events('starling:resume_success')[0].data.replayed, 3);
    assert.deepEqual(seen.events('starling:gap'), []);
  });

  it('a private channel is authorized again for the new socket and resumes', async () => {
    const name = unique('private-resume');
    const client = newClient();
    const { seen } = await subscribed(client, name);
    const firstSocket = client.socket_id;
    await publish(name, 1, 5);
    await waitFor(() => seen.numbers().length === 5, 'the first 5', LONG_MS);
    await goOffline(client);
    await publish(name, 6, 10);
    proxy.accept();
    await waitFor(() => seen.numbers().length >= 10, 'all 10', LONG_MS);
    assert.deepEqual(seen.numbers(), range(1, 10));
    const auths = backend.requests.filter((r) => r.path === '/pusher/auth');
    assert.ok(auths.length >= 2);
    assert.notEqual(client.socket_id, firstSocket);
  });

  it('rewinds N messages of a channel with history, then goes live', async () => {
    const name = unique('rewind');
    await publish(name, 1, 10);
    const client = newClient();
    const { seen } = await subscribed(client, name, { rewind: { count: 5 } });
    const done = await seen.until((e) => e.event === 'starling:rewind_complete', 'rewind_complete', LONG_MS);
    assert.deepEqual(seen.numbers(), range(6, 10));
    const last = seen.events('numbered').at(-1).metadata;
    assert.deepEqual(done.data, { count: 5, stream_id: last.stream_id, serial: last.serial, truncated: false });
    await publish(name, 11, 12);
    await waitFor(() => seen.numbers().length === 7, 'the live ones', LONG_MS);
    assert.deepEqual(seen.numbers(), range(6, 12));
    assert.deepEqual(flow(seen).map((e) => e.event).slice(0, 7),
      ['pusher:subscription_succeeded', 'numbered', 'numbered', 'numbered', 'numbered', 'numbered', 'starling:rewind_complete']);
  });

  it('a rewind asking for more than there is returns all of it, not truncated', async () => {
    const name = unique('rewind-all');
    await publish(name, 1, 4);
    const client = newClient();
    const { seen } = await subscribed(client, name, { rewind: { count: 50 } });
    const done = await seen.until((e) => e.event === 'starling:rewind_complete', 'rewind_complete', LONG_MS);
    assert.deepEqual(seen.numbers(), range(1, 4));
    assert.equal(done.data.count, 4);
    assert.equal(done.data.truncated, false);
  });

  it('a rewind of an empty channel completes with nothing', async () => {
    const name = unique('rewind-empty');
    const client = newClient();
    const { seen } = await subscribed(client, name, { rewind: { count: 5 } });
    const done = await seen.until((e) => e.event === 'starling:rewind_complete', 'rewind_complete', LONG_MS);
    assert.equal(done.data.count, 0);
    assert.equal(done.data.serial, null);
    await publish(name, 1, 1);
    await waitFor(() => seen.numbers().length === 1, 'the live one', LONG_MS);
  });

  it('when retention passed the position, recovers what history keeps and reports the rest as a gap', async () => {
    const name = unique('expired');
    const client = newClient();
    const { seen } = await subscribed(client, name);
    await publish(name, 1, 5);
    await waitFor(() => seen.numbers().length === 5, 'the first 5', LONG_MS);
    await goOffline(client);
    await publish(name, 6, 255); // more than the single node keeps per channel (100 by default)
    proxy.accept();
    const gap = await seen.until((e) => e.event === 'starling:gap', 'the gap', LONG_MS);
    await publish(name, 256, 256);
    await waitFor(() => seen.numbers().includes(256), 'the live one', LONG_MS);

    const failed = seen.events('starling:resume_failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].data.code, 'position_expired');
    const numbers = seen.numbers();
    const recovered = numbers.slice(5, -1);
    assert.deepEqual(numbers.slice(0, 5), range(1, 5));
    assert.ok(recovered.length > 0 && recovered.length < 250, `recovered ${recovered.length}`);
    assert.deepEqual(recovered, range(256 - recovered.length, 255), 'the newest retained ones, in order');
    assert.equal(gap.data.code, 'position_expired');
    assert.equal(gap.data.recovered, recovered.length);
    assert.equal(gap.data.since.serial, seen.events('numbered')[4].metadata.serial);
    const order = flow(seen).map((e) => e.event);
    const failedAt = order.indexOf('starling:resume_failed');
    assert.deepEqual(order.slice(failedAt + 1), [...recovered.map(() => 'numbered'), 'starling:gap', 'numbered'],
      'the recovered ones, then the gap, then the live one');
    assert.ok(backend.requests.some((r) => r.path === '/starling/history' && r.query.channel_name === name));
  });

  it('after a gateway restart (new stream), reads the new stream from history and reports the old one as a gap', async () => {
    const name = unique('restart');
    const client = newClient();
    const { seen } = await subscribed(client, name);
    await publish(name, 1, 5);
    await waitFor(() => seen.numbers().length === 5, 'the first 5', LONG_MS);
    const oldStream = seen.events('numbered')[0].metadata.stream_id;

    await goOffline(client);
    const port = gateway.port;
    await gateway.stop();
    gateway = await startGateway({ port });
    await publish(name, 6, 8);
    proxy.accept();
    await seen.until((e) => e.event === 'starling:gap', 'the gap', LONG_MS);
    await publish(name, 9, 9);
    await waitFor(() => seen.numbers().includes(9), 'the live one', LONG_MS);

    assert.deepEqual(seen.numbers(), range(1, 9));
    assert.equal(seen.events('starling:resume_failed')[0].data.code, 'stream_reset');
    const gap = seen.events('starling:gap')[0].data;
    assert.equal(gap.code, 'stream_reset');
    assert.equal(gap.recovered, 3);
    assert.equal(gap.since.stream_id, oldStream);
    assert.notEqual(gap.until.stream_id, oldStream);
    const tail = flow(seen).slice(-6).map((e) => e.data?.n ?? e.event);
    assert.deepEqual(tail, ['starling:resume_failed', 6, 7, 8, 'starling:gap', 9]);
  });
});
