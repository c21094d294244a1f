import { OpenFeature, OpenFeatureProvider, useBooleanFlagValue, useStringFlagValue, type Hook } from "@openfeature/react-sdk";
import { act, cleanup, render, screen } from "@testing-library/react";
import { createMemoryStorage, FeatureFlagManager, type ExposureEvent, type FlagConfig } from "@victor-flags/core";
import { VictorWebProvider } from "@victor-flags/openfeature";
import { memo, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIG, managerFor, usersWhere } from "./helpers.js";

// React only batches and warns correctly inside act() when told it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(async () => {
  cleanup();
  await OpenFeature.clearProviders();
  OpenFeature.clearHooks();
  await OpenFeature.setContext({});
});

function Checkout() {
  const on = useBooleanFlagValue("new_checkout", false);
  return <p data-testid="checkout">{on ? "new checkout" : "old checkout"}</p>;
}

function Copy() {
  return <p data-testid="copy">{useStringFlagValue("checkout_copy", "none")}</p>;
}

describe("@openfeature/react-sdk hooks over VictorWebProvider", () => {
  it("useBooleanFlagValue renders the flag's value and re-renders when it changes", async () => {
    const provider = new VictorWebProvider({ config: CONFIG });
    await OpenFeature.setProviderAndWait(provider);
    render(
      <OpenFeatureProvider>
        <Checkout />
      </OpenFeatureProvider>,
    );
    expect(screen.getByTestId("checkout").textContent).toBe("new checkout");
    act(() => provider.manager.setFlag("new_checkout", false));
    expect(screen.getByTestId("checkout").textContent).toBe("old checkout");
    act(() => provider.manager.resetFlag("new_checkout"));
    expect(screen.getByTestId("checkout").textContent).toBe("new checkout");
  });

  it("renders the caller's default until the provider is READY, then the value", async () => {
    const manager = new FeatureFlagManager();
    manager.reportStatus({ ready: false, loading: true });
    OpenFeature.setProvider(new VictorWebProvider({ manager }));
    render(
      <OpenFeatureProvider>
        <Checkout />
      </OpenFeatureProvider>,
    );
    expect(screen.getByTestId("checkout").textContent).toBe("old checkout");
    await act(async () => manager.loadConfig(CONFIG, { origin: "network" }));
    expect(screen.getByTestId("checkout").textContent).toBe("new checkout");
  });

  it("useStringFlagValue gives the experiment's variant and follows a context change", async () => {
    const [control] = usersWhere((m) => m.getVariant("checkout_copy") === "control");
    const [treatment] = usersWhere((m) => m.getVariant("checkout_copy") === "treatment");
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ config: CONFIG, managerOptions: { storage: createMemoryStorage() } }), { targetingKey: control! });
    render(
      <OpenFeatureProvider>
        <Copy />
      </OpenFeatureProvider>,
    );
    expect(screen.getByTestId("copy").textContent).toBe("control");
    await act(() => OpenFeature.setContext({ targetingKey: treatment! }));
    expect(screen.getByTestId("copy").textContent).toBe("treatment");
    expect(managerFor(treatment!).getVariant("checkout_copy")).toBe("treatment");
  });

  it("records one exposure per flag, value and subject however often the component renders", async () => {
    const manager = new FeatureFlagManager({ config: CONFIG, context: { userId: "u-7" } });
    const seen: ExposureEvent[] = [];
    manager.onExposure((event) => seen.push(event));
    await OpenFeature.setProviderAndWait(new VictorWebProvider({ manager }));
    let rerender!: () => void;
    function Parent() {
      const [, setTick] = useState(0);
      rerender = () => setTick((t) => t + 1);
      return <Checkout />;
    }
    render(
      <OpenFeatureProvider>
        <Parent />
      </OpenFeatureProvider>,
    );
    for (let i = 0; i < 5; i++) act(() => rerender());
    await act(async () => {});
    expect(seen.map((e) => [e.name, e.value, e.subject])).toEqual([["new_checkout", true, "u-7"]]);
    act(() => manager.setFlag("new_checkout", false));
    await act(async () => {});
    expect(seen.map((e) => [e.name, e.value])).toEqual([
      ["new_checkout", true],
      ["new_checkout", false],
    ]);
  });
});

describe("@openfeature/react-sdk with 1 000 consumers", () => {
  const N = 1000;
  const names = Array.from({ length: N }, (_, i) => `flag_${i}`);
  const config: FlagConfig = { version: 1, flags: Object.fromEntries(names.map((name) => [name, { default: false }])) };

  it("flipping one flag re-renders exactly one consumer; the change event evaluates exactly one hook", async () => {
    const provider = new VictorWebProvider({ config });
    await OpenFeature.setProviderAndWait(provider);
    const evaluated: string[] = [];
    const counting: Hook = { before: (context) => void evaluated.push(context.flagKey) };
    OpenFeature.addHooks(counting);
    const renders = new Map<string, number>();
    const Consumer = memo(function Consumer({ name }: { name: string }) {
      renders.set(name, (renders.get(name) ?? 0) + 1);
      return <span data-testid={name}>{useBooleanFlagValue(name, false) ? "on" : "off"}</span>;
    });
    render(
      <OpenFeatureProvider>
        {names.map((name) => (
          <Consumer key={name} name={name} />
        ))}
      </OpenFeatureProvider>,
    );
    // (The SDK evaluates each hook in its state initializer and again when its READY handler,
    // attached in an effect, runs at once for an already-ready provider: two per consumer.)
    expect(new Set(evaluated).size).toBe(N);
    expect([...renders.values()].every((count) => count === 1)).toBe(true);

    renders.clear();
    evaluated.length = 0;
    let byEvent: string[] = [];
    act(() => {
      provider.manager.setFlag("flag_500", true);
      // Inside act React has not rendered yet: these are the evaluations the change event caused.
      byEvent = [...evaluated];
    });
    expect(byEvent).toEqual(["flag_500"]);
    expect(screen.getByTestId("flag_500").textContent).toBe("on");
    expect([...renders.entries()]).toEqual([["flag_500", 1]]);
    // After a re-render the SDK's hook re-evaluates once more in an effect (its resolver is a new
    // function each render); no other consumer evaluates.
    expect(new Set(evaluated)).toEqual(new Set(["flag_500"]));
  });
});
