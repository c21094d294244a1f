// A jsdom window installed as globals, for SDKs that need a browser (LaunchDarkly's client) and
// for the React benches. Nothing here reaches the network: there is no real EventSource, and
// every SDK is pointed at an unroutable loopback port besides.
import { JSDOM } from "jsdom";

/**
 * A stand-in for the browser's EventSource that the bench drives by hand: `emit(type, data)`
 * delivers a server-sent event, as a streaming flag service would.
 */
export class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static instances = new Set();

  constructor(url) {
    this.url = url;
    this.readyState = FakeEventSource.OPEN;
    this.listeners = new Map();
    this.onerror = null;
    this.onopen = null;
    this.onmessage = null;
    FakeEventSource.instances.add(this);
  }

  addEventListener(type, handler) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(handler);
  }

  removeEventListener(type, handler) {
    this.listeners.get(type)?.delete(handler);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
    FakeEventSource.instances.delete(this);
  }

  /** Delivers one event with a JSON body to every open instance. */
  static emitAll(type, data) {
    const event = { type, data: JSON.stringify(data) };
    for (const es of FakeEventSource.instances) {
      for (const handler of es.listeners.get(type) ?? []) handler(event);
      if (type === "message" && es.onmessage) es.onmessage(event);
    }
  }
}

const GLOBALS = [
  "window", "document", "navigator", "localStorage", "sessionStorage", "location", "history",
  "XMLHttpRequest", "HTMLElement", "HTMLIFrameElement", "Element", "Node", "Text", "Event",
  "CustomEvent", "MutationObserver", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame",
];

/** Installs a jsdom window on globalThis (idempotent) and returns it. */
export function installDom() {
  if (globalThis.__benchDom) return globalThis.__benchDom;
  const dom = new JSDOM("<!doctype html><html><head></head><body><div id=root></div></body></html>", {
    url: "http://127.0.0.1:9/",
    pretendToBeVisual: true,
  });
  const { window } = dom;
  window.EventSource = FakeEventSource;
  for (const key of GLOBALS) {
    const value = key === "window" ? window : window[key];
    if (value === undefined) continue;
    Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
  globalThis.EventSource = FakeEventSource;
  globalThis.__benchDom = window;
  return window;
}
