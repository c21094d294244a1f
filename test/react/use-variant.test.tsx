import { act, render } from "@testing-library/react";
import { memo } from "react";
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, FlagProvider, useFlag, useVariant, type FlagConfig } from "@victor-flags/react";
import { renderCounter } from "./helpers.js";

const config: FlagConfig = {
  version: 1,
  flags: { f0: { default: false } },
  experiments: {
    exp: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.4, 0.3, 0.3] },
    other: { variants: ["x", "y"], weights: [0.5, 0.5] },
  },
};

describe("useVariant", () => {
  it("returns the subject's bucketed variant, undefined for an unknown experiment", () => {
    const manager = new FeatureFlagManager({ config, context: { userId: "alice" } });
    function Show() {
      return (
        <span>
          {useVariant("exp")}|{String(useVariant("missing"))}
        </span>
      );
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Show />
      </FlagProvider>,
    );
    expect(container.textContent).toBe(`${manager.evaluateVariant("exp", { userId: "alice" })}|undefined`);
  });

  it("re-renders only the readers of the experiment whose variant moved", () => {
    const manager = new FeatureFlagManager({ config, context: { userId: "alice" } });
    const renders = renderCounter();
    const Exp = memo(function Exp({ name }: { name: string }) {
      renders.hit(name);
      return <b data-name={name}>{useVariant(name)}</b>;
    });
    const Flag = memo(function Flag() {
      renders.hit("f0");
      return <i>{String(useFlag("f0"))}</i>;
    });
    const { container } = render(
      <FlagProvider manager={manager}>
        <Exp name="exp" />
        <Exp name="other" />
        <Flag />
      </FlagProvider>,
    );
    const current = manager.getVariant("exp");
    const forced = ["control", "treatment_a", "treatment_b"].find((v) => v !== current)!;
    const before = renders.snapshot();
    act(() => manager.setVariant("exp", forced));
    expect(renders.since(before)).toEqual({ exp: 1 });
    expect(container.querySelector("[data-name=exp]")!.textContent).toBe(forced);
  });
});
