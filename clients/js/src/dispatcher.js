/**
 * Named and global callbacks, shaped like pusher-js's `bind`/`unbind`/`bind_global`.
 *
 * A callback that throws does not disturb the client: the exception is re-thrown from a microtask, so it surfaces
 * where the host reports uncaught errors (the browser console, Node's `uncaughtException`) while the frame that
 * triggered it is still processed to the end and the next callbacks still run.
 */
export class Dispatcher {
  #named = new Map();
  #global = [];

  bind(event, callback, context) {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    let list = this.#named.get(event);
    if (!list) this.#named.set(event, (list = []));
    list.push({ callback, context });
    return this;
  }

  /** Without arguments removes every named callback; with an event only that event's; with both only that one. */
  unbind(event, callback, context) {
    if (event === undefined || event === null) {
      if (callback === undefined) {
        this.#named.clear();
        return this;
      }
      for (const name of [...this.#named.keys()]) this.#remove(name, callback, context);
      return this;
    }
    this.#remove(event, callback, context);
    return this;
  }

  bind_global(callback) {
    if (typeof callback !== 'function') throw new TypeError('callback must be a function');
    this.#global.push(callback);
    return this;
  }

  unbind_global(callback) {
    this.#global = callback === undefined ? [] : this.#global.filter((c) => c !== callback);
    return this;
  }

  unbind_all() {
    this.#named.clear();
    this.#global = [];
    return this;
  }

  /** Calls the global callbacks with `(event, data, metadata)`, then the event's with `(data, metadata)`. */
  emit(event, data, metadata) {
    for (const callback of [...this.#global]) guard(() => callback(event, data, metadata));
    const list = this.#named.get(event);
    if (list) for (const { callback, context } of [...list]) guard(() => callback.call(context, data, metadata));
    return this;
  }

  #remove(event, callback, context) {
    const list = this.#named.get(event);
    if (!list) return;
    const kept = callback === undefined
      ? []
      : list.filter((b) => b.callback !== callback || (context !== undefined && b.context !== context));
    if (kept.length) this.#named.set(event, kept);
    else this.#named.delete(event);
  }
}

function guard(fn) {
  try {
    fn();
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}
