// Budgets: for every scope, each limit in force as a gauge of spend against it, with the soft
// threshold (dashed) and the hard limit (solid) drawn; and the form that sets a scope's limits.

import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { formatCompact, formatInteger, formatUsd } from './format.js';

// limitsSource in GET /api/budgets is the BudgetLimitsSource enum by name (older nodes wrote its number).
const Sources = ['default limits', 'configured limits', 'limits set by an operator'];
const SourceNames = { default: 0, configuration: 1, runtime: 2 };
const sourceText = (source) => Sources[typeof source === 'string' ? SourceNames[source.toLowerCase()] : source] ?? '';

/** [limit key, label, spent(spend), format] in the order they are drawn. */
const Kinds = [
  ['tokensPerDay', 'tokens today', (spend) => spend.today.meteredTokens, formatCompact],
  ['costPerDayUsd', 'cost today', (spend) => spend.today.costUsd, formatUsd],
  ['tokensPerMinute', 'tokens per minute', (spend) => spend.tokensPerMinute, formatCompact],
  ['spawnsPerHour', 'spawns in the last hour', (spend) => spend.spawnsLastHour, formatInteger],
  ['tokensPerMonth', 'tokens this month', (spend) => spend.thisMonth.meteredTokens, formatCompact],
  ['costPerMonthUsd', 'cost this month', (spend) => spend.thisMonth.costUsd, formatUsd],
];

/** The scale ends a fifth past the hard limit, or at the value when it is further. */
function gauge(label, value, limit, softFraction, format) {
  const max = Math.max(limit * 1.2, value);
  const soft = limit * softFraction;
  const percent = (x) => `${Math.min(100, (x / max) * 100).toFixed(2)}%`;
  const fill = h('span', { class: 'fill' });
  const softLine = h('span', { class: 'soft', title: `soft limit ${format(soft)}` });
  const hardLine = h('span', { class: 'hard', title: `hard limit ${format(limit)}` });
  // CSSOM writes, which the Content-Security-Policy allows (a style attribute would not be).
  fill.style.width = percent(value);
  softLine.style.left = percent(soft);
  hardLine.style.left = percent(limit);
  const level = value > limit ? 'over-hard' : value >= soft ? 'over-soft' : 'under';
  return h('div', { class: 'gauge', dataset: { level } },
    h('span', { class: 'label', text: label }),
    h('div', {
      class: `bar ${level}`,
      role: 'meter',
      'aria-label': label,
      'aria-valuemin': 0,
      'aria-valuemax': limit,
      'aria-valuenow': value,
      'aria-valuetext': `${format(value)} of ${format(limit)}`,
    }, fill, softLine, hardLine),
    h('span', { class: 'figures', text: `${format(value)} of ${format(limit)} (${Math.round((value / limit) * 100)}%) · soft at ${format(soft)}` }));
}

export function renderBudgets(budgets) {
  const sorted = [...budgets].sort((a, b) => scopeOrder(a.scope) - scopeOrder(b.scope) || a.scope.localeCompare(b.scope));
  fill(byId('budgets'), sorted.length === 0
    ? h('p', { class: 'empty', text: 'No budget scope has been used or set yet.' })
    : sorted.map((budget) => {
      const gauges = Kinds
        .filter(([key]) => budget.limits[key] !== null && budget.limits[key] !== undefined)
        .map(([key, label, spent, format]) => gauge(label, Number(spent(budget.spend)), Number(budget.limits[key]), Number(budget.limits.softFraction), format));
      return h('div', { class: 'budget', dataset: { scope: budget.scope } },
        h('h3', {},
          h('span', { text: budget.scope }),
          h('span', { class: 'source', text: sourceText(budget.limitsSource) })),
        gauges.length > 0 ? gauges : h('p', { class: 'hint', text: `No limits · today ${formatCompact(budget.spend.today.meteredTokens)} tokens, ${formatUsd(budget.spend.today.costUsd)}` }));
    }));
  fill(byId('budget-scopes'), sorted.map((budget) => h('option', { value: budget.scope })));
}

function scopeOrder(scope) {
  return scope === 'global' ? 0 : scope.startsWith('node:') ? 1 : scope.startsWith('agent:') ? 2 : 3;
}

/** Wires the "Set a budget" form: PUT /api/budgets/{scope} with only the limits filled in. */
export function wireBudgetForm(onChanged) {
  const form = byId('budget-form');
  const result = byId('budget-result');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const scope = String(data.get('scope') ?? '').trim();
    const limits = {};
    for (const name of ['tokensPerDay', 'costPerDay', 'tokensPerMonth', 'costPerMonth', 'tokensPerMinute', 'spawnsPerHour']) {
      const value = String(data.get(name) ?? '').trim();
      if (value !== '') limits[name] = Number(value);
    }
    result.className = 'result';
    result.textContent = 'Setting…';
    try {
      await api(`/api/budgets/${encodeURIComponent(scope)}`, { method: 'PUT', body: limits });
      result.textContent = `Limits of ${scope} set.`;
      onChanged();
    } catch (error) {
      result.className = 'result error';
      result.textContent = error.message;
    }
  });
}

/** Opens the form for scope (from the agent page: "agent:<id>"). */
export function editBudget(scope) {
  byId('budget-editor').open = true;
  byId('budget-scope').value = scope;
}
