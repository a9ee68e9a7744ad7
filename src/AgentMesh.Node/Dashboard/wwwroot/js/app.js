// The dashboard's entry point: routes (#/ and #/agents/<id>), loads the snapshot from the admin
// API, and keeps it current from GET /api/events. Every (re)connection of the event stream re-reads
// the snapshot, so nothing missed while disconnected stays missing.

import { api, askForToken, forgetToken, onTokenChange, token, TokenRefused } from './api.js';
import { AgentPage } from './agent-page.js';
import { AgentsTable } from './agents.js';
import { AlertFeed } from './alerts.js';
import { renderBudgets, wireBudgetForm } from './budgets.js';
import { renderCluster } from './cluster.js';
import { byId } from './dom.js';
import { followEvents } from './events.js';

const agents = new Map();
let cluster = null;
const table = new AgentsTable();
const alerts = new AlertFeed();
const page = new AgentPage({ onChanged: () => later('agents', loadAgents, 0) });
let stream = null;

// Coalesces bursts of events into one reload per key.
const timers = new Map();
function later(key, task, delay) {
  if (timers.has(key)) return;
  timers.set(key, setTimeout(() => {
    timers.delete(key);
    task().catch(report);
  }, delay));
}

function report(error) {
  if (error instanceof TokenRefused) {
    setLive({ state: 'token' });
    return;
  }
  console.warn('AgentMesh dashboard:', error);
}

async function loadAgents() {
  const answer = await api('/api/agents');
  agents.clear();
  for (const agent of answer.agents) agents.set(agent.id, agent);
  table.update([...agents.values()]);
  renderCluster(cluster, [...agents.values()]);
}

async function loadCluster() {
  cluster = await api('/api/cluster');
  renderCluster(cluster, [...agents.values()]);
}

async function loadBudgets() {
  renderBudgets((await api('/api/budgets')).budgets);
}

async function loadAlerts() {
  // Pages through the log from the last alert shown (newest last, so hasMore means "read on").
  for (;;) {
    const answer = await api(`/api/alerts?since=${alerts.lastId}`);
    alerts.add(answer.alerts, false);
    if (!answer.hasMore || answer.alerts.length === 0) return;
  }
}

async function loadAll() {
  await Promise.all([loadCluster(), loadAgents(), loadBudgets(), loadAlerts(), page.reload()]);
}

function onEvent({ type, data }) {
  switch (type) {
    case 'state': {
      const agent = agents.get(data.agentId);
      if (agent) {
        agents.set(agent.id, { ...agent, state: data.to });
        table.update([...agents.values()]);
      }
      if (page.id === data.agentId) page.liveState(data.to);
      later('agents', loadAgents, 250);
      break;
    }
    case 'agent':
      if (!agents.has(data.agentId)) later('agents', loadAgents, 0);
      else later('agents', loadAgents, 500);
      if (page.id === data.agentId) {
        page.live(type, data);
        later('agent', () => page.reload(), 500);
      }
      break;
    case 'usage':
      if (page.id === data.agentId) page.live(type, data);
      later('agents', loadAgents, 1000);
      later('budgets', loadBudgets, 1000);
      break;
    case 'alert':
      alerts.add([data], true);
      later('budgets', loadBudgets, 250);
      break;
    case 'dropped':
      // The node dropped events this page read too slowly: start again from the snapshot.
      later('all', loadAll, 0);
      break;
    default:
      break;
  }
}

const liveText = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', token: 'admin token needed' };
function setLive({ state, retryIn }) {
  const live = byId('live');
  live.className = `live live-${state}`;
  live.dataset.state = state;
  live.textContent = state === 'reconnecting' && retryIn ? `reconnecting in ${Math.ceil(retryIn / 1000)} s` : liveText[state];
  byId('enter-token').hidden = state !== 'token';
}

function startStream() {
  stream?.stop();
  stream = followEvents({ onEvent, onOpen: () => later('all', loadAll, 0), onStatus: setLive });
}

function route() {
  const match = /^#\/agents\/([^/]+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  byId('overview').hidden = id !== null;
  byId('agent-page').hidden = id === null;
  page.open(id).catch(report);
  window.scrollTo(0, 0);
}

function showTokenButtons(hasToken) {
  byId('forget-token').hidden = !hasToken;
}

byId('enter-token').addEventListener('click', () => {
  askForToken(false).then(startStream, report);
});
byId('forget-token').addEventListener('click', () => {
  forgetToken();
});
onTokenChange(showTokenButtons);
showTokenButtons(Boolean(token()));
wireBudgetForm(() => later('budgets', loadBudgets, 0));
window.addEventListener('hashchange', route);
// Relative times ("4 s ago") and the cluster's heartbeat age move on without events.
setInterval(() => {
  if (!document.hidden) later('cluster', loadCluster, 0);
}, 10_000);
// Velocities decay without events: re-read agents and budgets now and then.
setInterval(() => {
  if (document.hidden) return;
  later('agents', loadAgents, 0);
  later('budgets', loadBudgets, 0);
}, 15_000);

route();
later('all', loadAll, 0);
startStream();
