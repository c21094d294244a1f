import { act, render } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryStorage, FeatureFlagManager, type FlagConfig, type FlagStore, type Logger } from "@victor-flags/core";
import { FlagProvider, useFlag, useFlagManager, useFlagStore } from "@victor-flags/react";
import { useFlagDetails, useFlagValue } from "@victor-flags/react/targeting";
import { CONFIG_URL, until } from "../fixtures/remote-config-server.js";
import { typedDoc } from "../fixtures/typed-flags.js";

// `<FlagProvider config|url env>` without a manager reads env as the manager does once the
// targeting engine is installed (this suite imports @victor-flags/react/targeting): flagd keys,
// variant names, typed values, the same warnings, re-read against every config that arrives.

const doc = typedDoc({
  "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
  dark_mode: { default: false },
});

const ENV = {
  VICTOR_FEATURE_NEW_CHECKOUT: "true",
  VICTOR_FEATURE_BANNER_TEXT: "nl",
  VICTOR_FEATURE_LIMITS_API: "zero",
  VICTOR_FEATURE_LAYOUT: "empty",
  VICTOR_FEATURE_DARK_MODE: "on",
};

function logger() {
  return { warn: vi.fn(), error: vi.fn() } as unknown as Logger & { warn: ReturnType<typeof vi.fn> };
}

/** The env layer's warnings (each names its variable), in the order given. */
const warnings = (l: { warn: ReturnType<typeof vi.fn> }) => l.warn.mock.calls.map((call) => String(call[0])).filter((m) => m.startsWith("VICTOR_FEATURE_"));

/** What the probe rendered last, per read. */
type Seen = { checkout: boolean; dark: boolean; banner: string; limit: number; layout: object; bannerVariant: string | undefined; bannerReason: string };

function probe() {
  const box: { seen?: Seen; store?: FlagStore; renders: number } = { renders: 0 };
  function Probe() {
    box.store = useFlagStore();
    const details = useFlagDetails("banner-text", "");
    box.seen = {
      checkout: useFlag("new-checkout"),
      dark: useFlag("dark_mode"),
      banner: useFlagValue("banner-text", ""),
      limit: useFlagValue("limits.api", 5),
      layout: useFlagValue("layout", { columns: 1 }),
      bannerVariant: details.variant,
      bannerReason: details.reason,
    };
    box.renders++;
    return null;
  }
  return { box, Probe };
}

/** The manager's answers for the same reads. */
function managerSees(m: FeatureFlagManager): Seen {
  const details = m.getValueDetails("banner-text", "");
  return {
    checkout: m.isEnabled("new-checkout"),
    dark: m.isEnabled("dark_mode"),
    banner: m.getValue("banner-text", ""),
    limit: m.getValue("limits.api", 5),
    layout: m.getValue("layout", { columns: 1 }),
    bannerVariant: details.variant,
    bannerReason: details.reason,
  };
}

describe("<FlagProvider config env> without a manager", () => {
  it("gives the manager's answers for a kebab boolean, a string, a number and an object flag", () => {
    const { box, Probe } = probe();
    const { unmount } = render(
      <FlagProvider config={doc} env={ENV} storage={createMemoryStorage()} logger={logger()}>
        <Probe />
      </FlagProvider>,
    );
    const manager = new FeatureFlagManager({ config: doc, env: ENV, storage: createMemoryStorage(), logger: logger() });
    expect(box.seen).toEqual({ checkout: true, dark: true, banner: "Welkom terug!", limit: 0, layout: {}, bannerVariant: "nl", bannerReason: "STATIC" });
    expect(box.seen).toEqual(managerSees(manager));
    unmount();
  });

  it("warns about a value of the wrong type with the manager's words and keeps the config's answer", () => {
    const env = { VICTOR_FEATURE_BANNER_TEXT: "fr", VICTOR_FEATURE_LIMITS_API: "42", VICTOR_FEATURE_DARK_MODE: "maybe" };
    const providerLogger = logger();
    const { box, Probe } = probe();
    const { unmount } = render(
      <FlagProvider config={doc} env={env} storage={createMemoryStorage()} logger={providerLogger}>
        <Probe />
      </FlagProvider>,
    );
    const managerLogger = logger();
    const manager = new FeatureFlagManager({ config: doc, env, storage: createMemoryStorage(), logger: managerLogger });
    expect(box.seen).toMatchObject({ banner: "Welcome back!", limit: 1000, dark: false, bannerVariant: "en" });
    expect(box.seen).toEqual(managerSees(manager));
    expect(warnings(providerLogger)).toContain('VICTOR_FEATURE_BANNER_TEXT="fr" is not a variant of flag "banner-text" (variants: nl, en, none); ignored');
    expect(warnings(providerLogger)).toContain('VICTOR_FEATURE_DARK_MODE="maybe" is not a boolean (use true/false, 1/0, yes/no or on/off); ignored');
    expect(warnings(providerLogger).sort()).toEqual(warnings(managerLogger).sort());
    unmount();
  });

  it("hands the layer to the manager useFlagManager() composes: same answers, later setFlag and configs keep theirs", () => {
    const { box, Probe } = probe();
    const holder: { manager?: FeatureFlagManager } = {};
    function Admin() {
      holder.manager = useFlagManager();
      return null;
    }
    const env = { VICTOR_FEATURE_NEW_CHECKOUT: "true", VICTOR_FEATURE_BANNER_TEXT: "nl" };
    const ui = (admin: boolean) => (
      <FlagProvider config={doc} env={env} storage={createMemoryStorage()} logger={logger()}>
        <Probe />
        {admin ? <Admin /> : null}
      </FlagProvider>
    );
    const { rerender, unmount } = render(ui(false));
    const before = box.seen;
    expect(before).toMatchObject({ checkout: true, banner: "Welkom terug!", limit: 1000 });
    rerender(ui(true));
    const manager = holder.manager!;
    expect(box.seen).toEqual(before);
    expect(manager.explain("banner-text").source).toBe("env");
    expect(manager.getValueDetails("banner-text", "")).toMatchObject({ value: "Welkom terug!", variant: "nl", reason: "STATIC" });

    act(() => manager.setFlag("limits.api", "zero"));
    expect(box.seen).toMatchObject({ limit: 0, banner: "Welkom terug!", checkout: true });
    // A new document: env re-read by the manager (once), the runtime override kept.
    const next = typedDoc({
      "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
      dark_mode: { default: true },
    });
    act(() => manager.loadConfig(next));
    expect(box.seen).toMatchObject({ limit: 0, banner: "Welkom terug!", checkout: true, dark: true });
    act(() => manager.resetFlag("limits.api"));
    expect(box.seen).toMatchObject({ limit: 1000, banner: "Welkom terug!" });
    unmount();
  });

  it("keeps snake_case booleans for Victor flags and ad-hoc names", () => {
    const { box, Probe } = probe();
    const { unmount } = render(
      <FlagProvider config={doc} env={{ VICTOR_FEATURE_DARK_MODE: "yes", VICTOR_FEATURE_AD_HOC: "1" }} storage={createMemoryStorage()} logger={logger()}>
        <Probe />
      </FlagProvider>,
    );
    expect(box.seen?.dark).toBe(true);
    expect(box.store!.isEnabled("ad_hoc")).toBe(true);
    unmount();
  });
});

describe("<FlagProvider url env> without a manager", () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  /** The first config: no flagd flags yet. */
  const first: FlagConfig = { version: 1, flags: { dark_mode: { default: false } } };

  it("re-reads env against each config: a flag only the network's document declares gets its override, in one notification", async () => {
    // Held until the test has subscribed, so the arrival is observed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server.use(
      http.get(CONFIG_URL, async () => {
        await held;
        return HttpResponse.json(doc as unknown as Record<string, unknown>, { headers: { etag: '"v2"' } });
      }),
    );
    const providerLogger = logger();
    const { box, Probe } = probe();
    const { unmount } = render(
      <FlagProvider url={CONFIG_URL} env={ENV} storage={createMemoryStorage()} logger={providerLogger} remote={{ bootstrap: first }}>
        <Probe />
      </FlagProvider>,
    );
    // The bootstrap declares none of the flagd keys: their variables read as snake_case booleans
    // (and are refused as such, as the manager refuses them), the fallbacks answer.
    expect(box.seen).toMatchObject({ checkout: false, dark: true, banner: "", limit: 5 });

    const notified: string[] = [];
    const store = box.store!;
    store.subscribeFlag("banner-text", () => notified.push("banner-text"));
    store.subscribeFlag("new-checkout", () => notified.push("new-checkout"));
    release();
    await until(() => store.getStatus().source === "network", "the network config");
    // One write for the config and its env overrides: each flag's subscriber heard it once.
    expect(notified.sort()).toEqual(["banner-text", "new-checkout"]);
    expect(box.seen).toEqual({ checkout: true, dark: true, banner: "Welkom terug!", limit: 0, layout: {}, bannerVariant: "nl", bannerReason: "STATIC" });
    // The manager given the same two documents answers and warns the same.
    const managerLogger = logger();
    const manager = new FeatureFlagManager({ config: first, env: ENV, storage: createMemoryStorage(), logger: managerLogger });
    manager.loadConfig(doc, { origin: "network" });
    expect(box.seen).toEqual(managerSees(manager));
    expect(warnings(providerLogger).sort()).toEqual(warnings(managerLogger).sort());
    unmount();
  });
});
