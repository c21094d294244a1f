import { act, render } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import {
  FeatureFlagManager,
  FeatureGate,
  InvalidArgumentError,
  StaticFlagProvider,
  Variant,
  useFlag,
  useFlagManager,
  useFlagMetadata,
  useFlagStore,
  useFlagsStatus,
  useVariant,
  type FlagConfig,
  type FlagStore,
  type StaticFlagProviderProps,
} from "@victor-flags/react";
import { useFlagValue } from "@victor-flags/react/targeting";
import { renderCounter, renderError, usersWithDifferentValues } from "./helpers.js";
import { hydrate, renderOnServer } from "./ssr-helpers.js";

// <StaticFlagProvider> has its own body (no url source or env layer): these pin the contract it
// shares with <FlagProvider>'s manager and config forms.

const config: FlagConfig = {
  version: 1,
  flags: {
    plain: { default: true },
    half: { default: false, rollout: { percentage: 50 } },
    gated: { default: true, dependencies: ["half"] },
  },
  experiments: { exp: { variants: ["control", "treatment_a"], weights: [0.5, 0.5] } },
};

let consoleError: MockInstance<typeof console.error> | undefined;
afterEach(() => {
  consoleError?.mockRestore();
  consoleError = undefined;
  vi.restoreAllMocks();
});

function Half() {
  return (
    <span>
      {useFlag("half") ? "on" : "off"}/{useFlag("gated") ? "on" : "off"}/{useVariant("exp")}
    </span>
  );
}

const expected = (manager: FeatureFlagManager, userId: string) =>
  `${manager.evaluate("half", { userId }).value ? "on" : "off"}/${manager.evaluate("gated", { userId }).value ? "on" : "off"}/${manager.evaluateVariant("exp", { userId })}`;

describe("StaticFlagProvider sources", () => {
  it.each([
    [{}, "none"],
    [{ config, manager: new FeatureFlagManager({ config }) }, "manager and config"],
    [{ config, url: "/flags.json" }, "config and url"],
  ])("needs exactly one of manager or config (%#)", (props, got) => {
    const error = renderError(<StaticFlagProvider {...(props as unknown as StaticFlagProviderProps)} />);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(`<StaticFlagProvider> needs exactly one of manager or config; got ${got}`);
  });

  it("takes no env, and says where env overrides live", () => {
    const error = renderError(<StaticFlagProvider {...({ config, env: { VICTOR_FEATURE_PLAIN: "false" } } as unknown as StaticFlagProviderProps)} />);
    expect((error as Error).message).toBe("<StaticFlagProvider> takes no env: use <FlagProvider config={...} env={...}>");
  });

  it("rejects a manager that is not a FeatureFlagManager", () => {
    const error = renderError(<StaticFlagProvider manager={{} as FeatureFlagManager} />);
    expect((error as Error).message).toBe("manager must be a FeatureFlagManager");
  });
});

describe("StaticFlagProvider config", () => {
  it("builds one store; re-rendering with new inline objects builds nothing, re-renders no consumer and does not re-bucket", () => {
    const renders = renderCounter();
    const managers = new Set<FeatureFlagManager>();
    function Consumer() {
      renders.hit("consumer");
      managers.add(useFlagManager());
      return <span>{useFlag("plain") ? "on" : "off"}</span>;
    }
    const inner = <Consumer />;
    const app = (n: number) => (
      <StaticFlagProvider config={{ ...config }} context={{ userId: "u1", tags: ["a", "b"] }}>
        {inner}
        <i>{n}</i>
      </StaticFlagProvider>
    );
    const { container, rerender } = render(app(0));
    let contextChanges = 0;
    [...managers][0]!.onContextChange(() => contextChanges++);
    for (let n = 1; n <= 3; n++) rerender(app(n));
    expect(container.textContent).toBe("on3");
    expect(managers.size).toBe(1);
    expect(renders.of("consumer")).toBe(1);
    expect(contextChanges).toBe(0);
  });

  it("a different context re-buckets every hook (dependencies and variants included)", () => {
    const probe = new FeatureFlagManager({ config });
    const [a, b] = usersWithDifferentValues(probe, "half");
    const storage = createMemoryStorage();
    const app = (userId: string) => (
      <StaticFlagProvider config={config} context={{ userId }} storage={storage}>
        <Half />
      </StaticFlagProvider>
    );
    const { container, rerender } = render(app(a));
    expect(container.textContent).toBe(expected(probe, a));
    rerender(app(b));
    expect(container.textContent).toBe(expected(probe, b));
  });

  it("passes logger, storage and auditLogSize through to the store and the manager composed over it", () => {
    const storage = createMemoryStorage();
    const logger = { warn: vi.fn(), error: vi.fn() };
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return <Half />;
    }
    render(
      <StaticFlagProvider config={config} storage={storage} logger={logger} auditLogSize={1}>
        <Probe />
      </StaticFlagProvider>,
    );
    expect(storage.getItem("victor-flags:anonymous-id")).toBe(manager!.getSubject());
    manager!.subscribeFlag("plain", () => {
      throw new Error("boom");
    });
    act(() => manager!.setFlag("plain", false));
    expect(logger.error).toHaveBeenCalledTimes(1);
    act(() => manager!.setFlag("half", true));
    expect(manager!.getAuditLog()).toHaveLength(1);
  });

  it("StrictMode: double mounting leaves no subscription behind", () => {
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return <Half />;
    }
    const { unmount } = render(
      <StrictMode>
        <StaticFlagProvider config={config}>
          <Probe />
        </StaticFlagProvider>
      </StrictMode>,
    );
    expect(manager!.listenerCount()).toBeGreaterThan(0);
    unmount();
    expect(manager!.listenerCount()).toBe(0);
  });
});

// Each hook below calls more of the provider's store than useFlag does, and must work under the
// static provider too: one whose store held only what useFlag needs (measured in docs/light-core.md,
// "The size aims") would have to complete it for them. The first fails if useFlagStore hands out
// a store without setConfig, setStatus or getSubject; "passes logger, storage…" above does for useFlagManager.
describe("StaticFlagProvider with every hook", () => {
  it("useFlagStore returns a whole store: setConfig, setStatus and getSubject work and reach the hooks", () => {
    let store: FlagStore | undefined;
    function Probe() {
      store = useFlagStore();
      const status = useFlagsStatus();
      return <span>{`${useFlag("plain") ? "on" : "off"}/${status.source}/${String(status.stale)}`}</span>;
    }
    const { container } = render(
      <StaticFlagProvider config={config} context={{ userId: "u-7" }}>
        <Probe />
      </StaticFlagProvider>,
    );
    expect(container.textContent).toBe("on/static/false");
    expect(store!.getSubject()).toBe("u-7");
    act(() => store!.setStatus({ stale: true }));
    expect(container.textContent).toBe("on/static/true");
    act(() => store!.setConfig({ version: 1, flags: { plain: { default: false } } }, "network"));
    expect(container.textContent).toBe("off/network/false");
  });

  it("useVariant, <Variant> and <FeatureGate> follow a context change", () => {
    const probe = new FeatureFlagManager({ config });
    const [a, b] = usersWithDifferentValues(probe, "half");
    const app = (userId: string) => (
      <StaticFlagProvider config={config} context={{ userId }}>
        <FeatureGate flag="half" fallback="gate-off">
          gate-on
        </FeatureGate>
        <Variant experiment="exp" name="control" fallback="|other">
          |control
        </Variant>
      </StaticFlagProvider>
    );
    const text = (userId: string) => `${probe.evaluate("half", { userId }).value ? "gate-on" : "gate-off"}|${probe.evaluateVariant("exp", { userId }) === "control" ? "control" : "other"}`;
    const { container, rerender } = render(app(a));
    expect(container.textContent).toBe(text(a));
    rerender(app(b));
    expect(container.textContent).toBe(text(b));
  });

  it("useFlagMetadata reads the definition and follows a config set on the store", () => {
    let store: FlagStore | undefined;
    function Probe() {
      store = useFlagStore();
      return <span>{JSON.stringify(useFlagMetadata("half")?.rollout ?? null)}</span>;
    }
    const { container } = render(
      <StaticFlagProvider config={config}>
        <Probe />
      </StaticFlagProvider>,
    );
    expect(container.textContent).toBe(JSON.stringify({ percentage: 50 }));
    act(() => store!.setConfig({ ...config, flags: { ...config.flags, half: { default: false, rollout: { percentage: 10 } } } }));
    expect(container.textContent).toBe(JSON.stringify({ percentage: 10 }));
  });

  it("useFlagValue (typed hooks) reads and follows the store", () => {
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return <span>{String(useFlagValue("plain", false))}</span>;
    }
    const { container } = render(
      <StaticFlagProvider config={config}>
        <Probe />
      </StaticFlagProvider>,
    );
    expect(container.textContent).toBe("true");
    act(() => manager!.setFlag("plain", false));
    expect(container.textContent).toBe("false");
  });
});

describe("StaticFlagProvider manager", () => {
  it("applies the context before the children's first render, and follows a new manager", () => {
    const first = new FeatureFlagManager({ config, context: { userId: "someone-else" } });
    const [a] = usersWithDifferentValues(first, "half");
    const firstRenders: string[] = [];
    function First() {
      const text = `${useFlag("half") ? "on" : "off"}`;
      firstRenders.push(text);
      return <b>{text}</b>;
    }
    const { container, rerender } = render(
      <StaticFlagProvider manager={first} context={{ userId: a }}>
        <First />
      </StaticFlagProvider>,
    );
    expect(firstRenders).toEqual([first.evaluate("half", { userId: a }).value ? "on" : "off"]);
    const second = new FeatureFlagManager({ config: { version: 1, flags: { half: { default: true } } } });
    rerender(
      <StaticFlagProvider manager={second}>
        <First />
      </StaticFlagProvider>,
    );
    expect(container.textContent).toBe("on");
    expect(first.listenerCount()).toBe(0);
    act(() => second.setFlag("half", false));
    expect(container.textContent).toBe("off");
  });
});

describe("StaticFlagProvider hydration", () => {
  it("renderToString then hydrate with the same config and user: same HTML, no mismatch", async () => {
    consoleError = vi.spyOn(console, "error");
    const html = await renderOnServer((lib) => {
      function Page() {
        return <p>{`${String(lib.useFlag("half"))}/${String(lib.useFlag("gated"))}`}</p>;
      }
      return (
        <lib.StaticFlagProvider config={config} context={{ userId: "u-42" }}>
          <Page />
        </lib.StaticFlagProvider>
      );
    });
    const container = document.createElement("div");
    document.body.appendChild(container);
    container.innerHTML = html;
    function Page() {
      return <p>{`${String(useFlag("half"))}/${String(useFlag("gated"))}`}</p>;
    }
    const { recoverable, unmount } = await hydrate(
      container,
      <StaticFlagProvider config={config} context={{ userId: "u-42" }}>
        <Page />
      </StaticFlagProvider>,
    );
    expect(recoverable).toEqual([]);
    expect(consoleError.mock.calls).toEqual([]);
    expect(container.innerHTML).toBe(html);
    unmount();
    container.remove();
  });
});
