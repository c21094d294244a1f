import { act, render } from "@testing-library/react";
import { memo } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, FlagProvider, StaticFlagProvider, useFlag, type FlagConfig } from "@victor-flags/react";
import { useFlagDetails, useFlagValue, type FlagValueDetails } from "@victor-flags/react/targeting";
import { createMemoryStorage } from "@victor-flags/core";
import { renderCounter } from "./helpers.js";
import { config } from "./flagd-fixture.js";


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

describe("useFlagDetails", () => {
  const detailsConfig = {
    metadata: { team: "web" },
    flags: {
      greeting: {
        state: "ENABLED",
        variants: { en: "Hello", nl: "Hallo" },
        defaultVariant: "en",
        // Dutch-speaking Belgians get the default's value through a rule: same value, other reason.
        targeting: { if: [{ "==": [{ var: "country" }, "nl"] }, "nl", { if: [{ "==": [{ var: "country" }, "be"] }, "en", null] }] },
        metadata: { owner: "copy" },
      },
      other: { state: "ENABLED", variants: { a: 1, b: 2 }, defaultVariant: "a", targeting: { if: [{ "==": [{ var: "plan" }, "pro"] }, "b", null] } },
    },
  } satisfies FlagConfig;

  function setup() {
    const manager = new FeatureFlagManager({ config: detailsConfig, storage: createMemoryStorage() });
    const renders = renderCounter();
    const seen: FlagValueDetails<string>[] = [];
    const Greeting = memo(function Greeting() {
      renders.hit("greeting");
      const details = useFlagDetails("greeting", "?");
      seen.push(details);
      return <p data-testid="greeting">{`${details.value}|${details.variant}|${details.reason}|${details.flagMetadata.owner}|${details.flagMetadata.team}`}</p>;
    });
    const view = render(
      <FlagProvider manager={manager}>
        <Greeting />
      </FlagProvider>,
    );
    return { manager, renders, seen, view };
  }

  it("answers value, variant, reason and merged metadata, and re-renders when the reason moves with the value unchanged", () => {
    const { manager, renders, view } = setup();
    expect(view.getByTestId("greeting").textContent).toBe("Hello|en|DEFAULT|copy|web");
    const before = renders.snapshot();
    act(() => manager.setContext({ country: "be" }));
    expect(view.getByTestId("greeting").textContent).toBe("Hello|en|TARGETING_MATCH|copy|web");
    expect(renders.since(before)).toEqual({ greeting: 1 });
    act(() => manager.setContext({ country: "nl" }));
    expect(view.getByTestId("greeting").textContent).toBe("Hallo|nl|TARGETING_MATCH|copy|web");
  });

  it("keeps the object's identity and renders nothing while this flag's answer stays (other flags, reloads of an equal document)", () => {
    const { manager, renders, seen } = setup();
    const before = renders.snapshot();
    act(() => manager.setContext({ plan: "pro" }));
    act(() => manager.loadConfig(JSON.parse(JSON.stringify(detailsConfig)) as FlagConfig));
    expect(renders.since(before)).toEqual({});
    expect(new Set(seen).size).toBe(1);
  });

  it("reports a type mismatch as reason ERROR, code TYPE_MISMATCH, with the fallback", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      function Wrong() {
        const d = useFlagDetails("greeting", 0);
        return <p data-testid="wrong">{`${d.value}|${d.reason}|${d.errorCode}`}</p>;
      }
      const view = render(
        <FlagProvider config={detailsConfig} storage={createMemoryStorage()}>
          <Wrong />
        </FlagProvider>,
      );
      expect(view.getByTestId("wrong").textContent).toBe("0|ERROR|TYPE_MISMATCH");
    } finally {
      warn.mockRestore();
    }
  });
});
