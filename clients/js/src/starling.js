import { Channel } from './channel.js';
import { Connection, parseData } from './connection.js';
import { Dispatcher } from './dispatcher.js';
import { authorizeChannel, fetchHistoryPage } from './http.js';
import { VERSION } from './version.js';

/**
 * The client: pusher-js's shape (`subscribe`, `bind`, `connection`, `disconnect`) over Starling's protocol 2.
 * Connects right after it is created (in a microtask); channels are kept across reconnects and resumed where they stopped.
 */
export class Starling {
  static VERSION = VERSION;

  /** @type {string} */
  key;
  /** The normalised options. */
  config;
  /** @type {Connection} */
  connection;

  #channels = new Map();
  #global = new Dispatcher();
  #face;

  constructor(key, options = {}) {
    if (typeof key !== 'string' || key === '') throw new TypeError('Starling needs the app key');
    this.key = key;
    this.config = normalise(key, options || {});
    this.connection = new Connection(this.config, {
      message: (msg) => this.#route(msg),
      established: () => {
        for (const channel of this.#channels.values()) this.#subscribe(channel);
      },
      lost: () => {
        for (const channel of this.#channels.values()) channel.socketLost();
      },
    });
    const config = this.config;
    this.#face = {
      send: (frame) => this.connection.send(frame),
      authorize: (name) => authorizeChannel(config.channelAuthorization, config.fetch, this.connection.socket_id, name),
      history: (name, query) => fetchHistoryPage(config.history, config.fetch, name, this.connection.socket_id, query),
      historyEnabled: Boolean(config.history.endpoint || config.history.customHandler),
      historyPageSize: config.history.pageSize,
      historyMaxMessages: config.history.maxMessages,
      resyncCount: config.resyncRewindCount,
      report: (error) => this.connection.emit('error', error),
      global: (event, data, metadata) => this.#global.emit(event, data, metadata),
    };
    // After the constructor returns, so callbacks bound right after `new Starling()` see every state change.
    queueMicrotask(() => {
      if (this.connection.state === 'initialized') this.connect();
    });
  }

  /** The current socket id, or undefined while not connected. */
  get socket_id() {
    return this.connection.socket_id;
  }

  connect() {
    this.connection.connect();
  }

  /** Closes the socket and stops reconnecting; subscriptions are kept and resumed by a later `connect()`. */
  disconnect() {
    this.connection.disconnect();
  }

  /**
   * The channel `name`, subscribed now or as soon as the connection is up. `options.rewind` (`{count}` or
   * `{seconds}`) replays retained messages on the first subscribe only; a channel already known is returned as
   * it is.
   */
  subscribe(name, options = {}) {
    if (typeof name !== 'string' || name === '') throw new TypeError('channel name must be a non-empty string');
    if (name.startsWith('private-encrypted-')) {
      throw new Error(`${name}: end-to-end encrypted channels are not supported by @starling/client; use pusher-js`);
    }
    const known = this.#channels.get(name);
    if (known) return known;
    const channel = new Channel(name, this.#face, checkRewind(options && options.rewind));
    this.#channels.set(name, channel);
    if (this.connection.state === 'connected') this.#subscribe(channel);
    return channel;
  }

  unsubscribe(name) {
    const channel = this.#channels.get(name);
    if (!channel) return;
    this.#channels.delete(name);
    const active = channel.subscribed || channel.subscriptionPending;
    channel.socketLost();
    if (active) this.connection.send({ event: 'pusher:unsubscribe', data: { channel: name } });
  }

  channel(name) {
    return this.#channels.get(name);
  }

  allChannels() {
    return [...this.#channels.values()];
  }

  /** Callbacks for an event on every channel (and for connection-level events such as `pusher:error`). */
  bind(event, callback, context) {
    this.#global.bind(event, callback, context);
    return this;
  }

  unbind(event, callback, context) {
    this.#global.unbind(event, callback, context);
    return this;
  }

  bind_global(callback) {
    this.#global.bind_global(callback);
    return this;
  }

  unbind_global(callback) {
    this.#global.unbind_global(callback);
    return this;
  }

  unbind_all() {
    this.#global.unbind_all();
    return this;
  }

  /** Sends a raw event; false when not connected. */
  send_event(event, data, channel) {
    const frame = { event, data };
    if (channel) frame.channel = channel;
    return this.connection.send(frame);
  }

  #subscribe(channel) {
    channel.subscribeNow().catch((error) => this.connection.emit('error', { type: 'SubscribeError', error }));
  }

  #route(msg) {
    if (typeof msg.channel === 'string') {
      const channel = this.#channels.get(msg.channel);
      if (channel) channel.handle(msg);
      return;
    }
    if (!msg.event.startsWith('pusher_internal:')) this.#global.emit(msg.event, parseData(msg.data));
  }
}

function normalise(key, o) {
  const legacyAuth = o.auth || {};
  const channelAuthorization = {
    endpoint: o.authEndpoint || '/pusher/auth',
    headers: legacyAuth.headers,
    params: legacyAuth.params,
    ...(o.channelAuthorization || {}),
  };
  const history = {
    pageSize: 100,
    maxMessages: 1000,
    timeout: 10000,
    ...(o.history || {}),
  };
  const browserTLS = Boolean(globalThis.location && globalThis.location.protocol === 'https:');
  const fetchImpl = o.fetch || (typeof globalThis.fetch === 'function' ? (...args) => globalThis.fetch(...args) : null);
  return {
    key,
    version: VERSION,
    wsHost: o.wsHost || (globalThis.location && globalThis.location.hostname) || 'localhost',
    wsPort: o.wsPort ?? 80,
    wssPort: o.wssPort ?? 443,
    wsPath: o.wsPath || '',
    useTLS: browserTLS || o.forceTLS !== false,
    activityTimeout: o.activityTimeout ?? 120000,
    pongTimeout: o.pongTimeout ?? 30000,
    unavailableTimeout: o.unavailableTimeout ?? 10000,
    handshakeTimeout: o.handshakeTimeout ?? 10000,
    reconnect: { initialDelay: 1000, maxDelay: 30000, ...(o.reconnect || {}) },
    resyncRewindCount: o.resyncRewindCount ?? 100,
    WebSocket: o.WebSocket || globalThis.WebSocket,
    fetch: fetchImpl || missingFetch,
    channelAuthorization,
    history,
  };
}

async function missingFetch() {
  throw new Error('no fetch implementation: pass options.fetch');
}

function checkRewind(rewind) {
  if (rewind === undefined || rewind === null) return undefined;
  const keys = rewind && typeof rewind === 'object' ? Object.keys(rewind) : [];
  const valid = keys.length === 1 && (keys[0] === 'count' || keys[0] === 'seconds')
    && Number.isSafeInteger(rewind[keys[0]]) && rewind[keys[0]] >= 0;
  if (!valid) throw new TypeError('rewind must be {count: N} or {seconds: S} with a non-negative integer');
  return { [keys[0]]: rewind[keys[0]] };
}
