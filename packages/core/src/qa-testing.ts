// Helpers for end-to-end tests (Playwright, Cypress) that put QA overrides in place before the
// page's own scripts run. They only write the text form; the app must opt in with
// `applyQaOverrides` or `<FlagProvider qaOverrides>` for anything to happen.

import { QA_PARAM, QA_STORAGE_KEY, formatQaOverrides, type QaOverrideValues } from "./qa-syntax.js";

/** Options shared by the storage helpers. */
export interface QaStorageOptions {
  /** The storage key the app reads (default `"victor-flags:qa"`). */
  storageKey?: string;
}

/**
 * A script for Playwright's `page.addInitScript(...)` (or `context.addInitScript`) that writes
 * the overrides to localStorage before any page script runs, on every navigation.
 */
export function qaOverrideScript(values: QaOverrideValues, options: QaStorageOptions = {}): string {
  const key = JSON.stringify(options.storageKey ?? QA_STORAGE_KEY);
  const text = JSON.stringify(formatQaOverrides(values));
  // about:blank and opaque origins have no usable localStorage; there is nothing to override there.
  return `(() => { try { window.localStorage.setItem(${key}, ${text}); } catch (e) {} })();`;
}

/** A Playwright `storageState` (for `browser.newContext({ storageState })` or `test.use`) holding the overrides for one origin. */
export function qaStorageState(
  origin: string,
  values: QaOverrideValues,
  options: QaStorageOptions = {},
): { cookies: never[]; origins: { origin: string; localStorage: { name: string; value: string }[] }[] } {
  return {
    cookies: [],
    origins: [{ origin: new URL(origin).origin, localStorage: [{ name: options.storageKey ?? QA_STORAGE_KEY, value: formatQaOverrides(values) }] }],
  };
}

/** A Cypress `onBeforeLoad` callback: `cy.visit("/", { onBeforeLoad: qaOnBeforeLoad({ flags: { a: true } }) })`. */
export function qaOnBeforeLoad(
  values: QaOverrideValues,
  options: QaStorageOptions = {},
): (win: { localStorage: { setItem(key: string, value: string): void } }) => void {
  const text = formatQaOverrides(values);
  const key = options.storageKey ?? QA_STORAGE_KEY;
  return (win) => win.localStorage.setItem(key, text);
}

/** `url` with the overrides in its `?vf=` parameter (relative URLs stay relative). */
export function qaOverrideUrl(url: string, values: QaOverrideValues, options: { param?: string } = {}): string {
  const base = "http://relative.invalid";
  const parsed = new URL(url, base);
  parsed.searchParams.set(options.param ?? QA_PARAM, formatQaOverrides(values));
  const text = parsed.toString();
  return text.startsWith(base) ? text.slice(base.length) : text;
}
