// The admin API, and the admin token: asked for once in a dialog when a call answers 401, kept in
// sessionStorage (this tab only, gone when it closes), sent as "Authorization: Bearer", never put
// in a URL. A node in loopback development mode never answers 401, so it never asks.

import { byId } from './dom.js';

const TokenKey = 'agentmesh.adminToken';

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail ? `${title}: ${detail}` : title);
    this.status = status;
  }
}

/** Thrown when the operator closes the token dialog without a token. */
export class TokenRefused extends Error {
  constructor() {
    super('The admin token is needed.');
  }
}

let pendingPrompt = null;
const listeners = new Set();

const RefusedMessage = 'The node refused that token. Enter the admin token again.';

export const token = () => sessionStorage.getItem(TokenKey);
export const onTokenChange = (listener) => listeners.add(listener);

function setToken(value) {
  if (value) sessionStorage.setItem(TokenKey, value);
  else sessionStorage.removeItem(TokenKey);
  for (const listener of listeners) listener(Boolean(value));
}

export function forgetToken() {
  setToken(null);
}

/**
 * Opens the dialog (once, however many calls are waiting) and resolves when a token was entered;
 * rejects with TokenRefused when it was cancelled. refused: the stored token was just refused.
 */
export function askForToken(refused) {
  const error = byId('token-error');
  if (pendingPrompt) {
    // Another call opened the dialog first (one that had no token to send): it must still say why.
    if (refused) error.textContent = RefusedMessage;
    return pendingPrompt;
  }
  const dialog = byId('token-dialog');
  const form = byId('token-form');
  const input = byId('token-input');
  const cancel = byId('token-cancel');
  error.textContent = refused ? RefusedMessage : '';
  input.value = '';
  pendingPrompt = new Promise((resolve, reject) => {
    const done = (entered) => {
      form.removeEventListener('submit', submit);
      cancel.removeEventListener('click', close);
      dialog.removeEventListener('cancel', close);
      if (dialog.open) dialog.close();
      pendingPrompt = null;
      if (entered) resolve(); else reject(new TokenRefused());
    };
    const submit = (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) return;
      setToken(value);
      done(true);
    };
    const close = (event) => {
      event.preventDefault();
      done(false);
    };
    form.addEventListener('submit', submit);
    cancel.addEventListener('click', close);
    dialog.addEventListener('cancel', close);
  });
  dialog.showModal();
  input.focus();
  return pendingPrompt;
}

/** fetch() with the token; on 401 asks for it (again) and retries. Never puts the token in the URL. */
export async function authorizedFetch(path, init = {}) {
  for (;;) {
    const sent = token();
    const headers = new Headers(init.headers);
    if (sent) headers.set('Authorization', `Bearer ${sent}`);
    const response = await fetch(path, { ...init, headers, cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
    if (response.status !== 401) return response;
    await response.body?.cancel();
    if (sent && token() !== sent) continue; // another call already got a new token
    if (sent) setToken(null);
    await askForToken(Boolean(sent));
  }
}

/** Calls the admin API with JSON in and out; a non-2xx answer throws ApiError with the problem's title and detail. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await authorizedFetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, json?.title ?? `HTTP ${response.status}`, json?.detail);
  }
  return json;
}
