// The test utilities, used the way the docs show (vitest + Testing Library).
import { act, render, screen } from "@testing-library/react";
import { memo } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureGate, useFlag, useFlagManager, useVariant } from "@victor-flags/react";
import { TestFlagProvider, createTestManager } from "@victor-flags/react/testing";
import type { FlagConfig } from "@victor-flags/core";
import catalogue from "../../examples/victor-catalogue.json";
import { renderCounter } from "./helpers.js";

afterEach(() => {
  document.body.innerHTML = "";
  vi.unstubAllGlobals();
});

function Checkout() {
  return <FeatureGate flag="new_checkout" fallback={<p>old checkout</p>}><p>new checkout</p></FeatureGate>;
}

function Pricing() {
  return <p>pricing: {useVariant("pricing") ?? "none"}</p>;
}

describe("<TestFlagProvider>", () => {
  it("renders with the fixed flags and variants", () => {
    render(
      <TestFlagProvider flags={{ new_checkout: true }} variants={{ pricing: "premium" }}>
        <Checkout />
        <Pricing />
      </TestFlagProvider>,
    );
    expect(screen.getByText("new checkout")).toBeTruthy();
    expect(screen.getByText("pricing: premium")).toBeTruthy();
  });

  it("uses no network and no storage, and sends no exposure anywhere", () => {
    const fetch = vi.fn();
    const setItem = vi.fn();
    const sendBeacon = vi.fn();
    vi.stubGlobal("fetch", fetch);
    vi.stubGlobal("localStorage", { getItem: () => null, setItem, removeItem: vi.fn() });
    vi.stubGlobal("navigator", { ...navigator, sendBeacon });
    const manager = createTestManager({ flags: { new_checkout: true } });
    render(
      <TestFlagProvider manager={manager}>
        <Checkout />
      </TestFlagProvider>,
    );
    expect(screen.getByText("new checkout")).toBeTruthy();
    // The exposure is kept on the test manager for assertions, and goes nowhere else.
    expect(manager.getExposures()).toMatchObject([{ kind: "flag", name: "new_checkout", value: true }]);
    expect(fetch).not.toHaveBeenCalled();
    expect(setItem).not.toHaveBeenCalled();
    expect(sendBeacon).not.toHaveBeenCalled();
  });

  it("manager.set() mid-test re-renders only the consumer of that flag", () => {
    const renders = renderCounter();
    const Reader = memo(function Reader({ name }: { name: string }) {
      renders.hit(name);
      return <span data-testid={name}>{useFlag(name) ? "on" : "off"}</span>;
    });
    const manager = createTestManager({ flags: { a: true, b: true, c: false } });
    render(
      <TestFlagProvider manager={manager}>
        <Reader name="a" />
        <Reader name="b" />
        <Reader name="c" />
      </TestFlagProvider>,
    );
    const before = renders.snapshot();
    act(() => manager.set({ flags: { b: false } }));
    expect(renders.since(before)).toEqual({ b: 1 });
    expect(screen.getByTestId("b").textContent).toBe("off");
    expect(screen.getByTestId("a").textContent).toBe("on");
  });

  it("re-rendering with other flags applies the change, and dropped names fall back", () => {
    const { rerender } = render(
      <TestFlagProvider flags={{ new_checkout: true }} variants={{ pricing: "cheap" }}>
        <Checkout />
        <Pricing />
      </TestFlagProvider>,
    );
    rerender(
      <TestFlagProvider flags={{ new_checkout: false }} variants={{ pricing: "premium" }}>
        <Checkout />
        <Pricing />
      </TestFlagProvider>,
    );
    expect(screen.getByText("old checkout")).toBeTruthy();
    expect(screen.getByText("pricing: premium")).toBeTruthy();
    rerender(
      <TestFlagProvider flags={{ new_checkout: true }}>
        <Checkout />
      </TestFlagProvider>,
    );
    expect(screen.getByText("new checkout")).toBeTruthy();
  });

  it("with the app's config, dependency rules hold like in the app", () => {
    function Self() {
      const manager = useFlagManager();
      return <p>{useFlag("self_improvement_enabled") ? "self on" : `self off (${manager.explain("self_improvement_enabled").source})`}</p>;
    }
    const manager = createTestManager({ config: catalogue as FlagConfig, flags: { dynamic_skills_enabled: true, self_improvement_enabled: true } });
    render(
      <TestFlagProvider manager={manager}>
        <Self />
      </TestFlagProvider>,
    );
    expect(screen.getByText("self on")).toBeTruthy();
    act(() => manager.set({ flags: { dynamic_skills_enabled: false } }));
    expect(screen.getByText("self off (dependency)")).toBeTruthy();
  });
});
