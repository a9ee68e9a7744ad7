// The agent's token velocity, drawn by uPlot (vendored, global uPlot): metered tokens per minute
// over the last minute and averaged over the budget's velocity span (what its limit checks), with
// the soft and hard velocity limits. Starts from GET /api/agents/{id}/velocity (10-second buckets,
// 30 minutes) and adds the live "usage" events as they come.

import { formatCompact, timeSpanSeconds } from './format.js';

const color = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** "#1f6feb" with an alpha, as canvas understands it. */
function translucent(hex, alpha) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return match ? `rgba(${parseInt(match[1], 16)}, ${parseInt(match[2], 16)}, ${parseInt(match[3], 16)}, ${alpha})` : 'transparent';
}

export class VelocityChart {
  #container;
  #buckets = new Map(); // bucket index (start / bucketSeconds) → metered tokens
  #bucketSeconds = 10;
  #spanBuckets = 180;
  #limits = null;
  #plot = null;
  #resize;
  #redraw = 0;

  constructor(container) {
    this.#container = container;
    this.#resize = new ResizeObserver(() => this.#plot?.setSize(this.#size()));
    this.#resize.observe(container);
    // The window moves on even when nothing is reported.
    this.#redraw = setInterval(() => this.draw(), 5000);
  }

  /** series: GET /api/agents/{id}/velocity; limits: the agent's budget limits (or null). */
  load(series, limits) {
    this.#bucketSeconds = series.bucketSeconds;
    this.#spanBuckets = series.points.length;
    this.#buckets.clear();
    for (const point of series.points) {
      this.#buckets.set(this.#index(point.at), point.inputTokens + point.outputTokens);
    }
    this.#limits = limits;
    this.draw();
  }

  setLimits(limits) {
    this.#limits = limits;
  }

  /** A live "usage" event of this agent. */
  addUsage(usage) {
    const index = this.#index(usage.at);
    this.#buckets.set(index, (this.#buckets.get(index) ?? 0) + usage.inputTokens + usage.outputTokens);
    this.draw();
  }

  draw() {
    if (typeof uPlot === 'undefined') {
      this.#container.textContent = 'The chart library did not load.';
      return;
    }
    const last = Math.floor(Date.now() / 1000 / this.#bucketSeconds);
    const first = last - this.#spanBuckets + 1;
    for (const index of this.#buckets.keys()) if (index < first - 400) this.#buckets.delete(index);
    const perMinute = 60 / this.#bucketSeconds;
    const spanSeconds = timeSpanSeconds(this.#limits?.velocitySpan) || 300;
    const spanBuckets = Math.max(1, Math.round(spanSeconds / this.#bucketSeconds));
    const sum = (end, count) => {
      let total = 0;
      for (let index = end - count + 1; index <= end; index++) total += this.#buckets.get(index) ?? 0;
      return total;
    };
    const x = [];
    const lastMinute = [];
    const averaged = [];
    for (let index = first; index <= last; index++) {
      x.push(index * this.#bucketSeconds);
      lastMinute.push(sum(index, perMinute));
      averaged.push(sum(index, spanBuckets) / (spanSeconds / 60));
    }
    const hard = this.#limits?.tokensPerMinute ?? null;
    const soft = hard === null ? null : hard * Number(this.#limits.softFraction ?? 0.8);
    const data = [x, lastMinute, averaged, x.map(() => soft), x.map(() => hard)];
    if (this.#plot) {
      this.#plot.setData(data);
    } else {
      this.#container.replaceChildren();
      this.#plot = new uPlot(this.#options(spanSeconds), data, this.#container);
    }
    this.#container.setAttribute('aria-label',
      `Token velocity: ${formatCompact(lastMinute.at(-1))} tokens in the last minute, ${formatCompact(averaged.at(-1))} per minute over ${spanSeconds / 60} min` +
      (hard === null ? '' : `; soft limit ${formatCompact(soft)}, hard limit ${formatCompact(hard)} per minute`));
  }

  destroy() {
    clearInterval(this.#redraw);
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = null;
  }

  /**
   * The y-axis ends a quarter above the highest velocity; the limit lines come into view once the
   * velocity is within a quarter of the soft limit, so that a quiet agent's curve is not flattened
   * against a limit a thousand times higher.
   */
  #top(u) {
    const highest = Math.max(10, ...u.data[1], ...u.data[2]);
    const soft = u.data[3][0];
    const hard = u.data[4][0];
    if (hard !== null && soft !== null && highest * 1.25 >= soft) return Math.max(highest, hard) * 1.1;
    return highest * 1.25;
  }

  #index(at) {
    return Math.floor(new Date(at).getTime() / 1000 / this.#bucketSeconds);
  }

  #size() {
    return { width: Math.max(240, this.#container.clientWidth), height: 260 };
  }

  #options(spanSeconds) {
    const text = color('--muted');
    const grid = color('--line');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    return {
      ...this.#size(),
      scales: { x: { time: true }, y: { range: (u) => [0, this.#top(u)] } },
      series: [
        {},
        { label: 'last minute', stroke: color('--accent'), width: 2, fill: translucent(color('--accent'), 0.12), value: (u, v) => (v === null || v === undefined ? '—' : formatCompact(v)) },
        { label: `averaged over ${spanSeconds / 60} min (limited)`, stroke: color('--ready'), width: 2, value: (u, v) => (v === null || v === undefined ? '—' : formatCompact(v)) },
        { label: 'soft limit', stroke: color('--warning'), width: 1.5, dash: [6, 4], points: { show: false }, value: (u, v) => (v === null ? '—' : formatCompact(v)) },
        { label: 'hard limit', stroke: color('--critical'), width: 1.5, points: { show: false }, value: (u, v) => (v === null ? '—' : formatCompact(v)) },
      ],
      axes: [axis, { ...axis, size: 60, values: (u, values) => values.map((v) => formatCompact(v)) }],
    };
  }
}
