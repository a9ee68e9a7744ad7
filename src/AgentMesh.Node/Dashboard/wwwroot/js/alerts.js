// The alert feed: newest first, with severity; fed by GET /api/alerts and the live "alert" events.

import { byId, h } from './dom.js';
import { formatDateTime, formatTime } from './format.js';

const Kept = 200;

export class AlertFeed {
  #ids = new Set();
  lastId = 0;

  constructor() {
    this.list = byId('alerts');
  }

  /** Adds alerts (any order); ones already shown are ignored. live: mark them as just arrived. */
  add(alerts, live) {
    const fresh = alerts.filter((alert) => !this.#ids.has(alert.id)).sort((a, b) => a.id - b.id);
    for (const alert of fresh) {
      this.#ids.add(alert.id);
      this.lastId = Math.max(this.lastId, alert.id);
      const item = h('li', { dataset: { alertId: alert.id, kind: alert.kind, severity: alert.severity }, class: live ? 'new' : undefined },
        h('span', { class: `severity severity-${alert.severity}`, text: alert.severity }),
        h('span', { class: 'meta' },
          h('time', { datetime: alert.time, title: formatDateTime(alert.time), text: formatTime(alert.time) }),
          ` · ${alert.scope} · `,
          h('span', { class: 'kind', text: alert.kind })),
        h('span', { class: 'message', text: alert.message }));
      // Keep newest first: insert before the first shown alert with a smaller id.
      const next = [...this.list.children].find((child) => Number(child.dataset.alertId) < alert.id);
      this.list.insertBefore(item, next ?? null);
    }
    while (this.list.children.length > Kept) this.list.lastElementChild.remove();
    byId('alerts-empty').hidden = this.list.children.length > 0;
    byId('alerts-count').textContent = this.list.children.length > 0 ? `(${this.list.children.length})` : '';
  }
}
