import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { LiveClient, LiveWindow } from './live/live-client';
import { stompTransport } from './live/stomp-transport';

const HISTORY_SECONDS = 300;
const COLORS = ['#1676f3', '#e8590c', '#2b8a3e', '#ae3ec9'];

/**
 * A live uPlot chart of one metric. It talks STOMP to push-gateway directly through LiveClient
 * (reconnects with backoff, fills gaps, falls back to SockJS, batches per animation frame), keeps
 * the last five minutes of windows, and redraws once per batch.
 */
class PbLiveChart extends HTMLElement {
  gatewayUrl = '';
  token = '';
  metric = '';
  window = '1s';
  statistics = 'p50,p99';

  /** Vaadin's bridge to the server-side LiveChart. */
  declare $server: { freshAccessToken(): Promise<string> };

  private firstTokenUsed = false;
  private client?: LiveClient;
  private plot?: uPlot;
  private readonly windows = new Map<number, LiveWindow>();
  private resizeObserver?: ResizeObserver;

  /** How many windows have been drawn; the browser test reads it. */
  get drawnWindows(): number {
    return this.windows.size;
  }

  connectedCallback() {
    const names = this.statistics.split(',');
    this.plot = new uPlot(
      {
        width: Math.max(this.clientWidth, 300),
        height: 300,
        scales: { x: { time: true } },
        series: [{}, ...names.map((name, i) => ({ label: name, stroke: COLORS[i % COLORS.length], width: 2 }))],
        axes: [{}, { label: 'ms' }],
      },
      [[], ...names.map(() => [])],
      this,
    );
    this.resizeObserver = new ResizeObserver(() => this.plot?.setSize({ width: Math.max(this.clientWidth, 300), height: 300 }));
    this.resizeObserver.observe(this);
    const sockJsUrl = this.gatewayUrl.replace(/^ws/, 'http').replace(/\/ws$/, '/sockjs');
    this.client = new LiveClient({
      transport: stompTransport(this.gatewayUrl, sockJsUrl),
      token: () => this.nextToken(),
      onError: (message) => this.setAttribute('data-error', message),
    });
    this.client.subscribe(`/metrics/${this.metric}/${this.window}`, {}, (windows) => this.onWindows(windows));
    this.client.start();
  }

  /** The token the page came with serves the first connection; later ones ask the server for a fresh one. */
  private nextToken(): string | Promise<string> {
    if (this.firstTokenUsed) {
      return this.$server.freshAccessToken();
    }
    this.firstTokenUsed = true;
    return this.token;
  }

  disconnectedCallback() {
    this.client?.stop();
    this.resizeObserver?.disconnect();
    this.plot?.destroy();
  }

  /** A batch of windows, at most one per animation frame; a backfilled window replaces its earlier copy. */
  private onWindows(batch: LiveWindow[]) {
    for (const window of batch) {
      this.windows.set(window.start, window);
    }
    const newest = Math.max(...this.windows.keys());
    for (const start of this.windows.keys()) {
      if (start < newest - HISTORY_SECONDS * 1000) this.windows.delete(start);
    }
    this.redraw();
  }

  private redraw() {
    const names = this.statistics.split(',');
    const ordered = [...this.windows.values()].sort((a, b) => a.start - b.start);
    const data: uPlot.AlignedData = [
      ordered.map((w) => w.start / 1000),
      ...names.map((name) => ordered.map((w) => (typeof w[name] === 'number' ? (w[name] as number) : null))),
    ];
    this.plot?.setData(data);
    this.setAttribute('data-windows', String(ordered.length));
  }
}

customElements.define('pb-live-chart', PbLiveChart);
