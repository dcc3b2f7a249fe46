import { Dispatcher } from './dispatcher.js';
import { parseData } from './connection.js';

/**
 * One subscription, kept across reconnects, and the delivery guarantee of protocol 2.
 *
 * The channel remembers the position (`stream_id`, `serial`) of the last message it handed to its callbacks and
 * hands over only messages after it: within one stream a message whose serial is not greater is a duplicate and
 * is dropped. The first subscribe attaches at the server's position (or rewinds, when asked); every later
 * subscribe resumes from the remembered position, so the server replays exactly what was missed. When it cannot
 * (`starling:resume_failed`), the channel reads what it can from the app's history endpoint and delivers it, in
 * serial order, before the live messages that arrived meanwhile; whatever may still be missing is announced with
 * one `starling:gap` event.
 */
export class Channel extends Dispatcher {
  /** @type {string} */
  name;
  subscribed = false;
  subscriptionPending = false;
  subscriptionCount = null;
  /** Presence channels only. */
  members = null;

  #client;
  #rewind;
  #attached = false;
  #position = null;
  #attach = null;
  #mode = null;
  #generation = 0;
  #recovery = null;

  /**
   * @param {string} name
   * @param {object} client the internal face of Starling: `send`, `socketId`, `authorize`, `history`,
   *   `historyEnabled`, `resyncCount`, `report`, `global`
   * @param {{count?: number, seconds?: number}|undefined} rewind replay on the first subscribe only
   */
  constructor(name, client, rewind) {
    super();
    this.name = name;
    this.#client = client;
    this.#rewind = rewind;
    if (isPresence(name)) this.members = new Members();
  }

  /** The position of the last message handed to the callbacks (or of the attach), or null. */
  get position() {
    return this.#position ? { ...this.#position } : null;
  }

  /** Sends a client event (`client-*`) on a private or presence channel; false when it could not be sent. */
  trigger(event, data) {
    if (typeof event !== 'string' || !event.startsWith('client-')) {
      throw new Error(`client events must start with "client-": ${event}`);
    }
    return this.#client.send({ event, channel: this.name, data });
  }

  /** Subscribes on the current socket: a plain or rewinding subscribe the first time, a resume afterwards. */
  async subscribeNow() {
    const generation = ++this.#generation;
    this.#recovery = null;
    this.subscribed = false;
    this.subscriptionPending = true;
    const data = { channel: this.name };
    if (needsAuth(this.name)) {
      let auth;
      try {
        auth = await this.#client.authorize(this.name);
      } catch (error) {
        if (generation !== this.#generation) return;
        this.subscriptionPending = false;
        this.#emit('pusher:subscription_error', {
          type: 'AuthError',
          error: error && error.message ? error.message : String(error),
          status: error && Number.isInteger(error.status) ? error.status : 0,
        });
        return;
      }
      if (generation !== this.#generation) return;
      data.auth = auth.auth;
      if (auth.channel_data !== undefined) data.channel_data = auth.channel_data;
      if (this.members) this.members.setMyId(auth.channel_data);
    }
    const p = this.#position;
    if (p && p.serial !== null) {
      this.#mode = 'resume';
      data.resume = { stream_id: p.stream_id, serial: p.serial };
    } else if (!this.#attached) {
      this.#mode = this.#rewind ? 'rewind' : 'plain';
      if (this.#rewind) data.rewind = { ...this.#rewind };
    } else {
      // Attached before to a channel with nothing retained, and nothing arrived since: every message retained now
      // was published after that attach, so a rewind is exactly the missed part.
      this.#mode = 'resync';
      data.rewind = { count: this.#client.resyncCount };
    }
    this.#client.send({ event: 'pusher:subscribe', data });
  }

  /** The socket is gone: whatever was in flight for it (auth, history reads, buffered messages) is dropped. */
  socketLost() {
    this.#generation += 1;
    this.#recovery = null;
    this.subscribed = false;
    this.subscriptionPending = false;
  }

  /** One frame for this channel. */
  handle(msg) {
    switch (msg.event) {
      case 'pusher_internal:subscription_succeeded':
        this.#onSubscribed(msg);
        return;
      case 'pusher:subscription_error':
        this.subscriptionPending = false;
        this.#emit('pusher:subscription_error', parseData(msg.data));
        return;
      case 'pusher_internal:member_added':
        if (this.members) {
          const member = this.members.add(parseData(msg.data));
          if (member) this.#emit('pusher:member_added', member);
        }
        return;
      case 'pusher_internal:member_removed':
        if (this.members) {
          const member = this.members.remove(parseData(msg.data));
          if (member) this.#emit('pusher:member_removed', member);
        }
        return;
      case 'pusher_internal:subscription_count': {
        const data = parseData(msg.data);
        if (data && Number.isInteger(data.subscription_count)) this.subscriptionCount = data.subscription_count;
        this.#emit('pusher:subscription_count', data);
        return;
      }
      case 'starling:rewind_complete':
        this.#onRewindComplete(objectData(msg.data));
        return;
      case 'starling:resume_success': {
        const data = objectData(msg.data);
        this.#advance(readPosition(data));
        this.#emit('starling:resume_success', data);
        return;
      }
      case 'starling:resume_failed':
        this.#onResumeFailed(objectData(msg.data)).catch((error) => this.#client.report({ type: 'RecoveryError', error }));
        return;
      default:
        if (msg.event.startsWith('pusher_internal:')) return;
        this.#onMessage(msg);
    }
  }

  #onSubscribed(msg) {
    const attach = readPosition(msg) || { stream_id: null, serial: null };
    const before = this.#position;
    this.#attach = attach;
    this.subscribed = true;
    this.subscriptionPending = false;
    this.#attached = true;
    if (this.#mode === 'plain') this.#position = { ...attach };
    else if (this.#mode === 'resync') this.#position = { stream_id: attach.stream_id, serial: null };
    const data = parseData(msg.data);
    if (this.members) {
      this.members.reset(data);
      this.#emit('pusher:subscription_succeeded', this.members);
    } else {
      this.#emit('pusher:subscription_succeeded', data);
    }
    if (this.#mode === 'resync' && before && before.stream_id !== null && attach.stream_id !== before.stream_id) {
      this.#gap('stream_reset', 'the channel stream changed while disconnected', before, attach, 0);
    }
  }

  #onRewindComplete(data) {
    this.#advance(readPosition(data));
    if (this.#mode !== 'resync') {
      this.#emit('starling:rewind_complete', data);
      return;
    }
    const position = this.#position || { stream_id: null, serial: null };
    this.#emit('starling:resume_success', {
      replayed: Number.isInteger(data.count) ? data.count : 0,
      stream_id: position.stream_id,
      serial: position.serial,
    });
    if (data.truncated === true) {
      this.#gap('rewind_truncated', 'more messages were missed than the rewind limit or retention allows', null,
        position, 0);
    }
  }

  #onMessage(msg) {
    const positioned = 'stream_id' in msg || 'serial' in msg;
    if (!positioned) {
      this.#deliver(msg, null);
      return;
    }
    const position = readPosition(msg);
    if (!position || position.stream_id === null || position.serial === null) {
      this.#client.report({ type: 'MessageParseError', error: new Error('channel message with a malformed position'), data: msg });
      return;
    }
    if (this.#recovery) this.#recovery.buffer.push({ msg, position });
    else this.#deliver(msg, position);
  }

  /** Hands one message to the callbacks unless it is at or before the remembered position of its stream. */
  #deliver(msg, position) {
    const metadata = {};
    if (typeof msg.user_id === 'string') metadata.user_id = msg.user_id;
    if (typeof msg.message_id === 'string') metadata.message_id = msg.message_id;
    if (position) {
      const last = this.#position;
      if (last && last.serial !== null && last.stream_id === position.stream_id && position.serial <= last.serial) {
        return false;
      }
      this.#position = { ...position };
      if (last && last.stream_id !== null && last.stream_id !== position.stream_id) {
        this.#gap('stream_reset', 'the channel stream changed', last, position, 0);
      }
      metadata.stream_id = position.stream_id;
      metadata.serial = position.serial;
    }
    this.#emit(msg.event, parseData(msg.data), metadata);
    return true;
  }

  /** Moves the remembered position forward to `position` (a control frame's), never back within a stream. */
  #advance(position) {
    if (!position) return;
    const last = this.#position;
    if (position.serial === null) {
      if (!last) this.#position = { ...position };
      return;
    }
    if (!last || last.serial === null || last.stream_id !== position.stream_id || position.serial > last.serial) {
      this.#position = { ...position };
    }
  }

  async #onResumeFailed(data) {
    const generation = this.#generation;
    const code = typeof data.code === 'string' ? data.code : 'unavailable';
    const since = this.#position;
    const attach = this.#attach || { stream_id: null, serial: null };
    this.#emit('starling:resume_failed', data);
    if (!since || since.serial === null || this.#mode !== 'resume') {
      this.#advance(attach);
      return;
    }
    if (code === 'position_invalid') {
      // The server never had our position (ahead of its head): start again from where it is.
      this.#position = { ...attach };
      this.#gap(code, data.reason, since, attach, 0);
      return;
    }
    const reset = code === 'stream_reset' || (attach.stream_id !== null && attach.stream_id !== since.stream_id);
    if (reset) this.#position = { stream_id: attach.stream_id, serial: null };
    const to = attach.serial;
    const from = reset ? null : since.serial + 1;
    if (to === null || (from !== null && from > to)) {
      // Nothing to read: either nothing was missed (we are at the head) or nothing is retained any more.
      this.#advance(attach);
      if (reset || to === null) this.#gap(code, data.reason, since, attach, 0);
      return;
    }
    if (!this.#client.historyEnabled) {
      this.#advance(attach);
      this.#gap(code, data.reason || 'no history endpoint configured', since, attach, 0);
      return;
    }

    this.#recovery = { buffer: [] };
    const { items, complete, reason } = await this.#readHistory(generation, attach.stream_id, from, to);
    if (generation !== this.#generation) return;
    items.sort((a, b) => a.serial - b.serial);
    let recovered = 0;
    for (const item of items) {
      if (this.#deliver(item, { stream_id: item.stream_id, serial: item.serial })) recovered += 1;
    }
    this.#advance(attach);
    if (reset || !complete) this.#gap(code, reason || data.reason, since, attach, recovered);
    const buffered = this.#recovery.buffer;
    this.#recovery = null;
    for (const { msg, position } of buffered) this.#deliver(msg, position);
  }

  /**
   * Reads history forwards, `from` (inclusive, null: the start of the stream) to `to`, every page. `complete` is
   * true only when the pages prove nothing in the range is missing: the stream is the expected one, its oldest
   * retained serial is not after `from`, and it holds `to` itself.
   */
  async #readHistory(generation, streamId, from, to) {
    const items = [];
    let oldest;
    try {
      let cursor = null;
      do {
        const query = { direction: 'forwards', limit: this.#client.historyPageSize, to_serial: to };
        if (from !== null) query.from_serial = from;
        if (cursor) query.cursor = cursor;
        const page = await this.#client.history(this.name, query);
        if (generation !== this.#generation) return { items: [], complete: false };
        if (streamId !== null && page.stream_id !== streamId) {
          return { items, complete: false, reason: 'the history belongs to another stream' };
        }
        if (oldest === undefined) oldest = Number.isSafeInteger(page.oldest_serial) ? page.oldest_serial : null;
        for (const item of page.items) {
          if (item && typeof item.event === 'string' && Number.isSafeInteger(item.serial)) {
            items.push({ ...item, stream_id: page.stream_id });
          }
        }
        cursor = typeof page.next_cursor === 'string' && page.next_cursor ? page.next_cursor : null;
        if (cursor && items.length >= this.#client.historyMaxMessages) {
          return { items, complete: false, reason: 'more missed messages than history.maxMessages' };
        }
      } while (cursor);
    } catch (error) {
      return { items, complete: false, reason: `history: ${error && error.message ? error.message : error}` };
    }
    if (from === null || oldest === null || oldest > from) {
      return { items, complete: false, reason: 'history no longer has every missed message' };
    }
    // `to` is the serial of a real message (the newest before the attach): a history without it lags behind.
    if (!items.some((item) => item.serial === to)) {
      return { items, complete: false, reason: 'history does not reach the attach position yet' };
    }
    return { items, complete: true };
  }

  #gap(code, reason, since, until, recovered) {
    this.#emit('starling:gap', {
      code,
      reason: reason || code,
      since: since ? { ...since } : null,
      until: until ? { ...until } : null,
      recovered,
    });
  }

  #emit(event, data, metadata) {
    this.emit(event, data, metadata);
    this.#client.global(event, data, metadata, this.name);
  }
}

/** A presence channel's members, as pusher-js exposes them. */
export class Members {
  members = {};
  count = 0;
  myID = null;
  me = null;

  get(id) {
    return Object.prototype.hasOwnProperty.call(this.members, id) ? { id, info: this.members[id] } : null;
  }

  each(callback) {
    for (const id of Object.keys(this.members)) callback(this.get(id));
  }

  setMyId(channelData) {
    const data = parseData(channelData);
    if (data && data.user_id !== undefined && data.user_id !== null) this.myID = String(data.user_id);
  }

  reset(data) {
    const presence = data && typeof data === 'object' ? data.presence : null;
    const hash = presence && presence.hash && typeof presence.hash === 'object' ? presence.hash : {};
    this.members = { ...hash };
    this.count = Object.keys(this.members).length;
    this.me = this.myID !== null ? this.get(this.myID) : null;
  }

  add(data) {
    if (!data || data.user_id === undefined || data.user_id === null) return null;
    const id = String(data.user_id);
    const known = Object.prototype.hasOwnProperty.call(this.members, id);
    this.members[id] = data.user_info;
    if (known) return null;
    this.count += 1;
    return this.get(id);
  }

  remove(data) {
    if (!data || data.user_id === undefined || data.user_id === null) return null;
    const member = this.get(String(data.user_id));
    if (!member) return null;
    delete this.members[member.id];
    this.count -= 1;
    return member;
  }
}

export function needsAuth(name) {
  return name.startsWith('private-') || name.startsWith('presence-');
}

function isPresence(name) {
  return name.startsWith('presence-');
}

/** `{stream_id, serial}` of a frame or control payload; null when either has the wrong type. */
function readPosition(source) {
  if (!source || typeof source !== 'object') return null;
  const streamId = source.stream_id === undefined ? null : source.stream_id;
  const serial = source.serial === undefined ? null : source.serial;
  if (streamId !== null && typeof streamId !== 'string') return null;
  if (serial !== null && !Number.isSafeInteger(serial)) return null;
  if (serial !== null && streamId === null) return null;
  return { stream_id: streamId, serial };
}

function objectData(data) {
  const parsed = parseData(data);
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
}
