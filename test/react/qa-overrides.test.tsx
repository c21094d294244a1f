// <FlagProvider qaOverrides>: off by default; when on, ?vf= and the storage key force values with
// source "qa", through the dependency rules (the QA code loads with import(), so the prop waits
// for it). <QaOverrides /> from @victor-flags/react/qa applies them before the first paint.
import { render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QA_STORAGE_KEY } from "@victor-flags/core/qa";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureFlagManager, FeatureGate, FlagProvider, useFlagManager, useVariant, type FlagConfig } from "@victor-flags/react";
import { QaOverrides } from "@victor-flags/react/qa";
import { hydrate, renderOnServer } from "./ssr-helpers.js";

const config: FlagConfig = {
  version: 1,
  flags: {
    base: { default: false },
    child: { default: false, dependencies: ["base"] },
    other: { default: false },
  },
  experiments: { exp: { variants: ["control", "treatment_a"], weights: [1, 0] } },
};

function Page() {
  return (
    <main>
      <FeatureGate flag="child" fallback={<p>child off</p>}>
        <p>child on</p>
      </FeatureGate>
      <FeatureGate flag="other" fallback={<p>other off</p>}>
        <p>other on</p>
      </FeatureGate>
      <p>variant {useVariant("exp")}</p>
    </main>
  );
}

const recording = () => {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => void warnings.push(m), error: () => {} };
};

beforeEach(() => window.history.replaceState(null, "", "/?vf=child:on,base:on,exp:treatment_a"));
afterEach(() => {
  window.history.replaceState(null, "", "/");
  window.localStorage.removeItem(QA_STORAGE_KEY);
  document.body.innerHTML = "";
});

describe("<FlagProvider qaOverrides>", () => {
  it("is off by default: ?vf= and the storage key change nothing", () => {
    window.localStorage.setItem(QA_STORAGE_KEY, "other:on");
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    render(
      <FlagProvider manager={manager}>
        <Page />
      </FlagProvider>,
    );
    expect(screen.getByText("child off")).toBeTruthy();
    expect(screen.getByText("other off")).toBeTruthy();
    expect(screen.getByText("variant control")).toBeTruthy();
    expect(manager.getAuditLog()).toEqual([]);
  });

  it("when on, forces flags (in dependency order) and variants from the URL and storage, with source qa", async () => {
    window.localStorage.setItem(QA_STORAGE_KEY, "other:on");
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    render(
      <FlagProvider manager={manager} qaOverrides>
        <Page />
      </FlagProvider>,
    );
    expect(await screen.findByText("child on")).toBeTruthy();
    expect(screen.getByText("other on")).toBeTruthy();
    expect(screen.getByText("variant treatment_a")).toBeTruthy();
    expect(manager.explain("child").overrideSource).toBe("qa");
    expect(manager.getAuditLog().map((e) => e.source)).toEqual(["qa", "qa", "qa", "qa"]);
  });

  it("works with config={...}, and reports a refused override to the logger", async () => {
    window.history.replaceState(null, "", "/?vf=child:on,nope:on");
    const logger = recording();
    render(
      <FlagProvider config={config} logger={logger} qaOverrides={{ logger }}>
        <Page />
      </FlagProvider>,
    );
    await vi.waitFor(() => expect(logger.warnings).toHaveLength(2));
    expect(screen.getByText("child off")).toBeTruthy();
    expect(logger.warnings).toEqual([
      'QA override "child:on" (from url) not applied: Cannot enable child: dependencies not satisfied: base',
      'QA override "nope:on" (from url) not applied: "nope" is neither a flag nor an experiment of the current config',
    ]);
  });

  it("applies once under StrictMode", async () => {
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const onReport = vi.fn();
    render(
      <StrictMode>
        <FlagProvider manager={manager} qaOverrides={{ onReport }}>
          <Page />
        </FlagProvider>
      </StrictMode>,
    );
    await vi.waitFor(() => expect(manager.getAuditLog("child")).toHaveLength(1));
    // Both StrictMode mounts had their chance to load and apply: still one application.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(manager.getAuditLog("exp")).toHaveLength(1);
    expect(manager.getAuditLog("child")).toHaveLength(1);
  });

  it("hydrates server HTML without a mismatch, then shows the forced branches", async () => {
    const html = await renderOnServer((lib) => (
      <lib.FlagProvider config={config} qaOverrides>
        <lib.FeatureGate flag="child" fallback={<p>child off</p>}>
          <p>child on</p>
        </lib.FeatureGate>
      </lib.FlagProvider>
    ));
    expect(html).toContain("child off");
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.appendChild(container);
    const consoleError = vi.spyOn(console, "error");
    try {
      const { recoverable, unmount } = await hydrate(
        container,
        <FlagProvider config={config} qaOverrides>
          <FeatureGate flag="child" fallback={<p>child off</p>}>
            <p>child on</p>
          </FeatureGate>
        </FlagProvider>,
      );
      expect(recoverable).toEqual([]);
      expect(consoleError).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(container.textContent).toBe("child on"));
      unmount();
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe("<QaOverrides> (@victor-flags/react/qa)", () => {
  it("forces the values before the first paint: the first commit already shows them", () => {
    window.localStorage.setItem(QA_STORAGE_KEY, "other:on");
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    render(
      <FlagProvider manager={manager}>
        <QaOverrides />
        <Page />
      </FlagProvider>,
    );
    // render() returns after layout effects ran: no await, so nothing could have loaded lazily.
    expect(screen.getByText("child on")).toBeTruthy();
    expect(screen.getByText("other on")).toBeTruthy();
    expect(screen.getByText("variant treatment_a")).toBeTruthy();
    expect(manager.explain("child").overrideSource).toBe("qa");
  });

  it("applies once under StrictMode, also with a provider built from config", () => {
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return null;
    }
    render(
      <StrictMode>
        <FlagProvider config={config}>
          <QaOverrides />
          <Probe />
          <Page />
        </FlagProvider>
      </StrictMode>,
    );
    expect(screen.getByText("child on")).toBeTruthy();
    expect(manager!.getAuditLog("child")).toHaveLength(1);
    expect(manager!.getAuditLog("exp")).toHaveLength(1);
  });
});
