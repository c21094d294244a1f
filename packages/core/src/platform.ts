// Everything the core needs from its host — storage, logging, fetch, EventSource, timers, text
// decoding, sendBeacon and page lifecycle — as small interfaces, one file each under platform/.
// Defaults are looked up on globalThis when called (never captured at import), so tests,
// polyfills and fake timers installed later are honoured, and the core never references DOM or
// Node types directly. Modules import the file they need, so a bundle keeps only that file.
export * from "./platform/storage.js";
export * from "./platform/logger.js";
export * from "./platform/env.js";
export * from "./platform/fetch.js";
export * from "./platform/text.js";
export * from "./platform/event-source.js";
export * from "./platform/timers.js";
export * from "./platform/page.js";
