// The cluster: this node and every member, with the agents each owns.

import { byId, fill, h } from './dom.js';
import { formatAgo, formatDateTime } from './format.js';

export function renderCluster(cluster, agents) {
  if (!cluster) return;
  byId('node-name').textContent = `node ${cluster.node.name}`;
  document.title = `AgentMesh · ${cluster.node.name}`;
  const now = Date.now();
  const cell = (label, content, className) => h('td', { dataset: { label }, class: className }, content);
  fill(byId('cluster-rows'), (cluster.members ?? [cluster.node]).map((member) => h('tr', { dataset: { node: member.name } },
    cell('Node', h('strong', { text: member.name })),
    cell('Status', h('span', { class: `state ${member.status === 'up' ? 'state-ready' : member.status === 'down' ? 'state-suspended' : 'state-onboarding'}`, text: member.status })),
    cell('Roles', (member.roles ?? []).length > 0 ? member.roles.join(', ') : '—'),
    cell('Address', member.address),
    cell('Last heartbeat', h('time', { datetime: member.lastHeartbeat, title: formatDateTime(member.lastHeartbeat), text: formatAgo(member.lastHeartbeat, now) })),
    cell('Agents', String(agents.filter((agent) => agent.ownerNode === member.name).length), 'num'),
    cell('Shards', String(member.shardsOwned)))));
}
