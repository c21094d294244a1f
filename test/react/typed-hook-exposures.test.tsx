import { act, render } from "@testing-library/react";
import { StrictMode, useState } from "react";
import { describe, expect, it } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import { createExposureReporter, type ExposurePayload, type ExposureReporter } from "@victor-flags/core/metrics";
import { FeatureFlagManager, FlagProvider, useFlag, useFlagStore } from "@victor-flags/react";
import { useFlagDetails, useFlagValue } from "@victor-flags/react/targeting";
import { recordExposures } from "../fixtures/exposure-recorder.js";
import { typedDoc } from "../fixtures/typed-flags.js";

// useFlagValue / useFlagDetails report what a committed component showed, as useFlag does: a
// boolean as a flag exposure, any other value as the variant served; once per subject and value.

const doc = typedDoc({
  "new-checkout": { state: "ENABLED", variants: { on: true, off: false }, defaultVariant: "off" },
  old_ui: { default: true },
});

function setup() {
  const manager = new FeatureFlagManager({ config: doc, context: { userId: "alice" }, storage: createMemoryStorage() });
  return { manager, ...recordExposures(manager) };
}

describe("exposures of typed reads", () => {
  it("are recorded after commit: a value as its variant, a boolean as useFlag records it, a fallback not at all", () => {
    const { manager, domAtEvent, summary } = setup();
    const seenDuringRender: number[] = [];
    function Reader() {
      seenDuringRender.push(summary().length);
      const banner = useFlagValue("banner-text", "");
      const limit = useFlagDetails("limits.api", 5);
      const checkout = useFlagValue("new-checkout", true);
      const old = useFlagValue("old_ui", false);
      // the caller's fallback answers these: a type mismatch, an unknown key
      const wrongType = useFlagValue("banner-text", 0);
      const unknown = useFlagDetails("nope", "?");
      return <span>{`${banner}|${limit.value}|${checkout}|${old}|${wrongType}|${unknown.value}`}</span>;
    }
    render(
      <FlagProvider manager={manager}>
        <Reader />
      </FlagProvider>,
    );
    expect(seenDuringRender).toEqual([0]);
    expect(summary()).toEqual(["alice:variant:banner-text=en", "alice:variant:limits.api=many", "alice:flag:new-checkout=false", "alice:flag:old_ui=true"]);
    expect(domAtEvent[0]).toBe("Welcome back!|1000|false|true|0|?");
  });

  it("once per key and value per subject: re-renders, a useFlag reader of the same flag and StrictMode add nothing; a new value or subject adds one", () => {
    const { manager, summary } = setup();
    let bump!: () => void;
    function Reader() {
      const [n, setN] = useState(0);
      bump = () => setN((x) => x + 1);
      const details = useFlagDetails("banner-text", "");
      const checkout = useFlagValue("new-checkout", false);
      const same = useFlag("new-checkout");
      return <span>{`${n}:${details.value}:${checkout}:${same}`}</span>;
    }
    render(
      <StrictMode>
        <FlagProvider manager={manager}>
          <Reader />
          <Reader />
        </FlagProvider>
      </StrictMode>,
    );
    expect(summary()).toEqual(["alice:variant:banner-text=en", "alice:flag:new-checkout=false"]);
    act(() => bump());
    expect(summary()).toHaveLength(2);
    act(() => manager.setFlag("banner-text", "nl"));
    act(() => manager.setFlag("banner-text", "Hallo"));
    expect(summary().slice(2)).toEqual(["alice:variant:banner-text=nl", "alice:variant:banner-text=undefined"]);
    act(() => manager.setContext({ userId: "bob" }));
    expect(summary().slice(4).sort()).toEqual(["bob:flag:new-checkout=false", "bob:variant:banner-text=undefined"]);
  });

  it("reach the metrics exposure reporter on a light provider's store", async () => {
    const bodies: ExposurePayload[] = [];
    const box: { reporter?: ExposureReporter } = {};
    function Reader() {
      return <span>{`${useFlagValue("banner-text", "")}${useFlagValue("layout", {})}`}</span>;
    }
    // The reporter listens before the readers commit, as an app wires it at start-up.
    function Instrumentation() {
      const store = useFlagStore();
      useState(() => {
        box.reporter = createExposureReporter({
          store,
          url: "https://collect.test/x",
          beacon: false,
          lifecycle: false,
          fetch: (_url, init) => (bodies.push(JSON.parse(init.body) as ExposurePayload), Promise.resolve({ ok: true, status: 200 })),
        });
      });
      return null;
    }
    const { unmount } = render(
      <FlagProvider config={doc} context={{ userId: "carol" }} storage={createMemoryStorage()}>
        <Instrumentation />
        <Reader />
        <Reader />
      </FlagProvider>,
    );
    await act(async () => {
      await box.reporter!.flush();
    });
    const lines = bodies.flatMap((b) => b.exposures).map((e) => `${e.kind}:${e.name}=${"variant" in e ? e.variant : e.value}:${e.count}`);
    expect(lines.sort()).toEqual(["variant:banner-text=en:1", "variant:layout=grid:1"]);
    box.reporter!.dispose();
    unmount();
  });
});
