import { act, render } from "@testing-library/react";
import { StrictMode, Suspense, useState } from "react";
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, FeatureGate, FlagProvider, Variant, useFlag, useVariant, type FlagConfig } from "@victor-flags/react";
import { recordExposures } from "../fixtures/exposure-recorder.js";

const config: FlagConfig = {
  version: 1,
  flags: { f0: { default: false }, f1: { default: true } },
  experiments: { exp: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.4, 0.3, 0.3] } },
};

function setup(context = { userId: "alice" }) {
  const manager = new FeatureFlagManager({ config, context });
  return { manager, ...recordExposures(manager) };
}

describe("exposures", () => {
  it("are recorded after commit, never during render", () => {
    const { manager, events, domAtEvent, summary } = setup();
    const seenDuringRender: number[] = [];
    function Reader() {
      seenDuringRender.push(events.length);
      return <span>f0 is {useFlag("f0") ? "on" : "off"}</span>;
    }
    render(
      <FlagProvider manager={manager}>
        <Reader />
      </FlagProvider>,
    );
    expect(seenDuringRender).toEqual([0]);
    expect(summary()).toEqual(["alice:flag:f0=false"]);
    // The listener ran when the DOM already showed what was exposed.
    expect(domAtEvent).toEqual(["f0 is off"]);
  });

  it("once per flag and value per subject: re-renders, sibling readers and StrictMode add nothing", () => {
    const { manager, summary } = setup();
    let bump!: () => void;
    function Parent() {
      const [n, setN] = useState(0);
      bump = () => setN((x) => x + 1);
      return (
        <>
          <i>{n}</i>
          <Reader />
          <Reader />
          <FeatureGate flag="f0" fallback="gate-off">
            gate-on
          </FeatureGate>
        </>
      );
    }
    function Reader() {
      return <span>{useFlag("f0") ? "on" : "off"}</span>;
    }
    render(
      <StrictMode>
        <FlagProvider manager={manager}>
          <Parent />
        </FlagProvider>
      </StrictMode>,
    );
    for (let i = 0; i < 10; i++) act(() => bump());
    expect(summary()).toEqual(["alice:flag:f0=false"]);

    act(() => manager.setFlag("f0", true));
    act(() => bump());
    expect(summary()).toEqual(["alice:flag:f0=false", "alice:flag:f0=true"]);
    // Back to a value this subject has already seen: nothing new.
    act(() => manager.setFlag("f0", false));
    expect(summary()).toEqual(["alice:flag:f0=false", "alice:flag:f0=true"]);
  });

  it("a new subject is a new exposure, even when the value stays the same", async () => {
    const { manager, summary } = setup();
    function Reader() {
      return <span>{useFlag("f1") ? "on" : "off"}</span>;
    }
    const app = (userId: string) => (
      <FlagProvider manager={manager} context={{ userId }}>
        <Reader />
      </FlagProvider>
    );
    const { rerender } = render(app("alice"));
    await act(async () => {
      rerender(app("bob"));
      await Promise.resolve();
    });
    await act(async () => {
      rerender(app("bob"));
      await Promise.resolve();
    });
    expect(summary()).toEqual(["alice:flag:f1=true", "bob:flag:f1=true"]);
  });

  it("variants: one exposure per subject and variant however many <Variant> branches read it", () => {
    const { manager, summary } = setup();
    const variant = manager.getVariant("exp")!;
    function Experiment() {
      const v = useVariant("exp");
      return (
        <>
          <b>{v}</b>
          <Variant experiment="exp" name="control">
            C
          </Variant>
          <Variant experiment="exp" name="treatment_a">
            A
          </Variant>
          <Variant experiment="exp" name="treatment_b">
            B
          </Variant>
        </>
      );
    }
    render(
      <FlagProvider manager={manager}>
        <Experiment />
      </FlagProvider>,
    );
    expect(summary()).toEqual([`alice:variant:exp=${variant}`]);
  });

  it("a component that suspends before committing records nothing until it commits", async () => {
    const { manager, summary } = setup();
    let resolve!: () => void;
    const pending = new Promise<void>((r) => (resolve = r));
    let ready = false;
    void pending.then(() => (ready = true));
    function Suspends() {
      const on = useFlag("f1");
      if (!ready) throw pending;
      return <span>{on ? "on" : "off"}</span>;
    }
    function Plain() {
      return <span>{useFlag("f0") ? "on" : "off"}</span>;
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Plain />
        <Suspense fallback="loading">
          <Suspends />
        </Suspense>
      </FlagProvider>,
    );
    expect(container.textContent).toBe("offloading");
    expect(summary()).toEqual(["alice:flag:f0=false"]);
    await act(async () => {
      resolve();
      await pending;
    });
    expect(container.textContent).toBe("offon");
    expect(summary()).toEqual(["alice:flag:f0=false", "alice:flag:f1=true"]);
  });
});
