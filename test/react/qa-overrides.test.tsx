// <FlagProvider qaOverrides>: off by default; when on, ?vf= and the storage key force values
// before the first paint, with source "qa", through the dependency rules.
import { render, screen } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { QA_STORAGE_KEY } from "@victor-flags/core/qa";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureFlagManager, FeatureGate, FlagProvider, useVariant, type FlagConfig } from "@victor-flags/react";
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

  it("when on, forces flags (in dependency order) and variants from the URL and storage, with source qa", () => {
    window.localStorage.setItem(QA_STORAGE_KEY, "other:on");
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    render(
      <FlagProvider manager={manager} qaOverrides>
        <Page />
      </FlagProvider>,
    );
    expect(screen.getByText("child on")).toBeTruthy();
    expect(screen.getByText("other on")).toBeTruthy();
    expect(screen.getByText("variant treatment_a")).toBeTruthy();
    expect(manager.explain("child").overrideSource).toBe("qa");
    expect(manager.getAuditLog().map((e) => e.source)).toEqual(["qa", "qa", "qa", "qa"]);
  });

  it("works with config={...}, and reports a refused override to the logger", () => {
    window.history.replaceState(null, "", "/?vf=child:on,nope:on");
    const logger = recording();
    render(
      <FlagProvider config={config} logger={logger} qaOverrides={{ logger }}>
        <Page />
      </FlagProvider>,
    );
    expect(screen.getByText("child off")).toBeTruthy();
    expect(logger.warnings).toEqual([
      'QA override "child:on" (from url) not applied: Cannot enable child: dependencies not satisfied: base',
      'QA override "nope:on" (from url) not applied: "nope" is neither a flag nor an experiment of the current config',
    ]);
  });

  it("applies once under StrictMode", () => {
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const onReport = vi.fn();
    render(
      <StrictMode>
        <FlagProvider manager={manager} qaOverrides={{ onReport }}>
          <Page />
        </FlagProvider>
      </StrictMode>,
    );
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
      expect(container.textContent).toBe("child on");
      unmount();
    } finally {
      consoleError.mockRestore();
    }
  });
});
