// Whatever the server sends, the client neither crashes nor loses its place.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { client, record, startFakeServer, state, waitFor } from '../support/fake-server.js';

describe('malformed server frames', () => {
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

  it('are reported as errors and ignored; the connection and the positions stay', async () => {
    starling = client(server);
    const errors = [];
    starling.connection.bind('error', (error) => errors.push(error.type));
    const channel = starling.subscribe('c');
    const presence = starling.subscribe('presence-p');
    const seen = record(channel);
    const peer = await server.nextPeer();
    peer.establish('1.1');
    await peer.acceptSubscribe('c', { stream_id: 's-1', serial: 1 });
    await waitFor(() => channel.subscribed, 'subscribed');

    const garbage = [
      'not json', '[1,2]', 'null', '42', '"text"', '{}', '{"event":5}', '{"event":null,"channel":"c"}',
      { event: 'numbered', channel: 'c', data: '{"n":90}', stream_id: 5, serial: 2 },
      { event: 'numbered', channel: 'c', data: '{"n":91}', stream_id: 's-1', serial: '2' },
      { event: 'numbered', channel: 'c', data: '{"n":92}', stream_id: 's-1', serial: 2.5 },
      { event: 'numbered', channel: 'c', data: '{"n":93}', stream_id: 's-1' },
      { event: 'numbered', channel: 'c', data: '{"n":94}', serial: 2 },
      { event: 'numbered', channel: 'c', data: '{"n":95}', stream_id: null, serial: null },
      { event: 'numbered', channel: 'unknown-channel', data: '{"n":96}', stream_id: 's-1', serial: 2 },
      { event: 'pusher_internal:subscription_succeeded', channel: 'unknown-channel', data: 'x{' },
      { event: 'pusher_internal:member_added', channel: 'c', data: '{"user_id":"1"}' },
      { event: 'pusher_internal:member_added', channel: 'presence-p', data: 'garbage' },
      { event: 'pusher_internal:member_removed', channel: 'presence-p', data: { user_id: 'nobody' } },
      { event: 'pusher_internal:subscription_count', channel: 'c', data: '{"subscription_count":"x"}' },
      { event: 'starling:resume_failed', channel: 'c', data: 'garbage' },
      { event: 'starling:resume_success', channel: 'c', data: { stream_id: 7, serial: 'x' } },
      { event: 'starling:rewind_complete', channel: 'c', data: null },
      { event: 'pusher:error', data: 'not an object' },
      { event: 'pusher:connection_established', data: '{"socket_id":"9.9"}' },
      { event: 'pusher:subscription_error', channel: 'c' },
    ];
    for (const frame of garbage) peer.send(frame);
    peer.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    peer.message('c', 2);
    await waitFor(() => seen.numbers().includes(2), 'the valid message after the garbage');

    assert.deepEqual(seen.numbers(), [2], 'no malformed channel message was delivered');
    assert.deepEqual(channel.position, { stream_id: 's-1', serial: 2 });
    assert.equal(starling.connection.state, 'connected');
    assert.equal(starling.socket_id, '1.1');
    assert.equal(server.peers.length, 1, 'no reconnect');
    assert.ok(errors.filter((t) => t === 'MessageParseError').length >= 14, `errors: ${errors}`);
    assert.equal(presence.members.count, 0);
  });

  it('a handshake without a socket id is dropped and retried', async () => {
    starling = client(server);
    const first = await server.nextPeer();
    first.send({ event: 'pusher:connection_established', data: '{"activity_timeout":120}' });
    const second = await server.nextPeer();
    second.send('garbage');
    second.establish('2.2');
    await state(starling, 'connected');
    assert.equal(starling.socket_id, '2.2');
  });

  it('a handshake that never comes is given up after handshakeTimeout', async () => {
    starling = client(server, { handshakeTimeout: 100 });
    await server.nextPeer();
    const second = await server.nextPeer(2000);
    second.establish('2.2');
    await state(starling, 'connected');
  });
});
