// Auto rollback end to end: a component records failing executions, the health watch finds the
// feature unhealthy, turns the flag off with source "auto_rollback", and the UI falls back.
import { act, render, screen } from "@testing-library/react";
import { useEffect } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createMemoryStorage, managerFor, type FlagStore } from "@victor-flags/core";
import { FeatureHealthChecker, watchHealth } from "@victor-flags/core/health";
import { FeatureMetricsRegistry, createExposureReporter, getFeatureMetricsRegistry, type ExposurePayload } from "@victor-flags/core/metrics";
import { FeatureGate, FlagProvider, useFlag, useFlagStore } from "@victor-flags/react";

const quiet = { warn: () => {}, error: () => {} };

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = "";
});

function setup() {
  const manager = new FeatureFlagManager({
    config: { version: 1, flags: { new_search: { default: true }, search_suggestions: { default: true, dependencies: ["new_search"] } } },
    storage: createMemoryStorage(),
    logger: quiet,
  });
  const metrics = new FeatureMetricsRegistry({ manager });
  const checker = new FeatureHealthChecker({ manager, metrics, logger: quiet });
  checker.addPerformanceCheck({ componentName: "new_search", latencyThresholdMs: 800, errorRateThreshold: 0.1, minSamples: 10, autoRollback: true });

  /** The new code path: each render of a result records a failed, slow execution. */
  function NewSearch({ failures }: { failures: number }) {
    useEffect(() => {
      const m = metrics.getOrCreate("new_search");
      for (let i = 0; i < failures; i++) m.recordExecution({ durationMs: 1_200, success: false });
    }, [failures]);
    return <p>new search</p>;
  }
  function Suggestions() {
    return <p>{useFlag("search_suggestions") ? "suggestions on" : "suggestions off"}</p>;
  }
  function App({ failures }: { failures: number }) {
    return (
      <FlagProvider manager={manager}>
        <FeatureGate flag="new_search" fallback={<p>old search</p>}>
          <NewSearch failures={failures} />
        </FeatureGate>
        <Suggestions />
      </FlagProvider>
    );
  }
  return { manager, checker, App };
}

describe("automatic rollback through React", () => {
  it("a watched feature that goes unhealthy re-renders to its fallback, once, with an audit entry", async () => {
    vi.useFakeTimers();
    const { manager, checker, App } = setup();
    const watch = watchHealth({ checker, intervalMs: 1_000 });
    const view = render(<App failures={0} />);
    expect(screen.getByText("new search")).toBeTruthy();
    expect(screen.getByText("suggestions on")).toBeTruthy();

    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(screen.getByText("new search")).toBeTruthy(); // no executions yet: unknown, nothing done

    view.rerender(<App failures={20} />);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(screen.getByText("old search")).toBeTruthy();
    expect(screen.queryByText("new search")).toBeNull();
    expect(screen.getByText("suggestions off")).toBeTruthy(); // its dependency went off with it
    expect(manager.getAuditLog("new_search")[0]).toMatchObject({ oldValue: true, newValue: false, source: "auto_rollback" });

    await act(async () => {
      await vi.advanceTimersByTimeAsync(5_000);
    });
    expect(manager.getAuditLog("new_search").filter((e) => e.source === "auto_rollback")).toHaveLength(1);
    watch.stop();
  });
});

describe("metrics and health on the store of <FlagProvider config>", () => {
  const config = { version: 1 as const, flags: { new_search: { default: true }, search_suggestions: { default: true, dependencies: ["new_search"] } } };

  it("useFlagStore hands metrics, exposures and health the provider's store; a rollback re-renders the fallback", async () => {
    vi.useFakeTimers();
    const bodies: ExposurePayload[] = [];
    let store: FlagStore | undefined;
    let checker: FeatureHealthChecker | undefined;

    /** Wires the optional subsystems once, from the provider's store (no manager asked for). */
    function Instrumentation() {
      const provided = useFlagStore();
      useEffect(() => {
        store = provided;
        checker = new FeatureHealthChecker({ store: provided, logger: quiet }).addPerformanceCheck({ componentName: "new_search", latencyThresholdMs: 800, errorRateThreshold: 0.1, autoRollback: true });
        const reporter = createExposureReporter({ store: provided, url: "https://collect.test/x", beacon: false, lifecycle: false, fetch: (_url, init) => (bodies.push(JSON.parse(init.body) as ExposurePayload), Promise.resolve({ ok: true, status: 200 })) });
        return () => reporter.dispose();
      }, [provided]);
      return null;
    }
    function NewSearch() {
      const provided = useFlagStore();
      useEffect(() => {
        const m = getFeatureMetricsRegistry(provided).getOrCreate("new_search");
        for (let i = 0; i < 20; i++) m.recordExecution({ durationMs: 1_200, success: false });
      }, [provided]);
      return <p>new search</p>;
    }
    const view = render(
      <FlagProvider config={config} storage={createMemoryStorage()} logger={quiet}>
        <Instrumentation />
        <FeatureGate flag="new_search" fallback={<p>old search</p>}>
          <NewSearch />
        </FeatureGate>
      </FlagProvider>,
    );
    expect(screen.getByText("new search")).toBeTruthy();
    expect(MANAGER in store!).toBe(false);

    await act(async () => {
      await checker!.checkAll();
    });
    expect(screen.getByText("old search")).toBeTruthy();
    expect(managerFor(store!).getAuditLog("new_search")[0]).toMatchObject({ oldValue: true, newValue: false, source: "auto_rollback" });

    await act(async () => {
      await vi.advanceTimersByTimeAsync(10_000);
    });
    const exposures = bodies.flatMap((b) => b.exposures).filter((e) => e.name === "new_search");
    expect(exposures).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "flag", value: true, count: 1 }), expect.objectContaining({ kind: "flag", value: false, count: 1 })]));
    view.unmount();
  });

  it("useFlagStore outside a provider names itself", () => {
    function Lost() {
      useFlagStore();
      return null;
    }
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Lost />)).toThrow("useFlagStore() must be used inside a <FlagProvider>");
  });
});

const MANAGER = Symbol.for("victor-flags.manager");
