// Public API of @starling/client. The runtime is the ES module in src/; these declarations describe it.

export type ConnectionState = 'initialized' | 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

/** A place in a channel's stream: `serial` is null when the channel had no retained message. */
export interface Position {
  stream_id: string | null;
  serial: number | null;
}

/** Passed as the second argument of event callbacks. */
export interface EventMetadata {
  /** The sender of a client event on a presence channel. */
  user_id?: string;
  message_id?: string;
  stream_id?: string;
  serial?: number;
}

export type EventCallback<T = any> = (data: T, metadata?: EventMetadata) => void;
export type GlobalCallback = (event: string, data: any, metadata?: EventMetadata) => void;

export interface ChannelAuthorizationData {
  auth: string;
  channel_data?: string;
}

export type ChannelAuthorizationCallback = (error: Error | null, data: ChannelAuthorizationData | null) => void;

export interface ChannelAuthorizationOptions {
  /** POSTed `socket_id` and `channel_name` as a form; answers `{auth, channel_data?}`. Default `/pusher/auth`. */
  endpoint?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  headersProvider?: () => Record<string, string>;
  paramsProvider?: () => Record<string, string>;
  /** Replaces the endpoint: authorize `channelName` for `socketId` and call back. */
  customHandler?: (request: { socketId: string; channelName: string }, callback: ChannelAuthorizationCallback) => void;
}

/** The query the client sends to the history endpoint (besides `channel_name` and `socket_id`). */
export interface HistoryQuery {
  direction: 'forwards';
  limit: number;
  /** Inclusive; absent after a stream reset (from the start of the new stream). */
  from_serial?: number;
  /** Inclusive: the attach position of the new subscription. */
  to_serial: number;
  /** From the previous page's `next_cursor`, sent with the same query. */
  cursor?: string;
}

export interface HistoryItem {
  message_id: string;
  serial: number;
  event: string;
  data: string;
  published_at_ms: number;
  user_id?: string;
}

/** The gateway's `GET /apps/{id}/channels/{c}/history` answer, relayed unchanged by the app's endpoint. */
export interface HistoryPage {
  stream_id: string | null;
  items: HistoryItem[];
  next_cursor: string | null;
  oldest_serial: number | null;
  newest_serial: number | null;
}

export interface HistoryOptions {
  /** The app's own endpoint, GET with `channel_name`, `socket_id` and the HistoryQuery fields. Never the gateway. */
  endpoint?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Replaces the endpoint. */
  customHandler?: (request: { channelName: string; socketId: string | undefined; query: HistoryQuery }) => Promise<HistoryPage>;
  /** `limit` of each page; default 100. */
  pageSize?: number;
  /** Most messages read for one recovery; beyond it the rest is a gap. Default 1000. */
  maxMessages?: number;
  /** Milliseconds one page may take; default 10000. */
  timeout?: number;
}

export interface ReconnectOptions {
  /** First backoff delay in ms (default 1000); doubled each failed attempt, jittered in [d/2, d]. */
  initialDelay?: number;
  /** Longest backoff delay in ms (default 30000). */
  maxDelay?: number;
}

/** A WebSocket constructor with the browser API (`globalThis.WebSocket`, or `ws` in Node). */
export type WebSocketConstructor = new (url: string) => {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onopen: ((event: unknown) => void) | null;
};

export interface Options {
  wsHost?: string;
  /** Port without TLS; default 80. */
  wsPort?: number;
  /** Port with TLS; default 443. */
  wssPort?: number;
  wsPath?: string;
  /** TLS unless false (always on an https: page). */
  forceTLS?: boolean;
  /** Accepted for pusher-js compatibility; ignored. */
  cluster?: string;
  /** Accepted for pusher-js compatibility; ignored (WebSocket only). */
  enabledTransports?: string[];
  /** Silence in ms before the client pings; the server's activity_timeout wins when shorter. Default 120000. */
  activityTimeout?: number;
  /** Wait in ms for any frame after a ping before reconnecting. Default 30000. */
  pongTimeout?: number;
  /** Time in ms connecting before the state becomes `unavailable`. Default 10000. */
  unavailableTimeout?: number;
  /** Time in ms for connection_established after the socket opens. Default 10000. */
  handshakeTimeout?: number;
  reconnect?: ReconnectOptions;
  /** Rewind count used to catch up a channel that was attached with no retained message. Default 100. */
  resyncRewindCount?: number;
  WebSocket?: WebSocketConstructor;
  fetch?: (input: string, init?: any) => Promise<{ ok: boolean; status: number; json(): Promise<any> }>;
  channelAuthorization?: ChannelAuthorizationOptions;
  /** pusher-js's older spelling of channelAuthorization.endpoint. */
  authEndpoint?: string;
  /** pusher-js's older spelling of channelAuthorization.headers/params. */
  auth?: { headers?: Record<string, string>; params?: Record<string, string> };
  history?: HistoryOptions;
}

export type Rewind = { count: number } | { seconds: number };

export interface SubscribeOptions {
  /** Replays retained messages on the first subscribe only. */
  rewind?: Rewind;
}

export interface RewindComplete {
  count: number;
  stream_id: string | null;
  serial: number | null;
  truncated: boolean;
}

export interface ResumeSuccess {
  replayed: number;
  stream_id: string | null;
  serial: number | null;
}

export type ResumeFailureCode = 'stream_reset' | 'position_expired' | 'position_invalid' | 'unavailable';

export interface ResumeFailed {
  code: ResumeFailureCode;
  reason?: string;
  stream_id?: string | null;
  oldest_serial?: number | null;
}

/** Messages after `since` up to `until` may be missing, except the `recovered` ones delivered just before. */
export interface Gap {
  code: ResumeFailureCode | 'rewind_truncated';
  reason: string;
  since: Position | null;
  until: Position | null;
  recovered: number;
}

export interface SubscriptionError {
  type: string;
  error: string;
  status: number;
}

export interface Member {
  id: string;
  info: any;
}

export interface StateChange {
  previous: ConnectionState;
  current: ConnectionState;
}

export interface ConnectionError {
  type: 'PusherError' | 'WebSocketError' | 'MessageParseError' | 'MessageHandlingError' | 'SubscribeError' | 'RecoveryError';
  data?: any;
  error?: unknown;
}

export declare class Members {
  members: Record<string, any>;
  count: number;
  myID: string | null;
  me: Member | null;
  get(id: string): Member | null;
  each(callback: (member: Member) => void): void;
}

export declare class Channel {
  readonly name: string;
  subscribed: boolean;
  subscriptionPending: boolean;
  subscriptionCount: number | null;
  /** Presence channels only. */
  members: Members | null;
  /** The last position handed to the callbacks (or the attach position). */
  readonly position: Position | null;

  bind(event: 'pusher:subscription_succeeded', callback: (data: any) => void, context?: any): this;
  bind(event: 'pusher:subscription_error', callback: (error: SubscriptionError) => void, context?: any): this;
  bind(event: 'pusher:member_added' | 'pusher:member_removed', callback: (member: Member) => void, context?: any): this;
  bind(event: 'starling:rewind_complete', callback: (data: RewindComplete) => void, context?: any): this;
  bind(event: 'starling:resume_success', callback: (data: ResumeSuccess) => void, context?: any): this;
  bind(event: 'starling:resume_failed', callback: (data: ResumeFailed) => void, context?: any): this;
  bind(event: 'starling:gap', callback: (gap: Gap) => void, context?: any): this;
  bind(event: string, callback: EventCallback, context?: any): this;
  unbind(event?: string | null, callback?: Function, context?: any): this;
  bind_global(callback: GlobalCallback): this;
  unbind_global(callback?: GlobalCallback): this;
  unbind_all(): this;
  /** A `client-*` event on a private or presence channel; false when not connected. */
  trigger(event: string, data: unknown): boolean;
}

export declare class Connection {
  /** @internal created by Starling */
  constructor(options: unknown, hooks: unknown);
  readonly state: ConnectionState;
  readonly socket_id: string | undefined;
  bind(event: 'state_change', callback: (change: StateChange) => void, context?: any): this;
  bind(event: ConnectionState, callback: () => void, context?: any): this;
  bind(event: 'error', callback: (error: ConnectionError) => void, context?: any): this;
  bind(event: 'connecting_in', callback: (seconds: number) => void, context?: any): this;
  bind(event: 'message', callback: (frame: { event: string; channel?: string; data?: unknown }) => void, context?: any): this;
  unbind(event?: string | null, callback?: Function, context?: any): this;
  bind_global(callback: (event: string, data: any) => void): this;
  unbind_global(callback?: Function): this;
  unbind_all(): this;
  connect(): void;
  disconnect(): void;
  send(frame: object): boolean;
  url(): string;
}

export declare class Starling {
  static readonly VERSION: string;
  readonly key: string;
  readonly connection: Connection;
  readonly socket_id: string | undefined;
  constructor(key: string, options?: Options);
  connect(): void;
  /** Closes and stops reconnecting; channels and positions are kept for a later connect(). */
  disconnect(): void;
  subscribe(name: string, options?: SubscribeOptions): Channel;
  unsubscribe(name: string): void;
  channel(name: string): Channel | undefined;
  allChannels(): Channel[];
  /** The event on every channel, and connection-level events such as `pusher:error`. */
  bind(event: string, callback: EventCallback, context?: any): this;
  unbind(event?: string | null, callback?: Function, context?: any): this;
  bind_global(callback: GlobalCallback): this;
  unbind_global(callback?: GlobalCallback): this;
  unbind_all(): this;
  send_event(event: string, data: unknown, channel?: string): boolean;
}

/** What a close code does: `refused` (no reconnect), `backoff`, or `retry` (at once). */
export declare function closeAction(code: number): 'refused' | 'backoff' | 'retry';

/** A failed call to the app's authorization or history endpoint. */
export declare class EndpointError extends Error {
  readonly status: number;
}

export declare const VERSION: string;

export default Starling;
