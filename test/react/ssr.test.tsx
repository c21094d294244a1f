import { act } from "@testing-library/react";
import { Suspense } from "react";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureFlagManager, FeatureGate, FlagProvider, Variant, useFlag, useFlagsStatus, useVariant, type FlagConfig } from "@victor-flags/react";
import { REACT_MAJOR, fakeFetch } from "./helpers.js";
import { hydrate, hydrateLateBoundary, renderOnServer } from "./ssr-helpers.js";
import { cacheEntry } from "../fixtures/remote-config-server.js";

const config: FlagConfig = {
  version: 1,
  flags: {
    on_flag: { default: true },
    off_flag: { default: false },
    half: { default: false, rollout: { percentage: 50 } },
    needs_off: { default: true, dependencies: ["off_flag"] },
  },
  experiments: { exp: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.34, 0.33, 0.33] } },
};

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

type Lib = typeof import("@victor-flags/react");

/** The same component tree, from either module copy (server or client). */
function page(lib: Pick<Lib, "useFlag" | "useVariant" | "useFlagsStatus" | "FeatureGate" | "Variant">) {
  return function Page() {
    const status = lib.useFlagsStatus();
    return (
      <main>
        <p>
          {["on_flag", "off_flag", "half", "needs_off"].map((name) => (
            <span key={name}>{`${name}=${String(lib.useFlag(name))};`}</span>
          ))}
        </p>
        <p>{`variant=${String(lib.useVariant("exp"))}`}</p>
        <p>status={`${String(status.ready)}/${String(status.loading)}/${status.source}`}</p>
        <lib.FeatureGate flag="on_flag" fallback={<s>old</s>}>
          <b>new</b>
        </lib.FeatureGate>
        <lib.Variant experiment="exp" name="control" fallback={<i>treatment</i>}>
          <i>control</i>
        </lib.Variant>
      </main>
    );
  };
}

describe("server rendering and hydration", () => {
  it("renderToString then hydrate with the same config and user: same HTML, no mismatch warning", async () => {
    const html = await renderOnServer((lib, core) => {
      const Page = page(lib);
      const manager = new core.FeatureFlagManager({ config, context: { userId: "u-42" }, storage: core.createMemoryStorage() });
      return (
        <lib.FlagProvider manager={manager}>
          <Page />
        </lib.FlagProvider>
      );
    });
    const client = new FeatureFlagManager({ config, context: { userId: "u-42" }, storage: createMemoryStorage() });
    expect(html).toContain(`half=${String(client.isEnabled("half"))};`);
    expect(html).toContain(`variant=${client.getVariant("exp")}`);
    container.innerHTML = html;
    const Page = page({ useFlag, useVariant, useFlagsStatus, FeatureGate, Variant });
    const { recoverable, unmount } = await hydrate(
      container,
      <FlagProvider config={config} context={{ userId: "u-42" }} storage={createMemoryStorage()}>
        <Page />
      </FlagProvider>,
    );
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls.map((c) => String(c[0]).slice(0, 200))).toEqual([]);
    expect(container.innerHTML).toBe(html);
    // Hydrated components are live.
    await act(async () => void 0);
    unmount();
  });

  it("url with a bootstrap document: the client's cached config does not change the first render", async () => {
    const url = "https://flags.test/flags.json";
    const bootstrap: FlagConfig = { version: 1, flags: { new_checkout: { default: true } } };
    const html = await renderOnServer((lib, core) => (
      <lib.FlagProvider url={url} storage={core.createMemoryStorage()} remote={{ bootstrap, fetch: fakeFetch(() => bootstrap).fetch }}>
        <lib.FeatureGate flag="new_checkout" fallback="old">
          new
        </lib.FeatureGate>
        <Status lib={lib} />
      </lib.FlagProvider>
    ));
    expect(html).toBe("new<i>false/true/bootstrap</i>");

    // This browser cached an older document in which the flag is off.
    const cached = { version: 1, flags: { new_checkout: { default: false } } };
    const storage = createMemoryStorage({ [`victor-flags:remote:${url}`]: cacheEntry(url, cached, '"old"') });
    const network = fakeFetch(() => bootstrap);
    network.hold();
    container.innerHTML = html;
    const { recoverable, unmount } = await hydrate(
      container,
      <FlagProvider url={url} storage={storage} remote={{ bootstrap, fetch: network.fetch }}>
        <FeatureGate flag="new_checkout" fallback="old">
          new
        </FeatureGate>
        <Status lib={{ useFlagsStatus }} />
      </FlagProvider>,
    );
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls.map((c) => String(c[0]).slice(0, 200))).toEqual([]);
    expect(container.innerHTML).toBe(html);
    network.open();
    unmount();
  });

  it.skipIf(REACT_MAJOR < 18)("a boundary that hydrates after the flag moved renders the server snapshot first, then the live value", async () => {
    const html = await renderOnServer((lib, core) => {
      const manager = new core.FeatureFlagManager({ config, storage: core.createMemoryStorage() });
      function Inner() {
        return <em>{lib.useFlag("off_flag") ? "on" : "off"}</em>;
      }
      return (
        <lib.FlagProvider manager={manager}>
          <Suspense fallback="loading">
            <Inner />
          </Suspense>
        </lib.FlagProvider>
      );
    });
    expect(html).toContain("<em>off</em>");

    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const seen: string[] = [];
    function Inner() {
      const value = useFlag("off_flag") ? "on" : "off";
      seen.push(value);
      return <em>{value}</em>;
    }
    const { recoverable, unmount, load } = await hydrateLateBoundary(container, html, manager);
    expect(container.innerHTML).toBe(html);
    // Meanwhile the flag moves on the client (a remote update, a QA override).
    manager.setFlag("off_flag", true);
    await load(Inner);
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls.map((c) => String(c[0]).slice(0, 200))).toEqual([]);
    expect(seen[0]).toBe("off"); // hydrated against the server snapshot
    expect(seen[seen.length - 1]).toBe("on");
    expect(container.querySelector("em")!.textContent).toBe("on");
    unmount();
  });
});

function Status({ lib }: { lib: Pick<Lib, "useFlagsStatus"> }) {
  const status = lib.useFlagsStatus();
  return <i>{`${String(status.ready)}/${String(status.loading)}/${status.source}`}</i>;
}
