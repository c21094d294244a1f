import { Suspense } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureFlagManager, FlagProvider, type FlagConfig } from "@victor-flags/react";
import { useFlagDetails, useFlagValue } from "@victor-flags/react/targeting";
import { REACT_MAJOR } from "./helpers.js";
import { hydrate, hydrateLateBoundary, renderOnServerWithTargeting } from "./ssr-helpers.js";
import { config } from "./flagd-fixture.js";


let consoleError: MockInstance<typeof console.error>;
let container: HTMLDivElement;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
  container = document.createElement("div");
  document.body.appendChild(container);
});
afterEach(() => {
  consoleError.mockRestore();
  container.remove();
});

type Hooks = { useFlagValue: typeof useFlagValue; useFlagDetails: typeof useFlagDetails };

/** The same typed-value tree, from either module copy (server or client). */
function page(hooks: Hooks, seen: string[] = []) {
  return function Page() {
    const banner = hooks.useFlagValue("banner-text", "…");
    const limit = hooks.useFlagDetails("limits.api", -1);
    const text = `${banner}|${limit.value}|${limit.variant}|${limit.reason}`;
    seen.push(text);
    return <em>{text}</em>;
  };
}

const errors = () => consoleError.mock.calls.map((c) => String(c[0]).slice(0, 200));

describe("useFlagValue and useFlagDetails: server rendering and hydration", () => {
  it("renderToString then hydrate with the same config and context: same HTML, no mismatch", async () => {
    const context = { userId: "u-1", country: "nl", plan: "pro" };
    const html = await renderOnServerWithTargeting((lib, core, targeting) => {
      const Page = page(targeting);
      return (
        <lib.FlagProvider config={config} context={context} storage={core.createMemoryStorage()}>
          <Page />
        </lib.FlagProvider>
      );
    });
    expect(html).toBe("<em>Welkom terug!|1000|pro|TARGETING_MATCH</em>");
    container.innerHTML = html;
    const Page = page({ useFlagValue, useFlagDetails });
    const { recoverable, unmount } = await hydrate(
      container,
      <FlagProvider config={config} context={context} storage={createMemoryStorage()}>
        <Page />
      </FlagProvider>,
    );
    expect(recoverable).toEqual([]);
    expect(errors()).toEqual([]);
    expect(container.innerHTML).toBe(html);
    unmount();
  });

  // The server snapshot of these hooks is the provider's hydration view, as for useFlag: a
  // boundary that hydrates after the context and the config moved still matches the server HTML.
  it.skipIf(REACT_MAJOR < 18)("a boundary that hydrates after context and config moved renders the server's values first, then the live ones", async () => {
    const html = await renderOnServerWithTargeting((lib, core, targeting) => {
      const manager = new core.FeatureFlagManager({ config, context: { country: "nl" }, storage: core.createMemoryStorage() });
      const Page = page(targeting);
      return (
        <lib.FlagProvider manager={manager}>
          <Suspense fallback="loading">
            <Page />
          </Suspense>
        </lib.FlagProvider>
      );
    });
    expect(html).toContain("<em>Welkom terug!|0|free|DEFAULT</em>");

    const manager = new FeatureFlagManager({ config, context: { country: "nl" }, storage: createMemoryStorage() });
    const seen: string[] = [];
    const { recoverable, unmount, load } = await hydrateLateBoundary(container, html, manager);
    expect(container.innerHTML).toBe(html);
    // Meanwhile the client moves on: another context, and a config where the pro limit changed.
    manager.setContext({ country: "de", plan: "pro" });
    const next = JSON.parse(JSON.stringify(config)) as { flags: Record<string, { variants: Record<string, unknown> }> };
    next.flags["limits.api"]!.variants.pro = 5000;
    manager.loadConfig(next as unknown as FlagConfig);
    await load(page({ useFlagValue, useFlagDetails }, seen));
    expect(recoverable).toEqual([]);
    expect(errors()).toEqual([]);
    expect(seen[0]).toBe("Welkom terug!|0|free|DEFAULT"); // hydrated against the server's values
    expect(seen[seen.length - 1]).toBe("Welcome back!|5000|pro|TARGETING_MATCH");
    expect(container.querySelector("em")!.textContent).toBe("Welcome back!|5000|pro|TARGETING_MATCH");
    unmount();
  });
});
