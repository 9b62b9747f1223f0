/**
 * The browser's live connection to push-gateway, independent of any STOMP library (the transport
 * is injected; see stomp-transport.ts), so that its behaviour is unit-tested with fakes:
 *
 * - It reconnects with exponential backoff from 1 s to 30 s, with jitter, so a gateway restart
 *   does not bring every browser back in the same instant.
 * - It resubscribes everything after a reconnect, asking each subscription for the windows since
 *   the last one it saw (the gateway's `backfill` header), so a chart has no gap.
 * - It falls back to SockJS when WebSocket connections fail before ever opening (proxies that
 *   refuse the upgrade).
 * - It hands windows to listeners in batches, once per animation frame, however fast they arrive.
 * - It asks for the token again before every connection: a reconnect an hour into a session must
 *   not present a token that expired long ago.
 */

/** One closed window as push-gateway sends it (see the API contract). */
export interface LiveWindow {
  start: number;
  end: number;
  widgetId?: string;
  [statistic: string]: unknown;
}

export type TransportKind = 'websocket' | 'sockjs';

/** What the client needs from a STOMP connection. */
export interface TransportEvents {
  connected(): void;
  /** The connection ended, or never opened; `opened` says whether it ever did. */
  closed(opened: boolean): void;
  message(subscriptionId: string, body: string): void;
  error(message: string): void;
}

export interface TransportSession {
  subscribe(subscriptionId: string, destination: string, headers: Record<string, string>): void;
  unsubscribe(subscriptionId: string): void;
  close(): void;
}

export interface Transport {
  open(kind: TransportKind, connectHeaders: Record<string, string>, events: TransportEvents): TransportSession;
}

export interface LiveClientOptions {
  transport: Transport;
  /** The bearer token for the next connection; a promise when it has to be fetched. */
  token: () => string | Promise<string>;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** WebSocket failures in a row, before any connection opened, after which SockJS is used. */
  webSocketAttempts?: number;
  random?: () => number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  requestFrame?: (callback: () => void) => unknown;
  onError?: (message: string) => void;
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first): the ceiling doubles from
 * `minMs` up to `maxMs`, and the delay is drawn from its upper half ("equal jitter").
 */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.max(minMs, ceiling / 2 + (random() * ceiling) / 2);
}

interface Subscription {
  destination: string;
  headers: Record<string, string>;
  listener: (windows: LiveWindow[]) => void;
  lastSeenEnd?: number;
  pending: LiveWindow[];
}

export class LiveClient {
  private readonly options: Required<Omit<LiveClientOptions, 'onError'>> & Pick<LiveClientOptions, 'onError'>;
  private readonly subscriptions = new Map<string, Subscription>();
  private session?: TransportSession;
  private connected = false;
  private stopped = false;
  private attempt = 0;
  private webSocketFailures = 0;
  private everOpened = false;
  private nextId = 0;
  private frameRequested = false;
  kind: TransportKind = 'websocket';

  constructor(options: LiveClientOptions) {
    this.options = {
      minBackoffMs: 1_000,
      maxBackoffMs: 30_000,
      webSocketAttempts: 2,
      random: Math.random,
      now: Date.now,
      setTimer: (callback, ms) => setTimeout(callback, ms),
      requestFrame: (callback) => requestAnimationFrame(() => callback()),
      ...options,
    };
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    this.session?.close();
    this.session = undefined;
    this.connected = false;
  }

  /** Subscribes now if connected, and again after every reconnect; returns the unsubscribe. */
  subscribe(destination: string, headers: Record<string, string>, listener: (windows: LiveWindow[]) => void): () => void {
    const id = `sub-${this.nextId++}`;
    const subscription: Subscription = { destination, headers, listener, pending: [] };
    this.subscriptions.set(id, subscription);
    if (this.connected) {
      this.session?.subscribe(id, destination, headers);
    }
    return () => {
      this.subscriptions.delete(id);
      if (this.connected) {
        this.session?.unsubscribe(id);
      }
    };
  }

  private open(): void {
    let token: string | Promise<string>;
    try {
      token = this.options.token();
    } catch (e) {
      token = Promise.reject(e);
    }
    if (typeof token === 'string') {
      this.openWith(token);
      return;
    }
    token.then(
      (fresh) => {
        if (!this.stopped) this.openWith(fresh);
      },
      (e) => {
        this.options.onError?.(`no token for the live connection: ${e}`);
        this.retryLater();
      },
    );
  }

  private openWith(token: string): void {
    const events: TransportEvents = {
      connected: () => this.onConnected(),
      closed: (opened) => this.onClosed(opened, session),
      message: (id, body) => this.onMessage(id, body),
      error: (message) => this.options.onError?.(message),
    };
    const session = this.options.transport.open(this.kind, { Authorization: `Bearer ${token}` }, events);
    this.session = session;
  }

  private onConnected(): void {
    this.connected = true;
    this.everOpened = true;
    this.attempt = 0;
    this.webSocketFailures = 0;
    for (const [id, subscription] of this.subscriptions) {
      this.session?.subscribe(id, subscription.destination, this.resumeHeaders(subscription));
    }
  }

  /** After a reconnect, ask for the windows since the last one seen, so the chart has no gap. */
  private resumeHeaders(subscription: Subscription): Record<string, string> {
    if (subscription.lastSeenEnd === undefined) {
      return subscription.headers;
    }
    const gapSeconds = Math.ceil((this.options.now() - subscription.lastSeenEnd) / 1000) + 1;
    return { ...subscription.headers, backfill: String(Math.max(1, gapSeconds)) };
  }

  private onClosed(opened: boolean, session: TransportSession): void {
    if (session !== this.session) {
      return;
    }
    this.connected = false;
    if (this.stopped) {
      return;
    }
    if (!opened && !this.everOpened && this.kind === 'websocket' && ++this.webSocketFailures >= this.options.webSocketAttempts) {
      this.kind = 'sockjs';
    }
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) {
      return;
    }
    const delay = backoffDelay(this.attempt++, this.options.minBackoffMs, this.options.maxBackoffMs, this.options.random);
    this.options.setTimer(() => {
      if (!this.stopped) {
        this.open();
      }
    }, delay);
  }

  private onMessage(id: string, body: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) {
      return;
    }
    const window = JSON.parse(body) as LiveWindow;
    subscription.lastSeenEnd = Math.max(subscription.lastSeenEnd ?? 0, window.end);
    subscription.pending.push(window);
    if (!this.frameRequested) {
      this.frameRequested = true;
      this.options.requestFrame(() => this.deliver());
    }
  }

  private deliver(): void {
    this.frameRequested = false;
    for (const subscription of this.subscriptions.values()) {
      if (subscription.pending.length > 0) {
        const batch = subscription.pending;
        subscription.pending = [];
        subscription.listener(batch);
      }
    }
  }
}
