// The agents table: colour-coded state (with its name: colour is never the only signal),
// sortable by any column, filterable by text and state, re-rendered on every change.

import { byId, fill, h } from './dom.js';
import { formatCompact, formatInteger, formatUsd, shortIncarnation } from './format.js';

export const States = ['ready', 'onboarding', 'flapping', 'suspended', 'offline'];

export const stateBadge = (state) => h('span', { class: `state state-${state}`, text: state });

/** The circuits of an agent in one word: "open: ops, ci", "closed", or "—" when no run has failed. */
export function circuitSummary(agent) {
  const open = (agent.circuits ?? []).filter((circuit) => circuit.state === 'open').map((circuit) => circuit.sessionKey);
  if (open.length > 0) return { text: `open: ${open.join(', ')}`, open: true };
  return { text: (agent.circuits ?? []).length > 0 ? 'closed' : '—', open: false };
}

const sortValue = {
  id: (agent) => agent.id,
  state: (agent) => States.indexOf(agent.state),
  incarnation: (agent) => agent.incarnation ?? '',
  node: (agent) => agent.ownerNode ?? '',
  link: (agent) => agent.link,
  sessions: (agent) => agent.counters?.activeSessions ?? 0,
  velocity: (agent) => Number(agent.budget?.tokensPerMinute ?? 0),
  spend: (agent) => Number(agent.budget?.today?.costUsd ?? 0),
  duplicates: (agent) => agent.counters?.duplicatesDropped ?? 0,
  circuit: (agent) => (circuitSummary(agent).open ? 1 : 0),
};

export class AgentsTable {
  #agents = [];
  #lastState = new Map();
  #sort = 'id';
  #descending = false;

  constructor() {
    this.rows = byId('agent-rows');
    this.filter = byId('agent-filter');
    this.stateFilter = byId('state-filter');
    this.sortSelect = byId('agent-sort');
    this.direction = byId('agent-sort-direction');
    byId('agent-filters').addEventListener('submit', (event) => event.preventDefault());
    this.filter.addEventListener('input', () => this.render());
    this.stateFilter.addEventListener('change', () => this.render());
    this.sortSelect.addEventListener('change', () => this.sortBy(this.sortSelect.value, false));
    this.direction.addEventListener('click', () => this.sortBy(this.#sort, !this.#descending));
    for (const header of document.querySelectorAll('#agents-table th[data-sort]')) {
      header.querySelector('button').addEventListener('click', () => {
        const key = header.dataset.sort;
        this.sortBy(key, key === this.#sort ? !this.#descending : false);
      });
    }
  }

  sortBy(key, descending) {
    this.#sort = key;
    this.#descending = descending;
    this.sortSelect.value = key;
    this.direction.textContent = descending ? '↓' : '↑';
    this.direction.setAttribute('aria-label', descending ? 'Sort ascending' : 'Sort descending');
    for (const header of document.querySelectorAll('#agents-table th[data-sort]')) {
      if (header.dataset.sort === key) header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else header.removeAttribute('aria-sort');
    }
    this.render();
  }

  /** agents: the list from GET /api/agents, possibly patched by live state events. */
  update(agents) {
    this.#agents = agents;
    this.render();
  }

  render() {
    const text = this.filter.value.trim().toLowerCase();
    const state = this.stateFilter.value;
    const key = sortValue[this.#sort] ?? sortValue.id;
    const direction = this.#descending ? -1 : 1;
    const shown = this.#agents
      .filter((agent) => !state || agent.state === state)
      .filter((agent) => !text || [agent.id, agent.ownerNode, agent.incarnation, agent.state].some((value) => value?.toLowerCase().includes(text)))
      .sort((a, b) => {
        const x = key(a);
        const y = key(b);
        const order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
        return order * direction || a.id.localeCompare(b.id);
      });
    fill(this.rows, shown.map((agent) => this.#row(agent)));
    byId('agents-count').textContent = shown.length === this.#agents.length ? `(${this.#agents.length})` : `(${shown.length} of ${this.#agents.length})`;
    byId('agents-empty').hidden = this.#agents.length > 0;
    fill(byId('state-summary'), States.map((name) => {
      const count = this.#agents.filter((agent) => agent.state === name).length;
      return count > 0 ? h('span', { class: `state state-${name}`, text: `${count} ${name}` }) : null;
    }));
  }

  #row(agent) {
    const previous = this.#lastState.get(agent.id);
    this.#lastState.set(agent.id, agent.state);
    const circuit = circuitSummary(agent);
    const cell = (label, content, className) => h('td', { dataset: { label }, class: className }, content);
    return h('tr', { dataset: { agentId: agent.id }, class: previous !== undefined && previous !== agent.state ? 'changed' : undefined },
      cell('Agent', h('a', { href: `#/agents/${encodeURIComponent(agent.id)}`, text: agent.id })),
      cell('State', stateBadge(agent.state), 'state-cell'),
      cell('Incarnation', h('span', { title: agent.incarnation ?? '', text: shortIncarnation(agent.incarnation) })),
      cell('Node', agent.ownerNode),
      cell('Link', h('span', { class: `link link-${agent.link}`, text: agent.link })),
      cell('Active sessions', formatInteger(agent.counters?.activeSessions), 'num'),
      cell('Tokens/min', formatCompact(agent.budget?.tokensPerMinute), 'num'),
      cell('Spend today', formatUsd(agent.budget?.today?.costUsd), 'num'),
      cell('Duplicates dropped', formatInteger(agent.counters?.duplicatesDropped), 'num'),
      cell('Circuit', h('span', { class: `circuit circuit-${circuit.open ? 'open' : 'closed'}`, text: circuit.text }), 'circuit-cell'));
  }
}
