import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, FeatureGate, FlagProvider, Variant, type FlagConfig } from "@victor-flags/react";

const config: FlagConfig = {
  version: 1,
  flags: { new_ui: { default: false }, base: { default: true }, needs_base: { default: true, dependencies: ["base"] } },
  experiments: { exp: { variants: ["control", "treatment_a", "treatment_b"], weights: [0.4, 0.3, 0.3] } },
};

describe("<FeatureGate>", () => {
  it("renders the fallback while the flag is off and the children once it is on", () => {
    const manager = new FeatureFlagManager({ config });
    const { container } = render(
      <FlagProvider manager={manager}>
        <FeatureGate flag="new_ui" fallback={<em>old</em>}>
          <strong>new</strong>
        </FeatureGate>
        |
        <FeatureGate flag="new_ui">only-when-on</FeatureGate>
      </FlagProvider>,
    );
    expect(container.innerHTML).toBe("<em>old</em>|");
    act(() => manager.setFlag("new_ui", true));
    expect(container.innerHTML).toBe("<strong>new</strong>|only-when-on");
  });

  it("follows the dependency gate: a dependent closes when its dependency turns off", () => {
    const manager = new FeatureFlagManager({ config });
    const { container } = render(
      <FlagProvider manager={manager}>
        <FeatureGate flag="needs_base" fallback="closed">
          open
        </FeatureGate>
      </FlagProvider>,
    );
    expect(container.textContent).toBe("open");
    act(() => manager.setFlag("base", false));
    expect(container.textContent).toBe("closed");
  });
});

describe("<Variant>", () => {
  function Branches() {
    return (
      <>
        <Variant experiment="exp" name="control">
          C
        </Variant>
        <Variant experiment="exp" name="treatment_a">
          A
        </Variant>
        <Variant experiment="exp" name="treatment_b">
          B
        </Variant>
        <Variant experiment="exp" name={["treatment_a", "treatment_b"]} fallback="-">
          T
        </Variant>
        <Variant experiment="unknown" name="control" fallback="?">
          never
        </Variant>
      </>
    );
  }

  it("renders exactly the branch of the subject's variant, and follows a change", () => {
    const manager = new FeatureFlagManager({ config, context: { userId: "alice" } });
    const { container } = render(
      <FlagProvider manager={manager}>
        <Branches />
      </FlagProvider>,
    );
    const letter = { control: "C", treatment_a: "A", treatment_b: "B" } as const;
    const expected = (variant: keyof typeof letter) => `${letter[variant]}${variant === "control" ? "-" : "T"}?`;
    expect(container.textContent).toBe(expected(manager.getVariant("exp") as keyof typeof letter));
    for (const variant of ["control", "treatment_a", "treatment_b"] as const) {
      act(() => manager.setVariant("exp", variant));
      expect(container.textContent).toBe(expected(variant));
    }
  });
});
