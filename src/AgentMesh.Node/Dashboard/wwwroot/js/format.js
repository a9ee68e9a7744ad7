// Numbers, money and times as the dashboard shows them (the browser's locale).

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export const formatInteger = (value) => integer.format(Number(value ?? 0));
export const formatCompact = (value) => (Math.abs(Number(value ?? 0)) >= 10000 ? compact : integer).format(Number(value ?? 0));
export const formatUsd = (value) => usd.format(Number(value ?? 0));
export const formatTime = (value) => (value ? time.format(new Date(value)) : '—');
export const formatDateTime = (value) => (value ? dateTime.format(new Date(value)) : '—');

/** "4 s ago", "3 min ago", "2 h ago", relative to now. */
export function formatAgo(value, now = Date.now()) {
  if (!value) return '—';
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** A .NET TimeSpan as JSON ("00:05:00", "1.00:00:00") in seconds. */
export function timeSpanSeconds(text) {
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!match) return 0;
  const [, days, hours, minutes, seconds] = match;
  return Number(days ?? 0) * 86400 + Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

export const shortIncarnation = (value) => (value && value.length > 12 ? `${value.slice(0, 8)}…` : value ?? '—');
