// Compiled (never run) by test/unit/types.test.js against index.d.ts: the README's usage must type-check.
import Starling, { type Gap, type HistoryPage, type Position, closeAction } from '@starling/client';

declare const WebSocketImpl: NonNullable<ConstructorParameters<typeof Starling>[1]>['WebSocket'];

const client = new Starling('app-key', {
  wsHost: 'localhost',
  wsPort: 6001,
  forceTLS: false,
  enabledTransports: ['ws', 'wss'],
  cluster: 'mt1',
  WebSocket: WebSocketImpl,
  channelAuthorization: { endpoint: '/pusher/auth', headers: { 'X-CSRF-Token': 't' } },
  history: {
    endpoint: '/starling/history',
    customHandler: async ({ channelName, query }): Promise<HistoryPage> => {
      const to: number = query.to_serial;
      return { stream_id: channelName, items: [], next_cursor: null, oldest_serial: to, newest_serial: to };
    },
  },
  reconnect: { initialDelay: 500, maxDelay: 10000 },
});

const orders = client.subscribe('orders', { rewind: { count: 10 } });
orders.bind('order.created', (data: { id: number }, metadata) => {
  const serial: number | undefined = metadata?.serial;
  console.log(data.id, serial);
});
orders.bind('starling:gap', (gap: Gap) => {
  const since: Position | null = gap.since;
  console.log(gap.code, gap.recovered, since?.serial);
});
orders.bind('starling:rewind_complete', (done) => console.log(done.truncated));
orders.bind_global((event, data) => console.log(event, data));
orders.unbind('order.created');
const position: Position | null = orders.position;

const room = client.subscribe('presence-room');
room.bind('pusher:member_added', (member) => console.log(member.id, member.info));
room.members?.each((member) => console.log(member.id));

client.connection.bind('state_change', ({ previous, current }) => console.log(previous, current));
client.connection.bind('connected', () => console.log(client.socket_id));
client.connection.bind('error', (error) => console.log(error.type));
const state: 'connected' | string = client.connection.state;
const action: 'refused' | 'backoff' | 'retry' = closeAction(4100);
client.unsubscribe('orders');
client.disconnect();
console.log(position, state, action, Starling.VERSION);
