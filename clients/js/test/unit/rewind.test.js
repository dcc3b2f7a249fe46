// Rewind on the first subscribe; every later subscribe resumes instead.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { client, record, startFakeServer, waitFor } from '../support/fake-server.js';

describe('rewind', () => {
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

  async function start(rewind) {
    starling = client(server);
    const channel = starling.subscribe('feed', { rewind });
    const seen = record(channel);
    const peer = await server.nextPeer();
    peer.establish('1.1');
    const subscribe = await peer.next('pusher:subscribe');
    return { channel, seen, peer, subscribe };
  }

  async function reconnect(peer) {
    peer.ws.terminate();
    const next = await server.nextPeer();
    next.establish('2.2');
    return next;
  }

  it('sends the rewind, delivers the rewound messages, surfaces rewind_complete, then live', async () => {
    const { channel, seen, peer, subscribe } = await start({ count: 3 });
    assert.deepEqual(subscribe.data, { channel: 'feed', rewind: { count: 3 } });
    peer.send({ event: 'pusher_internal:subscription_succeeded', channel: 'feed', data: '{}', stream_id: 's-1', serial: 10 });
    for (const serial of [8, 9, 10]) peer.message('feed', serial);
    peer.control('feed', 'starling:rewind_complete', { count: 3, stream_id: 's-1', serial: 10, truncated: false });
    peer.message('feed', 11);
    await waitFor(() => seen.numbers().length === 4, 'four messages');
    assert.deepEqual(seen.seen.map((e) => e.data?.n ?? e.event),
      ['pusher:subscription_succeeded', 8, 9, 10, 'starling:rewind_complete', 11]);
    assert.deepEqual(seen.events('starling:')[0].data, { count: 3, stream_id: 's-1', serial: 10, truncated: false });

    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data, { channel: 'feed', resume: { stream_id: 's-1', serial: 11 } });
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 11 });
  });

  it('sends a rewind by seconds', async () => {
    const { subscribe } = await start({ seconds: 30 });
    assert.deepEqual(subscribe.data, { channel: 'feed', rewind: { seconds: 30 } });
  });

  it('an empty rewind moves to the attach position', async () => {
    const { channel, seen, peer } = await start({ count: 5 });
    peer.send({ event: 'pusher_internal:subscription_succeeded', channel: 'feed', data: '{}', stream_id: 's-1', serial: null });
    peer.control('feed', 'starling:rewind_complete', { count: 0, stream_id: 's-1', serial: null, truncated: false });
    await seen.until((e) => e.event === 'starling:rewind_complete', 'rewind_complete');
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: null });
  });

  it('a disconnect in the middle of the rewind resumes after the last rewound message', async () => {
    const { seen, peer } = await start({ count: 3 });
    peer.send({ event: 'pusher_internal:subscription_succeeded', channel: 'feed', data: '{}', stream_id: 's-1', serial: 10 });
    peer.message('feed', 8);
    await waitFor(() => seen.numbers().length === 1, 'the first rewound message');
    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data, { channel: 'feed', resume: { stream_id: 's-1', serial: 8 } });
  });

  it('a disconnect before the subscription succeeded asks for the rewind again', async () => {
    const { peer } = await start({ count: 3 });
    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data, { channel: 'feed', rewind: { count: 3 } });
  });

  it('a rewind cut short by the server limit is passed on with truncated', async () => {
    const { seen, peer } = await start({ count: 1000 });
    peer.send({ event: 'pusher_internal:subscription_succeeded', channel: 'feed', data: '{}', stream_id: 's-1', serial: 500 });
    peer.control('feed', 'starling:rewind_complete', { count: 100, stream_id: 's-1', serial: 500, truncated: true });
    const done = await seen.until((e) => e.event === 'starling:rewind_complete', 'rewind_complete');
    assert.equal(done.data.truncated, true);
    assert.equal(seen.events('starling:gap').length, 0, 'a rewind the app asked for is not a gap');
  });
});
