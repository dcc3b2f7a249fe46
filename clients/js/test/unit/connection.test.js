// The connection: handshake, heartbeat, and what each close code does to reconnects.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { VERSION } from '../../src/index.js';
import { client, quiet, startFakeServer, state, waitFor } from '../support/fake-server.js';

describe('connection', () => {
  let server;
  let starling;

  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    starling?.disconnect();
    starling = undefined;
    await server.close();
  });

  it('connects with protocol 2 and becomes connected on connection_established', async () => {
    starling = client(server);
    const changes = [];
    starling.connection.bind('state_change', (change) => changes.push(change));
    let connected = 0;
    starling.connection.bind('connected', () => connected++);
    const peer = await server.nextPeer();
    assert.equal(peer.url.pathname, '/app/app-key');
    assert.equal(peer.url.searchParams.get('protocol'), '2');
    assert.equal(peer.url.searchParams.get('client'), 'starling-js');
    assert.equal(peer.url.searchParams.get('version'), VERSION);
    assert.equal(starling.connection.state, 'connecting');
    assert.equal(starling.socket_id, undefined);

    peer.establish('123.456');
    await state(starling, 'connected');
    assert.equal(starling.socket_id, '123.456');
    assert.equal(starling.connection.socket_id, '123.456');
    assert.equal(connected, 1);
    assert.deepEqual(changes, [
      { previous: 'initialized', current: 'connecting' },
      { previous: 'connecting', current: 'connected' },
    ]);
  });

  it('answers the server ping with a pong', async () => {
    starling = client(server);
    const peer = await server.nextPeer();
    peer.establish();
    await state(starling, 'connected');
    peer.send({ event: 'pusher:ping', data: {} });
    assert.deepEqual(await peer.next(), { event: 'pusher:pong', data: {} });
  });

  it('pings after the activity timeout and stays connected when the server answers', async () => {
    starling = client(server, { activityTimeout: 80, pongTimeout: 500 });
    const peer = await server.nextPeer();
    peer.establish('1.1', 120);
    await state(starling, 'connected');
    const started = Date.now();
    assert.deepEqual(await peer.next(), { event: 'pusher:ping', data: {} });
    assert.ok(Date.now() - started >= 60, 'the ping waits for the activity timeout');
    peer.send({ event: 'pusher:pong', data: {} });
    assert.deepEqual(await peer.next(), { event: 'pusher:ping', data: {} }, 'pings again after the next silence');
    assert.equal(starling.connection.state, 'connected');
    assert.equal(server.peers.length, 1);
  });

  it('uses the server activity_timeout when it is shorter than the option', async () => {
    starling = client(server, { activityTimeout: 60000 });
    const peer = await server.nextPeer();
    peer.establish('1.1', 1);
    const started = Date.now();
    assert.deepEqual(await peer.next('pusher:ping'), { event: 'pusher:ping', data: {} });
    assert.ok(Date.now() - started >= 900);
  });

  it('reconnects at once when the pong does not come', async () => {
    starling = client(server, { activityTimeout: 50, pongTimeout: 80, reconnect: { initialDelay: 5000, maxDelay: 5000 } });
    const first = await server.nextPeer();
    first.establish('1.1');
    await first.next('pusher:ping');
    const second = await server.nextPeer(1000);
    second.establish('2.2');
    await state(starling, 'connected');
    assert.equal(starling.socket_id, '2.2');
    assert.equal(await first.closed > 0, true);
  });

  for (const code of [4001, 4003, 4004, 4007, 4009, 4099, 4300]) {
    it(`does not reconnect after close ${code} and fails`, async () => {
      starling = client(server);
      const errors = [];
      starling.connection.bind('error', (error) => errors.push(error));
      const peer = await server.nextPeer();
      peer.establish();
      await state(starling, 'connected');
      peer.ws.close(code, 'refused');
      await state(starling, 'failed');
      await quiet(300);
      assert.equal(server.peers.length, 1, 'no second connection');
      assert.equal(starling.connection.state, 'failed');
      assert.equal(starling.socket_id, undefined);
      assert.ok(errors.some((e) => e.type === 'PusherError' && e.data.code === code));
    });
  }

  it('fails on a pusher:error during the handshake (unsupported protocol) even when the close code is lost', async () => {
    starling = client(server);
    const errors = [];
    starling.connection.bind('error', (error) => errors.push(error));
    const peer = await server.nextPeer();
    peer.send({ event: 'pusher:error', data: { code: 4007, message: 'Unsupported protocol version 2' } });
    await waitFor(() => errors.length > 0, 'the error event');
    peer.ws.terminate();
    await state(starling, 'failed');
    await quiet(300);
    assert.equal(server.peers.length, 1);
    assert.deepEqual(errors[0], { type: 'PusherError', data: { code: 4007, message: 'Unsupported protocol version 2' } });
  });

  it('reconnects at once after 4200-4299 and with a backoff after 4100-4199', async () => {
    starling = client(server, { reconnect: { initialDelay: 800, maxDelay: 800 } });
    const first = await server.nextPeer();
    first.establish('1.1');
    await state(starling, 'connected');

    let closedAt = Date.now();
    first.ws.close(4200, 'drain');
    const second = await server.nextPeer();
    assert.ok(Date.now() - closedAt < 350, `4200 reconnects at once (${Date.now() - closedAt} ms)`);
    second.establish('2.2');
    await waitFor(() => starling.socket_id === '2.2', 'the second socket');

    closedAt = Date.now();
    second.ws.close(4100, 'over capacity');
    const third = await server.nextPeer();
    assert.ok(Date.now() - closedAt >= 380, `4100 waits for the backoff (${Date.now() - closedAt} ms)`);
    third.establish('3.3');
    await waitFor(() => starling.socket_id === '3.3', 'the third socket');
  });

  for (const [what, drop] of [
    ['a network loss (1006)', (peer) => peer.ws.terminate()],
    ['a normal close (1000)', (peer) => peer.ws.close(1000)],
    ['a going-away close (1001)', (peer) => peer.ws.close(1001)],
  ]) {
    it(`reconnects with a backoff after ${what}`, async () => {
      starling = client(server, { reconnect: { initialDelay: 400, maxDelay: 400 } });
      const connectingIn = [];
      starling.connection.bind('connecting_in', (seconds) => connectingIn.push(seconds));
      const first = await server.nextPeer();
      first.establish('1.1');
      await state(starling, 'connected');
      const closedAt = Date.now();
      drop(first);
      await state(starling, 'connecting');
      const second = await server.nextPeer();
      assert.ok(Date.now() - closedAt >= 180, `waits at least half the delay (${Date.now() - closedAt} ms)`);
      second.establish('2.2');
      await state(starling, 'connected');
      assert.equal(connectingIn.length, 1);
    });
  }

  it('backs off exponentially with jitter while the server keeps refusing the handshake', async () => {
    starling = client(server, { reconnect: { initialDelay: 60, maxDelay: 10000 } });
    const at = [];
    for (let i = 0; i < 4; i++) {
      const peer = await server.nextPeer(3000);
      at.push(Date.now());
      peer.ws.terminate();
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    // delays are drawn from [d/2, d] with d = 60, 120, 240
    assert.ok(gaps[0] >= 25 && gaps[1] >= 55 && gaps[2] >= 115, `gaps ${gaps}`);
    assert.ok(gaps[2] > gaps[0], `gaps grow ${gaps}`);
  });

  it('becomes unavailable when it cannot connect for unavailableTimeout, and recovers', async () => {
    const port = server.port;
    await server.close();
    starling = client({ port }, { unavailableTimeout: 150, reconnect: { initialDelay: 40, maxDelay: 80 } });
    await state(starling, 'unavailable');
    starling.disconnect();
    assert.equal(starling.connection.state, 'disconnected');
    server = await startFakeServer();
  });

  it('disconnect() closes the socket, never reconnects, and connect() comes back', async () => {
    starling = client(server);
    const peer = await server.nextPeer();
    peer.establish('1.1');
    await state(starling, 'connected');
    starling.disconnect();
    assert.equal(starling.connection.state, 'disconnected');
    await peer.closed;
    await quiet(200);
    assert.equal(server.peers.length, 1);
    starling.connect();
    const again = await server.nextPeer();
    again.establish('2.2');
    await state(starling, 'connected');
  });

  it('fails without a WebSocket implementation', async () => {
    const global = globalThis.WebSocket;
    globalThis.WebSocket = undefined;
    try {
      starling = client(server, { WebSocket: null });
    } finally {
      globalThis.WebSocket = global;
    }
    const errors = [];
    starling.connection.bind('error', (error) => errors.push(error));
    await state(starling, 'failed');
    assert.match(errors[0].error.message, /no WebSocket implementation/);
  });
});
