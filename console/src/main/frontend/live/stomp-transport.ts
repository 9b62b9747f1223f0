import { Client, StompSubscription } from '@stomp/stompjs';
// The browser build: the package's main entry expects Node's `global`, which browsers lack.
import SockJS from 'sockjs-client/dist/sockjs.min.js';
import type { Transport, TransportEvents, TransportKind, TransportSession } from './live-client';

/**
 * The LiveClient transport over @stomp/stompjs: native WebSocket at `webSocketUrl`, or SockJS at
 * `sockJsUrl`, which itself falls back to xhr-streaming and polling. Reconnection is LiveClient's
 * job, so the STOMP client's own is off.
 */
export function stompTransport(webSocketUrl: string, sockJsUrl: string): Transport {
  return {
    open(kind: TransportKind, connectHeaders: Record<string, string>, events: TransportEvents): TransportSession {
      let opened = false;
      let ended = false;
      const subscriptions = new Map<string, StompSubscription>();
      const end = () => {
        if (!ended) {
          ended = true;
          events.closed(opened);
        }
      };
      const client = new Client({
        ...(kind === 'websocket' ? { brokerURL: webSocketUrl } : { webSocketFactory: () => new SockJS(sockJsUrl) }),
        connectHeaders,
        heartbeatIncoming: 30_000,
        heartbeatOutgoing: 30_000,
        reconnectDelay: 0,
        onConnect: () => {
          opened = true;
          events.connected();
        },
        onStompError: (frame) => {
          events.error(frame.headers['message'] ?? 'STOMP error');
          end();
        },
        onWebSocketClose: end,
      });
      client.activate();
      return {
        subscribe(id, destination, headers) {
          subscriptions.set(id, client.subscribe(destination, (message) => events.message(id, message.body), { ...headers, id }));
        },
        unsubscribe(id) {
          subscriptions.get(id)?.unsubscribe();
          subscriptions.delete(id);
        },
        close() {
          ended = true;
          void client.deactivate();
        },
      };
    },
  };
}
