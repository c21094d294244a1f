import { act, render } from "@testing-library/react";
import { memo } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, FlagProvider, StaticFlagProvider, useFlag, type FlagConfig } from "@victor-flags/react";
import { useFlagValue } from "@victor-flags/react/targeting";
import { createMemoryStorage } from "@victor-flags/core";
import { renderCounter } from "./helpers.js";

const config = {
  metadata: { team: "web" },
  flags: {
    "banner-text": {
      state: "ENABLED",
      variants: { nl: "Welkom terug!", en: "Welcome back!" },
      defaultVariant: "en",
      targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", null] },
    },
    "limits.api": { state: "ENABLED", variants: { free: 0, pro: 1000 }, defaultVariant: "free", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "pro", null] } },
    "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off", targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "on", "off"] } },
  },
} as unknown as FlagConfig;

afterEach(() => {
  document.body.innerHTML = "";
});

function setup(context = {}) {
  const manager = new FeatureFlagManager({ config, context, storage: createMemoryStorage() });
  const renders = renderCounter();
  const Banner = memo(function Banner() {
    renders.hit("banner");
    return <p data-testid="banner">{useFlagValue("banner-text", "…")}</p>;
  });
  const Limit = memo(function Limit() {
    renders.hit("limit");
    return <p data-testid="limit">{String(useFlagValue("limits.api", -1))}</p>;
  });
  const view = render(
    <FlagProvider manager={manager}>
      <Banner />
      <Limit />
    </FlagProvider>,
  );
  return { manager, renders, view };
}

describe("useFlagValue", () => {
  it("renders typed values, zero included, from a flagd document", () => {
    const { view } = setup();
    expect(view.getByTestId("banner").textContent).toBe("Welcome back!");
    expect(view.getByTestId("limit").textContent).toBe("0");
  });

  it("re-renders only the component whose flag's value moved with the context", () => {
    const { manager, renders, view } = setup();
    let before = renders.snapshot();
    act(() => manager.setContext({ country: "nl" }));
    expect(view.getByTestId("banner").textContent).toBe("Welkom terug!");
    expect(renders.since(before)).toEqual({ banner: 1 });
    before = renders.snapshot();
    act(() => manager.setContext({ country: "nl", plan: "pro" }));
    expect(view.getByTestId("limit").textContent).toBe("1000");
    expect(renders.since(before)).toEqual({ limit: 1 });
    before = renders.snapshot();
    act(() => manager.setContext({ country: "nl", plan: "pro", unrelated: "x" }));
    expect(renders.since(before)).toEqual({});
  });

  it("answers the fallback for a value of another type, warning once", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      function Wrong() {
        return <p data-testid="wrong">{String(useFlagValue("banner-text", 7))}</p>;
      }
      const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
      const view = render(
        <FlagProvider manager={manager}>
          <Wrong />
          <Wrong />
        </FlagProvider>,
      );
      expect(view.getAllByTestId("wrong").map((e) => e.textContent)).toEqual(["7", "7"]);
      expect(warn.mock.calls.filter((c) => c.some((a) => String(a).includes('"banner-text" is a string flag')))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it("works on a static config's light store, and useFlag reads a boolean flagd flag", () => {
    function App() {
      return (
        <p data-testid="out">
          {useFlagValue("banner-text", "")} / {useFlag("new-checkout") ? "on" : "off"}
        </p>
      );
    }
    const view = render(
      <StaticFlagProvider config={config} context={{ country: "nl" }}>
        <App />
      </StaticFlagProvider>,
    );
    expect(view.getByTestId("out").textContent).toBe("Welkom terug! / on");
  });
});
