// The app backend a real deployment has, as the integration tests run it: it holds the app secret, signs channel
// authorizations and relays signed history reads to the gateway. The client only ever talks to this.
import http from 'node:http';
import { once } from 'node:events';
import Pusher from 'pusher';

export const APP = { appId: 'app-id', key: 'app-key', secret: 'app-secret' };

/** The official server SDK pointed at the gateway: publishes and signs HTTP API calls. */
export function serverSdk(gatewayPort) {
  return new Pusher({ ...APP, host: '127.0.0.1', port: String(gatewayPort), useTLS: false, timeout: 5000 });
}

const HISTORY_QUERY = ['limit', 'direction', 'from_serial', 'to_serial', 'cursor'];

export async function startBackend(gatewayPort) {
  const pusher = serverSdk(gatewayPort);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
    try {
      if (req.method === 'POST' && url.pathname === '/pusher/auth') {
        const form = new URLSearchParams(body);
        // A real app checks here that its user may join the channel.
        return reply(res, 200, pusher.authorizeChannel(form.get('socket_id'), form.get('channel_name')));
      }
      if (req.method === 'GET' && url.pathname === '/starling/history') {
        const channel = url.searchParams.get('channel_name');
        // A real app checks here that its user may read the channel.
        const params = {};
        for (const name of HISTORY_QUERY) if (url.searchParams.has(name)) params[name] = url.searchParams.get(name);
        try {
          const answer = await pusher.get({ path: `/channels/${encodeURIComponent(channel)}/history`, params });
          return reply(res, answer.status, await answer.text());
        } catch (error) {
          return reply(res, error.status || 502, error.body || JSON.stringify({ error: error.message }));
        }
      }
      return reply(res, 404, { error: 'not found' });
    } catch (error) {
      return reply(res, 500, { error: error.message });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    authEndpoint: `${base}/pusher/auth`,
    historyEndpoint: `${base}/starling/history`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

function reply(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
