// resume_failed: the gap is filled from the app's history endpoint, in order, before the live messages.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { client, quiet, record, startEndpoint, startFakeServer, waitFor } from '../support/fake-server.js';

const item = (serial, stream = 's-1') => ({
  message_id: `m-${stream}-${serial}`, serial, event: 'numbered', data: JSON.stringify({ n: serial }), published_at_ms: 1,
});
const range = (from, to, stream) => Array.from({ length: to - from + 1 }, (_, i) => item(from + i, stream));

describe('history fallback', () => {
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

  /** Subscribed at s-1:10 with message 11 delivered, then reconnected: returns the new peer after its resume. */
  async function resumed(options = {}) {
    starling = client(server, options);
    const channel = starling.subscribe('orders');
    const seen = record(channel);
    const peer = await server.nextPeer();
    peer.establish('1.1');
    await peer.acceptSubscribe('orders', { stream_id: 's-1', serial: 10 });
    peer.message('orders', 11);
    await waitFor(() => seen.numbers().length === 1, 'message 11');
    peer.ws.terminate();
    const next = await server.nextPeer();
    next.establish('2.2');
    const subscribe = await next.next('pusher:subscribe');
    assert.deepEqual(subscribe.data.resume, { stream_id: 's-1', serial: 11 });
    return { channel, seen, peer: next };
  }

  function failResume(peer, attach, data) {
    peer.send({ event: 'pusher_internal:subscription_succeeded', channel: 'orders', data: '{}', ...attach });
    peer.control('orders', 'starling:resume_failed', data);
  }

  it('reads every page of the missed range, delivers it in order, then the live messages that came meanwhile', async () => {
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    endpoint = await startEndpoint(async (req, url) => {
      await released;
      const page = url.searchParams.get('cursor') === 'c2'
        ? { stream_id: 's-1', items: range(17, 20), next_cursor: null, oldest_serial: 1, newest_serial: 20 }
        : { stream_id: 's-1', items: range(12, 16).reverse(), next_cursor: 'c2', oldest_serial: 1, newest_serial: 20 };
      return { body: page };
    });
    const { seen, channel, peer } = await resumed({ history: { endpoint: `${endpoint.url}/starling/history`, headers: { 'X-App': 'yes' } } });
    failResume(peer, { stream_id: 's-1', serial: 20 }, { code: 'unavailable', reason: 'store down', stream_id: 's-1' });
    peer.message('orders', 21);
    peer.message('orders', 22);
    await waitFor(() => endpoint.requests.length === 1, 'the history request');
    await quiet(50);
    assert.deepEqual(seen.numbers(), [11], 'live messages wait for the history');
    release();
    await waitFor(() => seen.numbers().length === 12, 'all messages');

    assert.deepEqual(seen.numbers(), [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    assert.equal(seen.events('starling:gap').length, 0, 'nothing was lost');
    assert.deepEqual(seen.events('starling:').map((e) => e.event), ['starling:resume_failed']);
    assert.deepEqual(seen.seen.find((e) => e.data?.n === 12).metadata, { message_id: 'm-s-1-12', stream_id: 's-1', serial: 12 });
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 22 });

    const [first, second] = endpoint.requests;
    assert.equal(first.method, 'GET');
    assert.equal(first.url.pathname, '/starling/history');
    assert.equal(first.headers['x-app'], 'yes');
    assert.deepEqual(Object.fromEntries(first.url.searchParams), {
      direction: 'forwards', limit: '100', to_serial: '20', from_serial: '12', channel_name: 'orders', socket_id: '2.2',
    });
    assert.deepEqual(Object.fromEntries(second.url.searchParams), {
      direction: 'forwards', limit: '100', to_serial: '20', from_serial: '12', cursor: 'c2', channel_name: 'orders', socket_id: '2.2',
    });
  });

  it('delivers what history still has, then one gap event, then live', async () => {
    endpoint = await startEndpoint(() => ({
      body: { stream_id: 's-1', items: range(25, 30), next_cursor: null, oldest_serial: 25, newest_serial: 31 },
    }));
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 30 }, { code: 'position_expired', reason: 'expired', stream_id: 's-1', oldest_serial: 25 });
    peer.message('orders', 31);
    await waitFor(() => seen.numbers().includes(31), 'the live message');
    assert.deepEqual(seen.seen.slice(2).map((e) => e.data?.n ?? e.event), [
      'pusher:subscription_succeeded', 'starling:resume_failed', 25, 26, 27, 28, 29, 30, 'starling:gap', 31,
    ]);
    assert.deepEqual(seen.events('starling:gap')[0].data, {
      code: 'position_expired', reason: 'history no longer has every missed message',
      since: { stream_id: 's-1', serial: 11 }, until: { stream_id: 's-1', serial: 30 }, recovered: 6,
    });
  });

  it('without a history endpoint reports the gap at once and goes on live', async () => {
    const { seen, peer, channel } = await resumed();
    failResume(peer, { stream_id: 's-1', serial: 30 }, { code: 'position_expired', reason: 'expired', stream_id: 's-1' });
    peer.message('orders', 31);
    await waitFor(() => seen.numbers().includes(31), 'the live message');
    assert.deepEqual(seen.seen.slice(3).map((e) => e.data?.n ?? e.event), ['starling:resume_failed', 'starling:gap', 31]);
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 31 });
  });

  it('a failing history endpoint gives a gap, and the live messages still arrive once', async () => {
    endpoint = await startEndpoint(() => ({ status: 502, body: { error: 'bad gateway' } }));
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 15 }, { code: 'unavailable', reason: 'store down', stream_id: 's-1' });
    peer.message('orders', 15);
    peer.message('orders', 16);
    await waitFor(() => seen.numbers().includes(16), 'the live message');
    assert.deepEqual(seen.numbers(), [11, 16]);
    const gap = seen.events('starling:gap')[0].data;
    assert.equal(gap.code, 'unavailable');
    assert.match(gap.reason, /502/);
  });

  it('a history endpoint that does not answer in time gives a gap', async () => {
    endpoint = await startEndpoint(() => new Promise(() => {}));
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h`, timeout: 100 } });
    failResume(peer, { stream_id: 's-1', serial: 15 }, { code: 'unavailable', stream_id: 's-1' });
    peer.message('orders', 16);
    const gap = await seen.until((e) => e.event === 'starling:gap', 'the gap');
    assert.match(gap.data.reason, /within 100 ms/);
    await waitFor(() => seen.numbers().includes(16), 'the live message');
  });

  it('stream_reset: reads the new stream from its start, then reports the old stream as a gap', async () => {
    endpoint = await startEndpoint(() => ({
      body: { stream_id: 's-2', items: range(1, 3, 's-2'), next_cursor: null, oldest_serial: 1, newest_serial: 3 },
    }));
    const { seen, peer, channel } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-2', serial: 3 }, { code: 'stream_reset', reason: 'restarted', stream_id: 's-2' });
    peer.message('orders', 4, { stream: 's-2' });
    await waitFor(() => seen.numbers().includes(4), 'the live message');
    assert.deepEqual(seen.seen.slice(3).map((e) => e.data?.n ?? e.event), ['starling:resume_failed', 1, 2, 3, 'starling:gap', 4]);
    assert.deepEqual(Object.fromEntries(endpoint.requests[0].url.searchParams), {
      direction: 'forwards', limit: '100', to_serial: '3', channel_name: 'orders', socket_id: '2.2',
    });
    assert.deepEqual(seen.events('starling:gap')[0].data.since, { stream_id: 's-1', serial: 11 });
    assert.deepEqual(channel.position, { stream_id: 's-2', serial: 4 });
  });

  it('a history that does not reach the attach position yet (lagging) delivers what it has and reports a gap', async () => {
    endpoint = await startEndpoint(() => ({
      body: { stream_id: 's-1', items: range(12, 18), next_cursor: null, oldest_serial: 1, newest_serial: 18 },
    }));
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 20 }, { code: 'unavailable', stream_id: 's-1' });
    peer.message('orders', 21);
    await waitFor(() => seen.numbers().includes(21), 'the live message');
    assert.deepEqual(seen.numbers(), [11, 12, 13, 14, 15, 16, 17, 18, 21]);
    const gap = seen.events('starling:gap')[0].data;
    assert.equal(gap.recovered, 7);
    assert.match(gap.reason, /does not reach the attach position/);
  });

  it('history of another stream than the one attached is not delivered', async () => {
    endpoint = await startEndpoint(() => ({
      body: { stream_id: 's-3', items: range(12, 15, 's-3'), next_cursor: null, oldest_serial: 1, newest_serial: 15 },
    }));
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 15 }, { code: 'unavailable', stream_id: 's-1' });
    const gap = await seen.until((e) => e.event === 'starling:gap', 'the gap');
    assert.match(gap.data.reason, /another stream/);
    assert.deepEqual(seen.numbers(), [11]);
  });

  it('a reconnect during the history read abandons it and resumes from the last delivered message', async () => {
    let release;
    const released = new Promise((resolve) => { release = resolve; });
    endpoint = await startEndpoint(async () => {
      await released;
      return { body: { stream_id: 's-1', items: range(12, 15), next_cursor: null, oldest_serial: 1, newest_serial: 15 } };
    });
    const { seen, peer } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 15 }, { code: 'unavailable', stream_id: 's-1' });
    peer.message('orders', 16);
    await waitFor(() => endpoint.requests.length === 1, 'the history request');
    peer.ws.terminate();
    const next = await server.nextPeer();
    next.establish('3.3');
    assert.deepEqual((await next.next('pusher:subscribe')).data.resume, { stream_id: 's-1', serial: 11 });
    release();
    await quiet(100);
    assert.deepEqual(seen.numbers(), [11], 'the abandoned read delivers nothing');
    next.send({ event: 'pusher_internal:subscription_succeeded', channel: 'orders', data: '{}', stream_id: 's-1', serial: 16 });
    for (const serial of [12, 13, 14, 15, 16]) next.message('orders', serial);
    next.control('orders', 'starling:resume_success', { replayed: 5, stream_id: 's-1', serial: 16 });
    await waitFor(() => seen.numbers().length === 6, 'the replay');
    assert.deepEqual(seen.numbers(), [11, 12, 13, 14, 15, 16]);
  });

  it('calls history.customHandler with the channel, socket id and query', async () => {
    const asked = [];
    const { seen, peer } = await resumed({
      history: {
        customHandler: async (request) => {
          asked.push(request);
          return { stream_id: 's-1', items: range(12, 12), next_cursor: null, oldest_serial: 12, newest_serial: 12 };
        },
      },
    });
    failResume(peer, { stream_id: 's-1', serial: 12 }, { code: 'unavailable', stream_id: 's-1' });
    await waitFor(() => seen.numbers().includes(12), 'the recovered message');
    assert.deepEqual(asked, [{
      channelName: 'orders', socketId: '2.2', query: { direction: 'forwards', limit: 100, to_serial: 12, from_serial: 12 },
    }]);
    assert.equal(seen.events('starling:gap').length, 0);
  });

  it('position_invalid moves to the attach position and reports a gap without reading history', async () => {
    endpoint = await startEndpoint(() => ({ body: { stream_id: 's-1', items: [] } }));
    const { seen, peer, channel } = await resumed({ history: { endpoint: `${endpoint.url}/h` } });
    failResume(peer, { stream_id: 's-1', serial: 5 }, { code: 'position_invalid', reason: 'ahead', stream_id: 's-1' });
    peer.message('orders', 6);
    await waitFor(() => seen.numbers().includes(6), 'the live message');
    assert.equal(endpoint.requests.length, 0);
    assert.equal(seen.events('starling:gap')[0].data.code, 'position_invalid');
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 6 });
  });
});
