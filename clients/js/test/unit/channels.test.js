// Channels as pusher-js apps use them: subscribe, bind, auth, presence, client events, resubscribe on reconnect.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Dispatcher } from '../../src/dispatcher.js';
import { client, quiet, record, startEndpoint, startFakeServer, state, waitFor } from '../support/fake-server.js';

describe('channels', () => {
  let server;
  let starling;
  let endpoint;

  beforeEach(async () => {
    server = await startFakeServer();
  });
  afterEach(async () => {
    starling?.disconnect();
    starling = undefined;
    await endpoint?.close();
    endpoint = undefined;
    await server.close();
  });

  async function connected(options) {
    starling = client(server, options);
    const peer = await server.nextPeer();
    peer.establish('10.20');
    await state(starling, 'connected');
    return peer;
  }

  it('subscribes, parses JSON data like pusher-js and passes positions as metadata', async () => {
    const peer = await connected();
    const channel = starling.subscribe('orders');
    assert.equal(starling.subscribe('orders'), channel, 'one channel per name');
    const got = [];
    channel.bind('order.created', (data, metadata) => got.push({ data, metadata }));
    let succeeded = 0;
    channel.bind('pusher:subscription_succeeded', () => succeeded++);
    assert.deepEqual(await peer.acceptSubscribe('orders', { stream_id: 's-1', serial: 4 }), {
      event: 'pusher:subscribe', data: { channel: 'orders' },
    });
    await waitFor(() => channel.subscribed, 'subscribed');
    assert.equal(succeeded, 1);
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 4 });

    peer.message('orders', 5, { event: 'order.created', data: '{"id":7}' });
    peer.message('orders', 6, { event: 'order.created', data: 'not json' });
    await waitFor(() => got.length === 2, 'two events');
    assert.deepEqual(got[0], { data: { id: 7 }, metadata: { message_id: 'm-s-1-5', stream_id: 's-1', serial: 5 } });
    assert.equal(got[1].data, 'not json');
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 6 });
  });

  it('unbind, bind_global and client-level bind', async () => {
    const peer = await connected();
    const channel = starling.subscribe('news');
    await peer.acceptSubscribe('news');
    await waitFor(() => channel.subscribed, 'subscribed');
    const named = [];
    const global = [];
    const everywhere = [];
    const callback = (data) => named.push(data.n);
    channel.bind('numbered', callback);
    channel.bind_global((event, data) => global.push(event));
    starling.bind('numbered', (data) => everywhere.push(data.n));
    peer.message('news', 1);
    await waitFor(() => named.length === 1, 'the first event');
    channel.unbind('numbered', callback);
    peer.message('news', 2);
    await waitFor(() => everywhere.length === 2, 'the second event');
    assert.deepEqual(named, [1]);
    assert.deepEqual(global, ['numbered', 'numbered']);
  });

  it('a throwing callback does not stop the others: its error is re-thrown from a microtask', () => {
    const dispatcher = new Dispatcher();
    const got = [];
    dispatcher.bind('e', () => {
      throw new Error('app bug');
    });
    dispatcher.bind('e', (data) => got.push(data));
    const queued = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (task) => queued.push(task);
    try {
      dispatcher.emit('e', 1);
    } finally {
      globalThis.queueMicrotask = original;
    }
    assert.deepEqual(got, [1]);
    assert.equal(queued.length, 1);
    assert.throws(queued[0], /app bug/);
  });

  it('authorizes private channels with a form POST to the endpoint, again for each new socket', async () => {
    endpoint = await startEndpoint((req, url, body) => {
      const form = new URLSearchParams(body);
      return { body: { auth: `app-key:signed-${form.get('socket_id')}-${form.get('channel_name')}` } };
    });
    const peer = await connected({
      channelAuthorization: { endpoint: `${endpoint.url}/pusher/auth`, headers: { 'X-CSRF-Token': 't' }, params: { team: 'a' } },
    });
    starling.subscribe('private-orders');
    const subscribe = await peer.acceptSubscribe('private-orders');
    assert.deepEqual(subscribe.data, { channel: 'private-orders', auth: 'app-key:signed-10.20-private-orders' });
    const request = endpoint.requests[0];
    assert.equal(request.method, 'POST');
    assert.equal(request.url.pathname, '/pusher/auth');
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.headers['x-csrf-token'], 't');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)),
      { team: 'a', socket_id: '10.20', channel_name: 'private-orders' });

    peer.ws.terminate();
    const again = await server.nextPeer();
    again.establish('30.40');
    const resubscribe = await again.acceptSubscribe('private-orders');
    assert.equal(resubscribe.data.auth, 'app-key:signed-30.40-private-orders');
  });

  it('authorizes with customHandler and reports auth failures as subscription_error', async () => {
    const asked = [];
    const peer = await connected({
      channelAuthorization: {
        customHandler: ({ socketId, channelName }, callback) => {
          asked.push([socketId, channelName]);
          if (channelName === 'private-denied') callback(Object.assign(new Error('no'), { status: 403 }), null);
          else callback(null, { auth: 'app-key:abc' });
        },
      },
    });
    const denied = starling.subscribe('private-denied');
    const errors = [];
    denied.bind('pusher:subscription_error', (error) => errors.push(error));
    await waitFor(() => errors.length === 1, 'the auth error');
    assert.deepEqual(errors[0], { type: 'AuthError', error: 'no', status: 403 });
    starling.subscribe('private-ok');
    assert.equal((await peer.next('pusher:subscribe')).data.auth, 'app-key:abc');
    assert.deepEqual(asked, [['10.20', 'private-denied'], ['10.20', 'private-ok']]);
  });

  it('surfaces the server subscription_error with its data', async () => {
    const peer = await connected();
    const channel = starling.subscribe('bad');
    await peer.next('pusher:subscribe');
    const errors = [];
    channel.bind('pusher:subscription_error', (error) => errors.push(error));
    peer.send({ event: 'pusher:subscription_error', channel: 'bad', data: { type: 'LimitReached', error: 'too many', status: 4301 } });
    await waitFor(() => errors.length === 1, 'the error');
    assert.deepEqual(errors[0], { type: 'LimitReached', error: 'too many', status: 4301 });
    assert.equal(channel.subscribed, false);
  });

  it('keeps presence members as pusher-js does', async () => {
    const peer = await connected({
      channelAuthorization: {
        customHandler: (_, callback) => callback(null, { auth: 'k:s', channel_data: '{"user_id":"1","user_info":{"name":"Ann"}}' }),
      },
    });
    const channel = starling.subscribe('presence-room');
    const seen = record(channel);
    const subscribe = await peer.next('pusher:subscribe');
    assert.equal(subscribe.data.channel_data, '{"user_id":"1","user_info":{"name":"Ann"}}');
    peer.send({
      event: 'pusher_internal:subscription_succeeded', channel: 'presence-room', stream_id: null, serial: null,
      data: JSON.stringify({ presence: { ids: ['1', '2'], hash: { 1: { name: 'Ann' }, 2: { name: 'Bob' } }, count: 2 } }),
    });
    await seen.until((e) => e.event === 'pusher:subscription_succeeded', 'subscription_succeeded');
    assert.equal(channel.members.count, 2);
    assert.deepEqual(channel.members.me, { id: '1', info: { name: 'Ann' } });
    peer.send({ event: 'pusher_internal:member_added', channel: 'presence-room', data: '{"user_id":"3","user_info":{"name":"Cy"}}' });
    peer.send({ event: 'pusher_internal:member_removed', channel: 'presence-room', data: '{"user_id":"2"}' });
    await seen.until((e) => e.event === 'pusher:member_removed', 'member_removed');
    assert.deepEqual(seen.events('pusher:member').map((e) => [e.event, e.data]), [
      ['pusher:member_added', { id: '3', info: { name: 'Cy' } }],
      ['pusher:member_removed', { id: '2', info: { name: 'Bob' } }],
    ]);
    const ids = [];
    channel.members.each((member) => ids.push(member.id));
    assert.deepEqual(ids.sort(), ['1', '3']);
  });

  it('sends client events and refuses names without client-', async () => {
    const peer = await connected({ channelAuthorization: { customHandler: (_, cb) => cb(null, { auth: 'k:s' }) } });
    const channel = starling.subscribe('private-chat');
    await peer.acceptSubscribe('private-chat');
    await waitFor(() => channel.subscribed, 'subscribed');
    assert.equal(channel.trigger('client-typing', { who: 'ann' }), true);
    assert.deepEqual(await peer.next('client-typing'), { event: 'client-typing', channel: 'private-chat', data: { who: 'ann' } });
    assert.throws(() => channel.trigger('typing', {}), /client-/);
  });

  it('subscribes what was asked before the connection came up, and unsubscribes', async () => {
    starling = client(server);
    const channel = starling.subscribe('early');
    const peer = await server.nextPeer();
    peer.establish();
    await peer.acceptSubscribe('early');
    await waitFor(() => channel.subscribed, 'subscribed');
    starling.unsubscribe('early');
    assert.deepEqual(await peer.next(), { event: 'pusher:unsubscribe', data: { channel: 'early' } });
    assert.equal(starling.channel('early'), undefined);
    peer.ws.terminate();
    const again = await server.nextPeer();
    again.establish();
    await quiet(100);
    assert.deepEqual(again.frames, [], 'an unsubscribed channel is not resubscribed');
  });

  it('refuses encrypted channels and malformed rewinds', async () => {
    await connected();
    assert.throws(() => starling.subscribe('private-encrypted-x'), /not supported/);
    for (const rewind of [5, 'x', [], {}, { count: -1 }, { count: 1.5 }, { count: '3' }, { count: 1, seconds: 2 }]) {
      assert.throws(() => starling.subscribe('r', { rewind }), TypeError, JSON.stringify(rewind));
    }
  });
});
