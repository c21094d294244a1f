import { render } from "@testing-library/react";
import { Component, type ReactElement, type ReactNode } from "react";
import { vi } from "vitest";
import type { FlagConfig, FlagDefinition } from "@victor-flags/core";
import { FeatureFlagManager } from "@victor-flags/core";

/** Which React major this vitest project runs (17, 18 or 19). */
export const REACT_MAJOR: 17 | 18 | 19 = __REACT_MAJOR__;

/** A config with `count` independent flags `f0 … f{count-1}`, all off. */
export function manyFlags(count: number, extra: Record<string, FlagDefinition> = {}): FlagConfig {
  const flags: Record<string, FlagDefinition> = {};
  for (let i = 0; i < count; i++) flags[`f${i}`] = { default: false };
  return { version: 1, flags: { ...flags, ...extra } };
}

/** Counts renders per key, as a component body increments it. */
export function renderCounter() {
  const counts = new Map<string, number>();
  return {
    hit(key: string) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    of(key: string) {
      return counts.get(key) ?? 0;
    },
    total() {
      let sum = 0;
      for (const n of counts.values()) sum += n;
      return sum;
    },
    /** Keys rendered since `before` (a copy taken with `snapshot()`), with how many times. */
    since(before: ReadonlyMap<string, number>) {
      const out: Record<string, number> = {};
      for (const [key, n] of counts) if (n !== (before.get(key) ?? 0)) out[key] = n - (before.get(key) ?? 0);
      return out;
    },
    snapshot(): ReadonlyMap<string, number> {
      return new Map(counts);
    },
  };
}

/** Renders `fallback(error)` instead of a subtree that threw while rendering. */
export class Catch extends Component<{ children?: ReactNode; onError: (error: unknown) => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** The error `element` throws while rendering (React's own error logging silenced). */
export function renderError(element: ReactElement): unknown {
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  // React 17/18 rethrow render errors inside a jsdom event; cancelling it keeps jsdom quiet.
  const quiet = (event: Event) => event.preventDefault();
  window.addEventListener("error", quiet);
  let caught: unknown;
  try {
    render(<Catch onError={(error) => (caught = error)}>{element}</Catch>);
  } finally {
    window.removeEventListener("error", quiet);
    spy.mockRestore();
  }
  return caught;
}

/** Two user ids for which `manager.evaluate(flag)` differs (found by search, not hard-coded). */
export function usersWithDifferentValues(manager: FeatureFlagManager, flag: string): [string, string] {
  const first = `user-0`;
  const value = manager.evaluate(flag, { userId: first }).value;
  for (let i = 1; i < 10_000; i++) {
    const other = `user-${i}`;
    if (manager.evaluate(flag, { userId: other }).value !== value) return [first, other];
  }
  throw new Error(`no two users differ on ${flag}`);
}

/** A `fetch` stand-in that answers each request with `doc` (as JSON) and records the URLs. */
export function fakeFetch(doc: () => unknown) {
  const calls: string[] = [];
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const fetch = async (url: string) => {
    calls.push(url);
    if (gate) await gate;
    const text = JSON.stringify(doc());
    return { status: 200, ok: true, statusText: "OK", headers: { get: () => null }, body: null, text: async () => text };
  };
  return {
    fetch,
    calls,
    /** Holds responses until `open()` is called. */
    hold() {
      gate = new Promise<void>((resolve) => (release = resolve));
    },
    open() {
      release?.();
      gate = undefined;
    },
  };
}

/** Lets timers and promises queued so far run (the remote source's deferred teardown uses a 0 ms timer). */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
