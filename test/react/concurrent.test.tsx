import { act, render } from "@testing-library/react";
import * as React from "react";
import { useEffect, useLayoutEffect, useReducer, useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { FeatureFlagManager, FlagProvider, useFlag } from "@victor-flags/react";
import { REACT_MAJOR } from "./helpers.js";

const N = 60;
const FLIP_AT = 30;

// A flag write that happens while React is part-way through rendering the tree (here: from a
// component's render, the one deterministic way to land in the middle of a render in a test).
// React warns about that write itself; that warning is the test's doing, not the SDK's.
const RENDER_PHASE_WARNING = /Cannot update a component .* while rendering a different component/;

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

/**
 * Renders N readers of flag "t" under a parent whose state change (in a transition) re-renders
 * them all; reader FLIP_AT turns the flag on while rendering that transition. Returns the
 * distinct values every commit showed, as seen from a layout effect after the readers.
 */
function runScenario(useValue: (manager: FeatureFlagManager, name: string) => boolean) {
  const manager = new FeatureFlagManager({ config: { version: 1, flags: { t: { default: false } } } });
  const commits: string[][] = [];
  let flipped = false;
  function Reader({ index, pass }: { index: number; pass: number }) {
    if (pass === 1 && index === FLIP_AT && !flipped) {
      flipped = true;
      manager.setFlag("t", true);
    }
    return <span className="reader">{useValue(manager, "t") ? "on" : "off"}</span>;
  }
  function Check() {
    useLayoutEffect(() => {
      const values = [...document.querySelectorAll(".reader")].map((el) => el.textContent ?? "");
      commits.push([...new Set(values)]);
    });
    return null;
  }
  let setPass!: (pass: number) => void;
  function App() {
    const [pass, set] = useState(0);
    setPass = set;
    return (
      <>
        {Array.from({ length: N }, (_, i) => (
          <Reader key={i} index={i} pass={pass} />
        ))}
        <Check />
      </>
    );
  }
  const { unmount } = render(
    <FlagProvider manager={manager}>
      <App />
    </FlagProvider>,
  );
  const startTransition = (React as unknown as { startTransition: (fn: () => void) => void }).startTransition;
  act(() => startTransition(() => setPass(1)));
  unmount();
  const unexpected = consoleError.mock.calls.filter((call) => !RENDER_PHASE_WARNING.test(String(call[0])));
  return { commits, flipped, unexpected };
}

describe.skipIf(REACT_MAJOR < 18)("concurrent rendering", () => {
  it("a flag flipped during a transition render gives one consistent value across the tree at every commit", () => {
    const { commits, flipped, unexpected } = runScenario((_, name) => useFlag(name));
    expect(flipped).toBe(true);
    expect(unexpected).toEqual([]);
    expect(commits.length).toBeGreaterThanOrEqual(2);
    for (const values of commits) expect(values).toHaveLength(1);
    expect(commits[0]).toEqual(["off"]);
    expect(commits[commits.length - 1]).toEqual(["on"]);
  });

  it("(control) the same scenario tears with a hook that reads the store in render without useSyncExternalStore", () => {
    function useNaiveFlag(manager: FeatureFlagManager, name: string): boolean {
      const [, force] = useReducer((x: number) => x + 1, 0);
      useEffect(() => manager.subscribeFlag(name, force), [manager, name]);
      return manager.isEnabled(name);
    }
    const { commits, flipped } = runScenario(useNaiveFlag);
    expect(flipped).toBe(true);
    expect(commits.some((values) => values.length > 1)).toBe(true);
  });
});
