import { act, render } from "@testing-library/react";
import { memo, type ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryStorage, ANONYMOUS_ID_KEY } from "@victor-flags/core";
import {
  FeatureFlagManager,
  FeatureGate,
  FlagProvider,
  FlagProviderMissingError,
  InvalidArgumentError,
  StaticFlagProvider,
  Variant,
  useFlag,
  useFlagManager,
  useFlagMetadata,
  useFlagsStatus,
  useVariant,
  type FlagConfig,
  type FlagProviderProps,
  type StaticFlagProviderProps,
} from "@victor-flags/react";
import { renderCounter, renderError, usersWithDifferentValues } from "./helpers.js";

const config: FlagConfig = {
  version: 1,
  flags: {
    plain: { default: true },
    half: { default: false, rolloutStrategy: "gradual", rollout: { percentage: 50 } },
  },
  experiments: { exp: { variants: ["control", "treatment_a"], weights: [0.5, 0.5] } },
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe("FlagProvider sources", () => {
  it("needs exactly one of manager, config or url", () => {
    const manager = new FeatureFlagManager({ config });
    const none = renderError(<FlagProvider {...({} as FlagProviderProps)} />);
    expect(none).toBeInstanceOf(InvalidArgumentError);
    expect((none as Error).message).toBe("<FlagProvider> needs exactly one of manager, config or url; got none");
    const two = renderError(<FlagProvider {...({ manager, config } as unknown as FlagProviderProps)} />);
    expect((two as Error).message).toBe("<FlagProvider> needs exactly one of manager, config or url; got manager and config");
  });

  it("StaticFlagProvider takes manager or config, not url", () => {
    const error = renderError(<StaticFlagProvider {...({ url: "/flags.json" } as unknown as StaticFlagProviderProps)} />);
    expect((error as Error).message).toBe("<StaticFlagProvider> needs exactly one of manager or config; got url");
    const { container } = render(
      <StaticFlagProvider config={config}>
        <FeatureGate flag="plain">static</FeatureGate>
      </StaticFlagProvider>,
    );
    expect(container.textContent).toBe("static");
  });

  it("config: builds one manager; re-rendering the provider (new inline objects) builds nothing and re-renders no consumer", () => {
    const renders = renderCounter();
    const managers = new Set<FeatureFlagManager>();
    const Consumer = memo(function Consumer() {
      renders.hit("consumer");
      managers.add(useFlagManager());
      return <span>{useFlag("plain") ? "on" : "off"}</span>;
    });
    const app = (n: number) => (
      <FlagProvider config={{ ...config }} context={{ userId: "u1", plan: "pro", tags: ["a", "b"] }} env={{}}>
        <Consumer />
        <i>{n}</i>
      </FlagProvider>
    );
    const { container, rerender } = render(app(0));
    let contextChanges = 0;
    [...managers][0]!.onContextChange(() => contextChanges++);
    for (let n = 1; n <= 5; n++) rerender(app(n));
    expect(container.textContent).toBe("on5");
    expect(managers.size).toBe(1);
    expect(renders.of("consumer")).toBe(1);
    expect(contextChanges).toBe(0);
    expect([...managers][0]!.getContext()).toEqual({ userId: "u1", plan: "pro", tags: ["a", "b"] });
  });

  it("manager: the context value is the manager itself", () => {
    const manager = new FeatureFlagManager({ config });
    let seen: FeatureFlagManager | undefined;
    function Probe() {
      seen = useFlagManager();
      return null;
    }
    render(
      <FlagProvider manager={manager}>
        <Probe />
      </FlagProvider>,
    );
    expect(seen).toBe(manager);
  });

  it("manager: a different manager prop is followed, and the old one is left with no listeners", () => {
    const first = new FeatureFlagManager({ config: { version: 1, flags: { x: { default: true } } } });
    const second = new FeatureFlagManager({ config: { version: 1, flags: { x: { default: false } } } });
    function X() {
      return <b>{useFlag("x") ? "on" : "off"}</b>;
    }
    const { container, rerender } = render(
      <FlagProvider manager={first}>
        <X />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("on");
    rerender(
      <FlagProvider manager={second}>
        <X />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("off");
    expect(first.listenerCount()).toBe(0);
    act(() => second.setFlag("x", true));
    expect(container.textContent).toBe("on");
  });

  it("passes manager options through (env overrides, storage for the anonymous id)", () => {
    const storage = createMemoryStorage();
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return <span>{useFlag("plain") ? "on" : "off"}</span>;
    }
    const { container } = render(
      <FlagProvider config={config} env={{ VICTOR_FEATURE_PLAIN: "false" }} storage={storage}>
        <Probe />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("off");
    expect(manager!.explain("plain").source).toBe("env");
    // The anonymous id is made on first need (a rollout, an experiment, or asking for it), in the provider's storage.
    const subject = manager!.getSubject();
    expect(storage.getItem(ANONYMOUS_ID_KEY)).toBe(subject);
  });
});

describe("FlagProvider context", () => {
  function HalfAndVariant(): ReactElement {
    return (
      <span>
        {useFlag("half") ? "on" : "off"}/{useVariant("exp")}
      </span>
    );
  }

  it("a context change (by value) re-buckets; an equal new object does not", () => {
    const probe = new FeatureFlagManager({ config });
    const [a, b] = usersWithDifferentValues(probe, "half");
    const expected = (userId: string) => `${probe.evaluate("half", { userId }).value ? "on" : "off"}/${probe.evaluateVariant("exp", { userId })}`;
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return null;
    }
    const app = (userId: string) => (
      <FlagProvider config={config} context={{ userId }}>
        <Probe />
        <HalfAndVariant />
      </FlagProvider>
    );
    const { container, rerender } = render(app(a));
    let contextChanges = 0;
    manager!.onContextChange(() => contextChanges++);
    expect(container.textContent).toBe(expected(a));
    rerender(app(a));
    expect(contextChanges).toBe(0);
    rerender(app(b));
    expect(container.textContent).toBe(expected(b));
    expect(contextChanges).toBe(1);
    rerender(app(b));
    expect(contextChanges).toBe(1);
  });

  it("with an existing manager, the context applies before the children's first render", () => {
    const manager = new FeatureFlagManager({ config, context: { userId: "someone-else" } });
    const [a] = usersWithDifferentValues(manager, "half");
    const expectedValue = manager.evaluate("half", { userId: a }).value;
    const firstRenders: boolean[] = [];
    function First() {
      firstRenders.push(useFlag("half"));
      return null;
    }
    render(
      <FlagProvider manager={manager} context={{ userId: a }}>
        <First />
      </FlagProvider>,
    );
    expect(firstRenders).toEqual([expectedValue]);
    expect(manager.getSubject()).toBe(a);
  });

  it("nested providers: the nearest wins", () => {
    const outer = new FeatureFlagManager({ config: { version: 1, flags: { x: { default: true } } } });
    const inner = new FeatureFlagManager({ config: { version: 1, flags: { x: { default: false } } } });
    function X({ id }: { id: string }) {
      return <b data-id={id}>{useFlag("x") ? "on" : "off"}</b>;
    }
    const { container } = render(
      <FlagProvider manager={outer}>
        <X id="outer" />
        <FlagProvider manager={inner}>
          <X id="inner" />
        </FlagProvider>
      </FlagProvider>,
    );
    const text = (id: string) => container.querySelector(`[data-id=${id}]`)!.textContent;
    expect([text("outer"), text("inner")]).toEqual(["on", "off"]);
    act(() => inner.setFlag("x", true));
    act(() => outer.setFlag("x", false));
    expect([text("outer"), text("inner")]).toEqual(["off", "on"]);
  });
});

describe("hooks outside a provider", () => {
  const cases: [string, () => ReactElement | null][] = [
    ["useFlag()", () => (useFlag("x"), null)],
    ["useVariant()", () => (useVariant("x"), null)],
    ["useFlagMetadata()", () => (useFlagMetadata("x"), null)],
    ["useFlagsStatus()", () => (useFlagsStatus(), null)],
    ["useFlagManager()", () => (useFlagManager(), null)],
    ["<FeatureGate>", () => <FeatureGate flag="x" />],
    ["<Variant>", () => <Variant experiment="x" name="a" />],
  ];
  it.each(cases)("%s throws an error that names FlagProvider", (hook, Body) => {
    const error = renderError(<Body />);
    expect(error).toBeInstanceOf(FlagProviderMissingError);
    expect((error as FlagProviderMissingError).code).toBe("PROVIDER_MISSING");
    expect((error as Error).message).toBe(
      `${hook} must be used inside a <FlagProvider>: wrap your app in <FlagProvider config={...}> (or manager={...} / url="...")`,
    );
  });
});
