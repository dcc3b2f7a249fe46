// A scripted Starling server for unit tests: a real `ws` server on 127.0.0.1 whose every frame the test writes.
import { once } from 'node:events';
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { Starling } from '../../src/index.js';

export { quiet, record, state, waitFor } from './wait.js';

const WAIT_MS = 3000;

export async function startFakeServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const peers = [];
  const waiting = [];
  let taken = 0;
  wss.on('connection', (ws, request) => {
    peers.push(new Peer(ws, request));
    while (waiting.length && taken < peers.length) waiting.shift()(peers[taken++]);
  });
  return {
    port: wss.address().port,
    peers,
    /** The next connection not yet returned, waiting for it if needed. */
    nextPeer(timeout = WAIT_MS) {
      if (taken < peers.length) return Promise.resolve(peers[taken++]);
      return withTimeout(new Promise((resolve) => waiting.push(resolve)), timeout, 'no connection arrived');
    },
    async close() {
      for (const peer of peers) peer.ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

/** One accepted socket: what the client sent, and helpers to answer. */
export class Peer {
  frames = [];
  #read = 0;
  #waiting = null;

  constructor(ws, request) {
    this.ws = ws;
    this.url = new URL(request.url, 'http://127.0.0.1');
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => {});
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      if (this.#waiting) this.#waiting();
    });
  }

  send(frame) {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  establish(socketId = '1234.5678', activityTimeout = 120) {
    this.send({ event: 'pusher:connection_established', data: JSON.stringify({ socket_id: socketId, activity_timeout: activityTimeout }) });
  }

  /** The next frame from the client (optionally the next with this event), in order. */
  async next(event, timeout = WAIT_MS) {
    const deadline = Date.now() + timeout;
    for (;;) {
      while (this.#read < this.frames.length) {
        const frame = this.frames[this.#read++];
        if (!event || frame.event === event) return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${event || 'frame'} from the client within ${timeout} ms`);
      await withTimeout(new Promise((resolve) => { this.#waiting = resolve; }), left, `no ${event || 'frame'} from the client`)
        .catch(() => {});
      this.#waiting = null;
    }
  }

  /** Answers the next subscribe of `channel` with subscription_succeeded at `position` and returns the subscribe. */
  async acceptSubscribe(channel, position = { stream_id: 's-1', serial: null }, data = '{}') {
    const frame = await this.next('pusher:subscribe');
    if (frame.data.channel !== channel) throw new Error(`expected a subscribe to ${channel}: ${JSON.stringify(frame)}`);
    this.send({ event: 'pusher_internal:subscription_succeeded', channel, data, ...position });
    return frame;
  }

  message(channel, serial, { event = 'numbered', stream = 's-1', data } = {}) {
    this.send({
      event, channel, data: data ?? JSON.stringify({ n: serial }),
      message_id: `m-${stream}-${serial}`, stream_id: stream, serial,
    });
  }

  control(channel, event, data) {
    this.send({ event, channel, data });
  }
}

/** A client pointed at the fake server, with fast reconnects. */
export function client(server, options = {}) {
  return new Starling('app-key', {
    wsHost: '127.0.0.1', wsPort: server.port, forceTLS: false, WebSocket,
    reconnect: { initialDelay: 40, maxDelay: 200 },
    ...options,
  });
}

/** A local HTTP endpoint: `handler(request, url, body)` returns `{status, body}` (or a promise of it). */
export async function startEndpoint(handler) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ method: req.method, url, headers: req.headers, body });
    const answer = await handler(req, url, body);
    res.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json' });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {}));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}
