import { Client, IMessage } from '@stomp/stompjs';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One closed window as push-gateway sends it (see the API contract). */
interface LiveWindow {
  start: number;
  end: number;
  count: number;
  [statistic: string]: number | null | object;
}

const HISTORY_SECONDS = 300;
const COLORS = ['#1676f3', '#e8590c', '#2b8a3e', '#ae3ec9'];

/**
 * A live uPlot chart of one metric. It talks STOMP to push-gateway directly, keeps the last five
 * minutes of windows, and redraws at most once per animation frame however fast windows arrive.
 */
class PbLiveChart extends HTMLElement {
  gatewayUrl = '';
  token = '';
  metric = '';
  window = '1s';
  statistics = 'p50,p99';

  private client?: Client;
  private plot?: uPlot;
  private readonly windows = new Map<number, LiveWindow>();
  private frameRequested = false;
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
    this.client = new Client({
      brokerURL: this.gatewayUrl,
      connectHeaders: { Authorization: `Bearer ${this.token}` },
      heartbeatIncoming: 30000,
      heartbeatOutgoing: 30000,
      reconnectDelay: 1000,
      onConnect: () => this.client?.subscribe(`/metrics/${this.metric}/${this.window}`, (m) => this.onWindow(m)),
      onStompError: (frame) => this.setAttribute('data-error', frame.headers['message'] ?? 'STOMP error'),
    });
    this.client.activate();
  }

  disconnectedCallback() {
    this.client?.deactivate();
    this.resizeObserver?.disconnect();
    this.plot?.destroy();
  }

  private onWindow(message: IMessage) {
    const window = JSON.parse(message.body) as LiveWindow;
    this.windows.set(window.start, window);
    const oldest = window.start - HISTORY_SECONDS * 1000;
    for (const start of this.windows.keys()) {
      if (start < oldest) this.windows.delete(start);
    }
    if (!this.frameRequested) {
      this.frameRequested = true;
      requestAnimationFrame(() => this.redraw());
    }
  }

  private redraw() {
    this.frameRequested = false;
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
