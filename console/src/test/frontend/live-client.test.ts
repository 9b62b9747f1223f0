import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  LiveClient,
  LiveWindow,
  Transport,
  TransportEvents,
  TransportKind,
  TransportSession,
} from '../../main/frontend/live/live-client';

/** A transport whose connections the test opens, closes and feeds by hand. */
class FakeTransport implements Transport {
  readonly connections: FakeConnection[] = [];

  open(kind: TransportKind, headers: Record<string, string>, events: TransportEvents): TransportSession {
    const connection = new FakeConnection(kind, headers, events);
    this.connections.push(connection);
    return connection;
  }

  get last(): FakeConnection {
    return this.connections[this.connections.length - 1];
  }
}

class FakeConnection implements TransportSession {
  readonly subscribed: { id: string; destination: string; headers: Record<string, string> }[] = [];
  closedByClient = false;

  constructor(readonly kind: TransportKind, readonly headers: Record<string, string>, readonly events: TransportEvents) {}

  subscribe(id: string, destination: string, headers: Record<string, string>): void {
    this.subscribed.push({ id, destination, headers });
  }

  unsubscribe(id: string): void {
    const at = this.subscribed.findIndex((s) => s.id === id);
    this.subscribed.splice(at, 1);
  }

  close(): void {
    this.closedByClient = true;
  }

  window(start: number, extra: Partial<LiveWindow> = {}): void {
    const id = this.subscribed[0].id;
    this.events.message(id, JSON.stringify({ start, end: start + 1000, count: 1, ...extra }));
  }
}

/** Timers and animation frames the test runs when it says so, on a clock it sets. */
class Scheduler {
  now = 1_000_000;
  readonly timers: { callback: () => void; ms: number }[] = [];
  readonly frames: (() => void)[] = [];

  runTimers(): void {
    this.timers.splice(0).forEach((t) => t.callback());
  }

  runFrames(): void {
    this.frames.splice(0).forEach((f) => f());
  }
}

function client(
  transport: FakeTransport,
  scheduler: Scheduler,
  random = () => 0.5,
  token: () => string | Promise<string> = () => 'token-1',
): LiveClient {
  return new LiveClient({
    transport,
    token,
    random,
    now: () => scheduler.now,
    setTimer: (callback, ms) => scheduler.timers.push({ callback, ms }),
    requestFrame: (callback) => scheduler.frames.push(callback),
  });
}

describe('backoffDelay', () => {
  it('doubles from 1 s up to 30 s, drawn from the upper half of each ceiling', () => {
    const lowest = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, 1000, 30000, () => 0));
    const highest = [0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, 1000, 30000, () => 0.999999));
    expect(lowest).toEqual([1000, 1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(highest.map(Math.round)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('spreads clients out: jitter gives different delays for the same attempt', () => {
    const delays = new Set([0.1, 0.4, 0.7, 0.9].map((r) => backoffDelay(4, 1000, 30000, () => r)));
    expect(delays.size).toBe(4);
  });
});

describe('LiveClient', () => {
  it('reconnects with growing delays, and starts again from 1 s once connected', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler, () => 0.999999);
    live.start();
    transport.last.events.connected();
    for (let i = 0; i < 4; i++) {
      transport.last.events.closed(true);
      scheduler.runTimers();
    }
    transport.last.events.connected();
    transport.last.events.closed(true);
    expect(scheduler.timers.map((t) => Math.round(t.ms))).toEqual([1000]);
    expect(transport.connections).toHaveLength(5);
  });

  it('resubscribes after a reconnect and asks for the windows since the last one it saw', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    live.subscribe('/metrics/latency/1s', { groupBy: 'region' }, () => {});
    live.start();
    transport.last.events.connected();
    expect(transport.last.subscribed[0].headers).toEqual({ groupBy: 'region' });
    transport.last.window(scheduler.now - 1000);

    transport.last.events.closed(true);
    scheduler.now += 7_500;
    scheduler.runTimers();
    transport.last.events.connected();

    const resubscribed = transport.last.subscribed;
    expect(resubscribed).toHaveLength(1);
    expect(resubscribed[0].destination).toBe('/metrics/latency/1s');
    expect(resubscribed[0].headers).toEqual({ groupBy: 'region', backfill: '9' });
  });

  it('does not resubscribe what was unsubscribed', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    const unsubscribe = live.subscribe('/metrics/a/1s', {}, () => {});
    live.subscribe('/metrics/b/1s', {}, () => {});
    live.start();
    transport.last.events.connected();
    unsubscribe();
    transport.last.events.closed(true);
    scheduler.runTimers();
    transport.last.events.connected();
    expect(transport.last.subscribed.map((s) => s.destination)).toEqual(['/metrics/b/1s']);
  });

  it('batches windows into one delivery per animation frame', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    const batches: LiveWindow[][] = [];
    live.subscribe('/metrics/latency/1s', {}, (windows) => batches.push(windows));
    live.start();
    transport.last.events.connected();
    for (let i = 0; i < 50; i++) {
      transport.last.window(i * 1000);
    }
    expect(scheduler.frames).toHaveLength(1);
    expect(batches).toHaveLength(0);
    scheduler.runFrames();
    expect(batches).toHaveLength(1);
    expect(batches[0].map((w) => w.start)).toEqual([...Array(50).keys()].map((i) => i * 1000));
    transport.last.window(99_000);
    scheduler.runFrames();
    expect(batches).toHaveLength(2);
  });

  it('switches to SockJS when WebSocket connections never open, and stays on it', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    live.start();
    transport.last.events.closed(false);
    scheduler.runTimers();
    expect(transport.last.kind).toBe('websocket');
    transport.last.events.closed(false);
    scheduler.runTimers();
    expect(transport.last.kind).toBe('sockjs');
    transport.last.events.connected();
    transport.last.events.closed(true);
    scheduler.runTimers();
    expect(transport.last.kind).toBe('sockjs');
  });

  it('keeps WebSocket when it worked before and a connection merely dropped', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    live.start();
    transport.last.events.connected();
    for (let i = 0; i < 3; i++) {
      transport.last.events.closed(false);
      scheduler.runTimers();
    }
    expect(transport.last.kind).toBe('websocket');
  });

  it('stops for good: no reconnect after stop()', () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const live = client(transport, scheduler);
    live.start();
    transport.last.events.connected();
    live.stop();
    transport.last.events.closed(true);
    scheduler.runTimers();
    expect(transport.connections).toHaveLength(1);
    expect(transport.last.closedByClient).toBe(true);
  });

  it('fetches a fresh token for every connection, and retries with backoff when it cannot get one', async () => {
    const transport = new FakeTransport();
    const scheduler = new Scheduler();
    const issued = ['token-1', 'token-2'];
    let calls = 0;
    const live = client(transport, scheduler, () => 0.5, () => {
      calls++;
      return calls === 2 ? Promise.reject(new Error('session expired')) : Promise.resolve(issued.shift()!);
    });
    live.start();
    await Promise.resolve();
    expect(transport.last.headers).toEqual({ Authorization: 'Bearer token-1' });
    transport.last.events.connected();
    transport.last.events.closed(true);

    scheduler.runTimers();
    await Promise.resolve();
    await Promise.resolve();
    expect(transport.connections).toHaveLength(1);
    expect(scheduler.timers).toHaveLength(1);

    scheduler.runTimers();
    await Promise.resolve();
    expect(transport.connections).toHaveLength(2);
    expect(transport.last.headers).toEqual({ Authorization: 'Bearer token-2' });
  });
});
