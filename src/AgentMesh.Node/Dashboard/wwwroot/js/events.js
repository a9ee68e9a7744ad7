// GET /api/events read with fetch() and a streaming reader instead of EventSource, because
// EventSource cannot send the Authorization header and the token must never go in a URL.
// The text/event-stream format is parsed here (WHATWG HTML, "Server-sent events"). The stream is
// reopened after any end or failure with a growing, jittered delay; the node keeps no backlog of
// events, so every (re)connection calls onOpen, and the page re-reads its state from the API then.

import { authorizedFetch, TokenRefused } from './api.js';

/** Splits a text/event-stream into events: { type, id, data }. Feed it text as it arrives. */
export class EventStreamParser {
  #buffer = '';
  #type = '';
  #data = [];
  #id = null;
  lastEventId = '';

  constructor(onEvent) {
    this.onEvent = onEvent;
  }

  push(text) {
    this.#buffer += text;
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.#buffer);
      // A lone \r at the end may be the first half of \r\n: wait for more.
      if (!match || (match[0] === '\r' && match.index === this.#buffer.length - 1)) return;
      const line = this.#buffer.slice(0, match.index);
      this.#buffer = this.#buffer.slice(match.index + match[0].length);
      this.#line(line);
    }
  }

  #line(line) {
    if (line === '') {
      this.#dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment: ": connected", ": heartbeat"
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#id = value;
  }

  #dispatch() {
    if (this.#id !== null) this.lastEventId = this.#id;
    const event = { type: this.#type || 'message', id: this.#id, data: this.#data.join('\n') };
    const hasData = this.#data.length > 0;
    this.#type = '';
    this.#data = [];
    this.#id = null;
    if (hasData) this.onEvent(event);
  }
}

const HeartbeatGrace = 45_000; // the node sends a heartbeat comment every 15 s
const MinDelay = 500;
const MaxDelay = 15_000;

/**
 * Keeps GET /api/events open. onEvent({ type, id, data }) per event, data parsed from JSON;
 * onOpen() each time a stream opens; onStatus({ state: 'connecting'|'live'|'reconnecting'|'token', retryIn }).
 */
export function followEvents({ onEvent, onOpen, onStatus }) {
  let failures = 0;
  let stopped = false;
  let controller = null;

  async function once() {
    controller = new AbortController();
    let watchdog = 0;
    const kick = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => controller.abort(), HeartbeatGrace);
    };
    try {
      onStatus({ state: 'connecting' });
      const response = await authorizedFetch('/api/events', { headers: { Accept: 'text/event-stream' }, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      const parser = new EventStreamParser((event) => {
        let data = null;
        try { data = JSON.parse(event.data); } catch { data = event.data; }
        onEvent({ type: event.type, id: event.id, data });
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      kick();
      failures = 0;
      onStatus({ state: 'live' });
      onOpen();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        kick();
        parser.push(value);
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  (async () => {
    while (!stopped) {
      try {
        await once();
      } catch (error) {
        if (error instanceof TokenRefused) {
          onStatus({ state: 'token' });
          return; // the page offers "Enter admin token", which calls restart()
        }
      }
      if (stopped) return;
      failures += 1;
      const delay = Math.min(MaxDelay, MinDelay * 2 ** Math.min(failures, 10)) * (0.8 + Math.random() * 0.2);
      onStatus({ state: 'reconnecting', retryIn: delay });
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  })();

  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
