// One agent: its facts and counters, the operator actions, its token velocity, its sessions,
// circuits per session key and recent events (welcome, link changes and flaps, spawns, failures,
// nudges; usage and accepted messages on request).

import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { circuitSummary, stateBadge } from './agents.js';
import { formatAgo, formatCompact, formatDateTime, formatInteger, formatTime, formatUsd } from './format.js';
import { VelocityChart } from './velocity-chart.js';

const Chatty = new Set(['usage', 'message-accepted']);
const Kept = 200;

export class AgentPage {
  #id = null;
  #agent = null;
  #chart = null;
  #events = [];

  constructor({ onChanged }) {
    this.onChanged = onChanged;
    byId('events-all').addEventListener('change', () => this.#renderEvents());
    byId('suspend-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const reason = byId('suspend-reason').value.trim();
      this.#act('suspend', reason ? { reason } : {}, 'Suspended');
    });
    byId('resume-button').addEventListener('click', () => this.#act('resume', undefined, 'Resumed'));
    byId('reset-button').addEventListener('click', () => this.#act('reset', undefined, 'Circuits reset'));
  }

  get id() {
    return this.#id;
  }

  /** Shows agent id (null: leaves the page). */
  async open(id) {
    if (id === this.#id) return;
    this.#chart?.destroy();
    this.#chart = null;
    this.#id = id;
    this.#agent = null;
    this.#events = [];
    if (id === null) return;
    byId('agent-name').textContent = id;
    fill(byId('agent-state'));
    fill(byId('agent-facts'));
    fill(byId('agent-events'));
    byId('action-result').textContent = '';
    this.#chart = new VelocityChart(byId('velocity-chart'));
    await this.reload();
  }

  /** Re-reads the agent and its velocity series (after a (re)connection, or when it changed). */
  async reload() {
    const id = this.#id;
    if (id === null) return;
    const problem = byId('agent-problem');
    try {
      const [agent, velocity] = await Promise.all([
        api(`/api/agents/${encodeURIComponent(id)}`),
        api(`/api/agents/${encodeURIComponent(id)}/velocity`),
      ]);
      if (id !== this.#id) return;
      problem.hidden = true;
      this.#show(agent);
      this.#chart?.load(velocity, agent.budget?.limits ?? null);
    } catch (error) {
      if (id !== this.#id) return;
      problem.hidden = false;
      problem.textContent = error.status === 404 ? `There is no agent ${id} on this node.` : error.message;
    }
  }

  /** A live event of this agent: an "agent" notice or a "usage" report. */
  live(type, data) {
    if (type === 'usage') this.#chart?.addUsage(data);
    if (type === 'agent' || type === 'usage') {
      this.#events.push({ at: data.at, kind: type === 'usage' ? 'usage' : data.kind, detail: data.detail ?? usageDetail(data) });
      this.#events = this.#events.slice(-Kept);
      this.#renderEvents();
    }
  }

  /** A live state change of this agent: shown at once, before the reload that follows. */
  liveState(to) {
    if (this.#agent) {
      this.#agent = { ...this.#agent, state: to };
      fill(byId('agent-state'), stateBadge(to));
    }
  }

  #show(agent) {
    this.#agent = agent;
    this.#events = [...agent.recentEvents];
    fill(byId('agent-state'), stateBadge(agent.state));
    const counters = agent.counters;
    const circuit = circuitSummary(agent);
    const fact = (label, value, title) => h('div', {}, h('dt', { text: label }), h('dd', { title, text: value }));
    fill(byId('agent-facts'),
      fact('State', agent.state),
      agent.suspendedReason ? fact('Suspended because', agent.suspendedReason) : null,
      fact('Incarnation', agent.incarnation ?? '—'),
      fact('Node', agent.ownerNode),
      fact('Link', agent.link),
      fact('Inbox high-water mark', formatInteger(agent.inboxHighWater)),
      fact('Nudged up to', formatInteger(agent.nudgeHighWater)),
      fact('Pending messages', formatInteger(agent.pendingMessages)),
      fact('Circuit', circuit.text),
      fact('Tokens per minute', formatCompact(agent.budget?.tokensPerMinute)),
      fact('Spend today', formatUsd(agent.budget?.today?.costUsd)),
      fact('Tokens (in / cached / out)', `${formatCompact(counters.inputTokens)} / ${formatCompact(counters.cachedInputTokens)} / ${formatCompact(counters.outputTokens)}`),
      fact('Cost in all', formatUsd(counters.costUsd)),
      fact('Incarnations', formatInteger(counters.incarnations)),
      fact('Welcomes sent', formatInteger(counters.welcomesSent)),
      fact('Link transitions', formatInteger(counters.linkTransitions)),
      fact('Messages accepted', formatInteger(counters.messagesAccepted)),
      fact('Duplicates dropped', formatInteger(counters.duplicatesDropped)),
      fact('Sessions spawned', formatInteger(counters.sessionsSpawned)),
      fact('Active sessions', formatInteger(counters.activeSessions)),
      fact('Nudges sent', formatInteger(counters.nudgesSent)),
      fact('Failures in a row', formatInteger(counters.consecutiveFailures)));

    const cell = (label, content, className) => h('td', { dataset: { label }, class: className }, content);
    fill(byId('session-rows'), agent.sessions.map((session) => h('tr', {},
      cell('Session', h('code', { text: session.sessionId })),
      cell('Key', session.sessionKey),
      cell('Started', h('time', { datetime: session.startedAt, title: formatDateTime(session.startedAt), text: formatAgo(session.startedAt) })),
      cell('In flight', session.inFlightMessageId ?? '—', 'num'),
      cell('Pending', formatInteger(session.pendingMessages), 'num'))));
    byId('sessions-empty').hidden = agent.sessions.length > 0;
    fill(byId('circuit-rows'), agent.circuits.map((c) => h('tr', { dataset: { sessionKey: c.sessionKey } },
      cell('Session key', c.sessionKey),
      cell('State', h('span', { class: `circuit circuit-${c.state === 'open' ? 'open' : 'closed'}`, text: c.state })),
      cell('Failures in a row', formatInteger(c.consecutiveFailures), 'num'),
      cell('Opened', c.openedAt ? formatDateTime(c.openedAt) : '—'))));
    byId('circuits-empty').hidden = agent.circuits.length > 0;
    byId('suspend-button').disabled = agent.state === 'suspended';
    byId('resume-button').disabled = agent.state !== 'suspended';
    this.#renderEvents();
  }

  #renderEvents() {
    const all = byId('events-all').checked;
    const shown = this.#events.filter((event) => all || !Chatty.has(event.kind)).slice().reverse();
    fill(byId('agent-events'), shown.length === 0
      ? h('li', { class: 'meta', text: 'Nothing yet.' })
      : shown.map((event) => h('li', { dataset: { kind: event.kind } },
        h('span', { class: 'kind', text: event.kind }),
        h('time', { class: 'meta', datetime: event.at, title: formatDateTime(event.at), text: formatTime(event.at) }),
        h('span', { class: 'detail', text: event.detail }))));
  }

  async #act(action, body, done) {
    const id = this.#id;
    const result = byId('action-result');
    result.className = 'result';
    result.textContent = 'Working…';
    try {
      const answer = await api(`/api/agents/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: body ?? {} });
      result.textContent = `${done}: ${id} is ${answer.state}.`;
      this.liveState(answer.state);
      this.onChanged();
      await this.reload();
    } catch (error) {
      result.className = 'result error';
      result.textContent = error.message;
    }
  }
}

function usageDetail(usage) {
  return `${usage.provider}/${usage.model}: ${formatInteger(usage.inputTokens)} in, ${formatInteger(usage.cachedInputTokens)} cached, ${formatInteger(usage.outputTokens)} out`;
}
