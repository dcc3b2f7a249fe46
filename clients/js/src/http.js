/**
 * The two HTTP calls the client makes to the app's own backend: channel authorization (POST, as pusher-js) and
 * history pages (GET). Both use `options.fetch` (default `globalThis.fetch`), so they run unchanged in browsers,
 * Node ≥ 18 and workers, and tests can observe them.
 */

/** A failure of the app's endpoint, with the HTTP status when there was a response. */
export class EndpointError extends Error {
  constructor(message, status = 0) {
    super(message);
    this.name = 'EndpointError';
    this.status = status;
  }
}

/**
 * Authorizes `channelName` for `socketId`: `{auth, channel_data?}` from `customHandler`, or from a form POST of
 * `socket_id` and `channel_name` (plus `params`) to `endpoint`.
 */
export async function authorizeChannel(config, fetchImpl, socketId, channelName) {
  if (typeof config.customHandler === 'function') {
    const result = await new Promise((resolve, reject) => {
      config.customHandler({ socketId, channelName }, (error, data) => (error ? reject(error) : resolve(data)));
    });
    return checkAuth(result);
  }
  if (!config.endpoint) throw new EndpointError(`no channelAuthorization endpoint or customHandler for ${channelName}`);
  const params = { ...(config.params || {}), ...(config.paramsProvider ? config.paramsProvider() : {}) };
  const headers = {
    'Content-Type': 'application/x-www-form-urlencoded',
    ...(config.headers || {}),
    ...(config.headersProvider ? config.headersProvider() : {}),
  };
  const body = new URLSearchParams({ ...params, socket_id: socketId, channel_name: channelName });
  const response = await fetchImpl(config.endpoint, { method: 'POST', headers, body: body.toString() });
  if (!response.ok) {
    throw new EndpointError(`channel authorization for ${channelName} answered ${response.status}`, response.status);
  }
  return checkAuth(await response.json().catch(() => null), response.status);
}

function checkAuth(data, status = 200) {
  if (!data || typeof data.auth !== 'string') {
    throw new EndpointError('channel authorization returned no "auth" string', status);
  }
  return data;
}

/**
 * One history page `{stream_id, items, next_cursor, oldest_serial, newest_serial}`, from `customHandler` or from
 * `GET endpoint?channel_name=…&socket_id=…&<query>`. The endpoint belongs to the app: it checks that the user may
 * read the channel, signs the request with the app secret and relays the gateway's answer.
 */
export async function fetchHistoryPage(config, fetchImpl, channelName, socketId, query) {
  const timeout = config.timeout;
  if (typeof config.customHandler === 'function') {
    return checkPage(await withTimeout(config.customHandler({ channelName, socketId, query }), timeout));
  }
  const base = globalThis.location && globalThis.location.href;
  const url = base ? new URL(config.endpoint, base) : new URL(config.endpoint);
  for (const [name, value] of Object.entries({ ...(config.params || {}), ...query })) {
    if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  }
  url.searchParams.set('channel_name', channelName);
  if (socketId) url.searchParams.set('socket_id', socketId);
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  const request = (async () => {
    const response = await fetchImpl(url.toString(), {
      method: 'GET',
      headers: { Accept: 'application/json', ...(config.headers || {}) },
      signal: controller ? controller.signal : undefined,
    });
    if (!response.ok) throw new EndpointError(`history for ${channelName} answered ${response.status}`, response.status);
    return response.json();
  })();
  return checkPage(await withTimeout(request, timeout, () => controller && controller.abort()));
}

function checkPage(page) {
  if (!page || typeof page !== 'object' || !Array.isArray(page.items)) {
    throw new EndpointError('history endpoint returned no "items" array');
  }
  return page;
}

function withTimeout(promise, ms, onTimeout = () => {}) {
  let timer;
  return Promise.race([
    Promise.resolve(promise),
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        onTimeout();
        reject(new EndpointError(`no answer within ${ms} ms`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
