import { Dispatcher } from './dispatcher.js';

/**
 * One logical connection made of successive WebSockets: the handshake, the heartbeat and the reconnect policy.
 *
 * States are pusher-js's: `initialized` → `connecting` → `connected`; after a lost socket back to `connecting`
 * (and `unavailable` once `unavailableTimeout` passes without a connection, retries going on); `failed` when the
 * server refuses the connection for good (close or error code 4000–4099, ≥ 4300) or no WebSocket implementation
 * exists; `disconnected` after `disconnect()`. Each change emits `state_change` `{previous, current}` and the new
 * state's name.
 *
 * Reconnects follow the close code like pusher-js: 4000–4099 and ≥ 4300 never; 4200–4299 at once (the server
 * asks for a reconnect, e.g. while draining); 4100–4199, 1xxx and failed attempts after an exponential backoff with
 * jitter. A lost heartbeat (no frame within `pongTimeout` after our `pusher:ping`) reconnects at once.
 */
export class Connection extends Dispatcher {
  state = 'initialized';
  socket_id = undefined;

  #options;
  #hooks;
  #socket = null;
  #established = false;
  #handshakeError = null;
  #attempt = 0;
  #activityTimeout = 0;
  #timers = { retry: null, unavailable: null, handshake: null, activity: null, pong: null };

  /**
   * @param {object} options normalised client options (see Starling)
   * @param {{message(msg: object): void, established(): void, lost(): void}} hooks
   */
  constructor(options, hooks) {
    super();
    this.#options = options;
    this.#hooks = hooks;
  }

  connect() {
    if (this.#socket || this.#timers.retry || this.state === 'connected') return;
    this.#open();
  }

  disconnect() {
    const wasUp = this.#established;
    this.#clearTimers(true);
    this.#discardSocket(1000);
    this.#attempt = 0;
    this.#setState('disconnected');
    if (wasUp) this.#hooks.lost();
  }

  /** Sends one frame; false when there is no established socket to send it on. */
  send(frame) {
    if (!this.#socket || !this.#established) return false;
    try {
      this.#socket.send(JSON.stringify(frame));
      return true;
    } catch (error) {
      this.emit('error', { type: 'WebSocketError', error });
      return false;
    }
  }

  /** The URL of the next connection attempt. */
  url() {
    const o = this.#options;
    const scheme = o.useTLS ? 'wss' : 'ws';
    const port = o.useTLS ? o.wssPort : o.wsPort;
    const query = `protocol=2&client=starling-js&version=${encodeURIComponent(o.version)}`;
    return `${scheme}://${o.wsHost}:${port}${o.wsPath}/app/${encodeURIComponent(o.key)}?${query}`;
  }

  #open() {
    const Impl = this.#options.WebSocket;
    if (typeof Impl !== 'function') {
      this.emit('error', { type: 'WebSocketError', error: new Error('no WebSocket implementation: pass options.WebSocket') });
      this.#setState('failed');
      return;
    }
    if (this.state !== 'unavailable') this.#setState('connecting');
    if (!this.#timers.unavailable) {
      this.#timers.unavailable = setTimeout(() => {
        this.#timers.unavailable = null;
        if (this.state === 'connecting') this.#setState('unavailable');
      }, this.#options.unavailableTimeout);
    }
    this.#established = false;
    this.#handshakeError = null;
    let socket;
    try {
      socket = new Impl(this.url());
    } catch (error) {
      this.emit('error', { type: 'WebSocketError', error });
      this.#afterClose('backoff');
      return;
    }
    this.#socket = socket;
    socket.onmessage = (event) => this.#onFrame(event.data);
    socket.onerror = (error) => this.emit('error', { type: 'WebSocketError', error });
    socket.onclose = (event) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#closed(event && typeof event.code === 'number' ? event.code : 1006, event && event.reason);
    };
    this.#timers.handshake = setTimeout(() => {
      this.#timers.handshake = null;
      this.#drop('backoff');
    }, this.#options.handshakeTimeout);
  }

  #onFrame(raw) {
    if (typeof raw !== 'string') return; // the protocol has text frames only
    this.#resetActivity();
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch (error) {
      this.emit('error', { type: 'MessageParseError', error, data: raw });
      return;
    }
    if (msg === null || typeof msg !== 'object' || Array.isArray(msg) || typeof msg.event !== 'string') {
      this.emit('error', { type: 'MessageParseError', error: new Error('not a Pusher frame'), data: raw });
      return;
    }
    try {
      this.#dispatch(msg);
    } catch (error) {
      this.emit('error', { type: 'MessageHandlingError', error, data: raw });
    }
  }

  #dispatch(msg) {
    if (!this.#established) {
      if (msg.event === 'pusher:connection_established') this.#onEstablished(msg);
      else if (msg.event === 'pusher:error') {
        this.#handshakeError = errorCode(msg.data);
        this.emit('error', { type: 'PusherError', data: msg.data });
      }
      return;
    }
    switch (msg.event) {
      case 'pusher:ping':
        this.send({ event: 'pusher:pong', data: {} });
        return;
      case 'pusher:pong':
        return;
      case 'pusher:error':
        this.emit('error', { type: 'PusherError', data: msg.data });
        this.emit('message', msg);
        this.#hooks.message(msg);
        return;
      default:
        this.emit('message', msg);
        this.#hooks.message(msg);
    }
  }

  #onEstablished(msg) {
    const data = parseData(msg.data);
    const socketId = data && data.socket_id;
    if (typeof socketId !== 'string' || !/^\d+\.\d+$/.test(socketId)) {
      this.emit('error', { type: 'MessageParseError', error: new Error('bad connection_established'), data: msg.data });
      this.#drop('backoff');
      return;
    }
    clearTimeout(this.#timers.handshake);
    clearTimeout(this.#timers.unavailable);
    this.#timers.handshake = this.#timers.unavailable = null;
    const serverTimeout = Number.isFinite(data.activity_timeout) && data.activity_timeout > 0
      ? data.activity_timeout * 1000
      : Infinity;
    this.#activityTimeout = Math.min(serverTimeout, this.#options.activityTimeout);
    this.#established = true;
    this.#attempt = 0;
    this.socket_id = socketId;
    this.#resetActivity();
    this.#setState('connected');
    this.#hooks.established();
  }

  #resetActivity() {
    clearTimeout(this.#timers.pong);
    clearTimeout(this.#timers.activity);
    this.#timers.pong = null;
    this.#timers.activity = null;
    if (!this.#established) return;
    this.#timers.activity = setTimeout(() => {
      this.#timers.activity = null;
      this.send({ event: 'pusher:ping', data: {} });
      this.#timers.pong = setTimeout(() => {
        this.#timers.pong = null;
        this.#drop('retry');
      }, this.#options.pongTimeout);
    }, this.#activityTimeout);
  }

  /** The socket closed by itself (server close, network loss). */
  #closed(code, reason) {
    const action = closeAction(code < 4000 && this.#handshakeError !== null ? this.#handshakeError : code);
    if (action === 'refused') {
      const wasUp = this.#established;
      this.#clearTimers(true);
      this.#established = false;
      this.socket_id = undefined;
      this.emit('error', { type: 'PusherError', data: { code, message: reason || 'connection refused' } });
      this.#setState('failed');
      if (wasUp) this.#hooks.lost();
      return;
    }
    this.#afterClose(action);
  }

  /** We give up on the current socket ourselves (handshake or pong timeout) and go on as `action` says. */
  #drop(action) {
    this.#discardSocket(4000);
    this.#afterClose(action);
  }

  #afterClose(action) {
    const wasUp = this.#established;
    this.#clearTimers(false);
    this.#established = false;
    this.socket_id = undefined;
    if (this.state === 'connected') this.#setState('connecting');
    if (wasUp) this.#hooks.lost();
    if (this.state === 'disconnected' || this.state === 'failed') return;
    if (!this.#timers.unavailable) {
      this.#timers.unavailable = setTimeout(() => {
        this.#timers.unavailable = null;
        if (this.state === 'connecting') this.#setState('unavailable');
      }, this.#options.unavailableTimeout);
    }
    // "Reconnect now" only after a socket that worked: a server that refuses at once still gets the backoff.
    const delay = action === 'retry' && wasUp ? 0 : this.#backoff();
    this.emit('connecting_in', Math.round(delay / 1000));
    this.#timers.retry = setTimeout(() => {
      this.#timers.retry = null;
      this.#open();
    }, delay);
  }

  #backoff() {
    const { initialDelay, maxDelay } = this.#options.reconnect;
    const ceiling = Math.min(maxDelay, initialDelay * 2 ** Math.min(this.#attempt, 30));
    this.#attempt += 1;
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  #discardSocket(code) {
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    // Late events of a discarded socket are ignored; an error listener stays so `ws` never throws for lack of one.
    socket.onmessage = socket.onclose = socket.onopen = null;
    socket.onerror = () => {};
    try {
      if (typeof socket.terminate === 'function') socket.terminate();
      else socket.close(code === 1000 ? 1000 : undefined);
    } catch {
      // already closed
    }
  }

  #clearTimers(all) {
    for (const name of Object.keys(this.#timers)) {
      if (!all && name === 'unavailable') continue;
      clearTimeout(this.#timers[name]);
      this.#timers[name] = null;
    }
  }

  #setState(state) {
    if (this.state === state) return;
    const previous = this.state;
    this.state = state;
    this.emit('state_change', { previous, current: state });
    this.emit(state);
  }
}

/** What pusher-js does after a close with this code: `refused`, `backoff` or `retry`. */
export function closeAction(code) {
  if (code >= 4000 && code < 4100) return 'refused';
  if (code >= 4100 && code < 4200) return 'backoff';
  if (code >= 4200 && code < 4300) return 'retry';
  if (code >= 4300) return 'refused';
  return 'backoff';
}

/** `data` as sent: JSON strings are parsed (as pusher-js does), anything else is returned as it is. */
export function parseData(data) {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function errorCode(data) {
  const parsed = parseData(data);
  return parsed && Number.isInteger(parsed.code) ? parsed.code : null;
}
