// Positions, resume on reconnect and de-duplication: the callbacks see every message once, in order.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { client, record, startFakeServer, state, waitFor } from '../support/fake-server.js';

describe('resume', () => {
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

  async function subscribed(name, attach, options) {
    starling = client(server, options);
    const channel = starling.subscribe(name);
    const seen = record(channel);
    const peer = await server.nextPeer();
    peer.establish('1.1');
    await peer.acceptSubscribe(name, attach);
    await waitFor(() => channel.subscribed, 'subscribed');
    return { channel, seen, peer };
  }

  async function reconnect(peer) {
    peer.ws.terminate();
    const next = await server.nextPeer();
    next.establish('2.2');
    return next;
  }

  it('resubscribes with resume from the last delivered message and drops replayed duplicates', async () => {
    const { channel, seen, peer } = await subscribed('orders', { stream_id: 's-1', serial: 10 });
    peer.message('orders', 11);
    peer.message('orders', 12);
    await waitFor(() => seen.numbers().length === 2, 'two messages');

    const next = await reconnect(peer);
    const subscribe = await next.next('pusher:subscribe');
    assert.deepEqual(subscribe.data, { channel: 'orders', resume: { stream_id: 's-1', serial: 12 } });
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'orders', data: '{}', stream_id: 's-1', serial: 14 });
    for (const serial of [11, 12, 13, 14]) next.message('orders', serial);
    next.control('orders', 'starling:resume_success', { replayed: 2, stream_id: 's-1', serial: 14 });
    next.message('orders', 15);
    await waitFor(() => seen.numbers().length === 5, 'five messages');

    assert.deepEqual(seen.numbers(), [11, 12, 13, 14, 15]);
    assert.deepEqual(seen.events('starling:'), [{ event: 'starling:resume_success', data: { replayed: 2, stream_id: 's-1', serial: 14 }, metadata: undefined }]);
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 15 });
    assert.deepEqual(seen.events('pusher:').map((e) => e.event), ['pusher:subscription_succeeded', 'pusher:subscription_succeeded']);
  });

  it('drops live messages at or before the last delivered serial of the same stream', async () => {
    const { seen, peer } = await subscribed('c', { stream_id: 's-1', serial: 3 });
    for (const serial of [2, 3, 4, 4, 6, 5, 7]) peer.message('c', serial);
    peer.message('c', 8);
    await waitFor(() => seen.numbers().includes(8), 'the last message');
    assert.deepEqual(seen.numbers(), [4, 6, 7, 8]);
  });

  it('resumes from the attach position when nothing arrived since the subscribe', async () => {
    const { peer } = await subscribed('c', { stream_id: 's-9', serial: 7 });
    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data.resume, { stream_id: 's-9', serial: 7 });
  });

  it('resubscribes every channel, each from its own position', async () => {
    starling = client(server);
    const a = starling.subscribe('a');
    const b = starling.subscribe('b');
    const c = starling.subscribe('c');
    const peer = await server.nextPeer();
    peer.establish();
    await peer.acceptSubscribe('a', { stream_id: 'sa', serial: 1 });
    await peer.acceptSubscribe('b', { stream_id: 'sb', serial: 100 });
    await peer.acceptSubscribe('c', { stream_id: 'sc', serial: 5 });
    peer.message('b', 101, { stream: 'sb' });
    await waitFor(() => a.subscribed && b.subscribed && c.subscribed && b.position.serial === 101, 'all subscribed');
    starling.unsubscribe('c');
    const next = await reconnect(peer);
    const frames = [await next.next('pusher:subscribe'), await next.next('pusher:subscribe')];
    assert.deepEqual(frames.map((f) => f.data), [
      { channel: 'a', resume: { stream_id: 'sa', serial: 1 } },
      { channel: 'b', resume: { stream_id: 'sb', serial: 101 } },
    ]);
  });

  it('a disconnect in the middle of a replay resumes after the last replayed message', async () => {
    const { seen, peer } = await subscribed('c', { stream_id: 's-1', serial: 1 });
    let next = await reconnect(peer);
    await next.next('pusher:subscribe');
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'c', data: '{}', stream_id: 's-1', serial: 5 });
    next.message('c', 2);
    next.message('c', 3);
    await waitFor(() => seen.numbers().length === 2, 'the partial replay');
    next = await reconnect(next);
    assert.deepEqual((await next.next('pusher:subscribe')).data.resume, { stream_id: 's-1', serial: 3 });
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'c', data: '{}', stream_id: 's-1', serial: 5 });
    for (const serial of [3, 4, 5]) next.message('c', serial);
    next.control('c', 'starling:resume_success', { replayed: 2, stream_id: 's-1', serial: 5 });
    await seen.until((e) => e.event === 'starling:resume_success', 'resume_success');
    assert.deepEqual(seen.numbers(), [2, 3, 4, 5]);
  });

  it('a channel attached to an empty stream catches up with a rewind, reported as resume_success', async () => {
    const { channel, seen, peer } = await subscribed('c', { stream_id: 's-1', serial: null }, { resyncRewindCount: 50 });
    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data, { channel: 'c', rewind: { count: 50 } });
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'c', data: '{}', stream_id: 's-1', serial: 2 });
    next.message('c', 1);
    next.message('c', 2);
    next.control('c', 'starling:rewind_complete', { count: 2, stream_id: 's-1', serial: 2, truncated: false });
    next.message('c', 3);
    await waitFor(() => seen.numbers().length === 3, 'three messages');
    assert.deepEqual(seen.numbers(), [1, 2, 3]);
    assert.deepEqual(seen.events('starling:').map((e) => [e.event, e.data]), [
      ['starling:resume_success', { replayed: 2, stream_id: 's-1', serial: 2 }],
    ]);
    const again = await reconnect(next);
    assert.deepEqual((await again.next('pusher:subscribe')).data.resume, { stream_id: 's-1', serial: 3 });
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 3 });
  });

  it('an empty-stream catch-up cut short by the rewind limit is reported as a gap', async () => {
    const { seen, peer } = await subscribed('c', { stream_id: null, serial: null });
    const next = await reconnect(peer);
    assert.deepEqual((await next.next('pusher:subscribe')).data, { channel: 'c', rewind: { count: 100 } });
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'c', data: '{}', stream_id: 's-1', serial: 300 });
    for (let serial = 201; serial <= 300; serial++) next.message('c', serial);
    next.control('c', 'starling:rewind_complete', { count: 100, stream_id: 's-1', serial: 300, truncated: true });
    const gap = await seen.until((e) => e.event === 'starling:gap', 'the gap');
    assert.equal(seen.numbers().length, 100);
    assert.deepEqual(gap.data, {
      code: 'rewind_truncated', reason: 'more messages were missed than the rewind limit or retention allows',
      since: null, until: { stream_id: 's-1', serial: 300 }, recovered: 0,
    });
  });

  it('an empty stream that changed while disconnected is reported as a gap before its messages', async () => {
    const { seen, peer } = await subscribed('c', { stream_id: 's-old', serial: null });
    const next = await reconnect(peer);
    await next.next('pusher:subscribe');
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'c', data: '{}', stream_id: 's-new', serial: 1 });
    next.message('c', 1, { stream: 's-new' });
    next.control('c', 'starling:rewind_complete', { count: 1, stream_id: 's-new', serial: 1, truncated: false });
    await seen.until((e) => e.event === 'starling:resume_success', 'resume_success');
    assert.deepEqual(seen.seen.map((e) => e.event), [
      'pusher:subscription_succeeded', 'pusher:subscription_succeeded', 'starling:gap', 'numbered', 'starling:resume_success',
    ]);
    assert.equal(seen.events('starling:gap')[0].data.code, 'stream_reset');
  });

  it('a new stream during live delivery is delivered and announced as a gap', async () => {
    const { seen, peer, channel } = await subscribed('c', { stream_id: 's-1', serial: 5 });
    peer.message('c', 6);
    peer.message('c', 1, { stream: 's-2' });
    peer.message('c', 2, { stream: 's-2' });
    await waitFor(() => seen.numbers().length === 3, 'three messages');
    assert.deepEqual(seen.seen.slice(1).map((e) => e.event), ['numbered', 'starling:gap', 'numbered', 'numbered']);
    assert.deepEqual(seen.events('starling:gap')[0].data, {
      code: 'stream_reset', reason: 'the channel stream changed',
      since: { stream_id: 's-1', serial: 6 }, until: { stream_id: 's-2', serial: 1 }, recovered: 0,
    });
    assert.deepEqual(channel.position, { stream_id: 's-2', serial: 2 });
  });

  it('keeps positions across disconnect() and connect()', async () => {
    const { peer } = await subscribed('c', { stream_id: 's-1', serial: 5 });
    peer.message('c', 6);
    await waitFor(() => starling.channel('c').position.serial === 6, 'the message');
    starling.disconnect();
    starling.connect();
    const next = await server.nextPeer();
    next.establish();
    await state(starling, 'connected');
    assert.deepEqual((await next.next('pusher:subscribe')).data.resume, { stream_id: 's-1', serial: 6 });
  });
});
