import { act, render } from "@testing-library/react";
import { memo } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { FeatureFlagManager, FlagProvider, useFlag } from "@victor-flags/react";
import { manyFlags, renderCounter } from "./helpers.js";

const N = 1000;

function setup(config = manyFlags(N)) {
  const manager = new FeatureFlagManager({ config });
  const renders = renderCounter();
  const Flag = memo(function Flag({ name }: { name: string }) {
    renders.hit(name);
    return <span data-testid={name}>{useFlag(name) ? "on" : "off"}</span>;
  });
  return { manager, renders, Flag };
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("useFlag", () => {
  it("mounting 1 000 consumers renders each exactly once", () => {
    const { manager, renders, Flag } = setup();
    const names = Array.from({ length: N }, (_, i) => `f${i}`);
    render(
      <FlagProvider manager={manager}>
        {names.map((name) => (
          <Flag key={name} name={name} />
        ))}
      </FlagProvider>,
    );
    expect(renders.total()).toBe(N);
    for (const name of names) expect(renders.of(name)).toBe(1);
  });

  it("flipping one of 1 000 flags re-renders exactly the one component that reads it", () => {
    const { manager, renders, Flag } = setup();
    const names = Array.from({ length: N }, (_, i) => `f${i}`);
    const { getByTestId } = render(
      <FlagProvider manager={manager}>
        {names.map((name) => (
          <Flag key={name} name={name} />
        ))}
      </FlagProvider>,
    );
    const before = renders.snapshot();
    act(() => manager.setFlag("f537", true));
    expect(renders.since(before)).toEqual({ f537: 1 });
    expect(getByTestId("f537").textContent).toBe("on");
    expect(getByTestId("f536").textContent).toBe("off");

    const again = renders.snapshot();
    act(() => manager.setFlag("f537", true)); // same value: nothing moves
    expect(renders.since(again)).toEqual({});
  });

  it("turning a dependency off re-renders its dependents' components and nobody else", () => {
    const config = manyFlags(N, {
      base: { default: true },
      child: { default: true, dependencies: ["base"] },
      grandchild: { default: true, dependencies: ["child"] },
      other_child: { default: true, dependencies: ["base"] },
      already_off: { default: false, dependencies: ["base"] },
      unrelated: { default: true },
    });
    const { manager, renders, Flag } = setup(config);
    const names = [...Object.keys(config.flags)];
    const { getByTestId } = render(
      <FlagProvider manager={manager}>
        {names.map((name) => (
          <Flag key={name} name={name} />
        ))}
      </FlagProvider>,
    );
    expect(renders.total()).toBe(names.length);
    const before = renders.snapshot();
    act(() => manager.setFlag("base", false));
    // already_off depended on base too, but its value did not move.
    expect(renders.since(before)).toEqual({ base: 1, child: 1, grandchild: 1, other_child: 1 });
    for (const name of ["base", "child", "grandchild", "other_child"]) expect(getByTestId(name).textContent).toBe("off");
    expect(getByTestId("unrelated").textContent).toBe("on");
  });

  it("two components reading the same flag both update; unknown names read false", () => {
    const manager = new FeatureFlagManager({ config: manyFlags(2) });
    function Pair() {
      return (
        <>
          <i>{String(useFlag("f1"))}</i>
          <b>{String(useFlag("nope"))}</b>
        </>
      );
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Pair />
        <Pair />
      </FlagProvider>,
    );
    act(() => manager.setFlag("f1", true));
    expect([...container.querySelectorAll("i")].map((el) => el.textContent)).toEqual(["true", "true"]);
    expect([...container.querySelectorAll("b")].map((el) => el.textContent)).toEqual(["false", "false"]);
  });

  it("a component that switches the flag it reads follows the new flag only", () => {
    const manager = new FeatureFlagManager({ config: manyFlags(3) });
    const renders = renderCounter();
    function Reader({ name }: { name: string }) {
      renders.hit("reader");
      return <span>{useFlag(name) ? "on" : "off"}</span>;
    }
    const { container, rerender } = render(
      <FlagProvider manager={manager}>
        <Reader name="f0" />
      </FlagProvider>,
    );
    rerender(
      <FlagProvider manager={manager}>
        <Reader name="f1" />
      </FlagProvider>,
    );
    const before = renders.snapshot();
    act(() => manager.setFlag("f0", true));
    expect(renders.since(before)).toEqual({});
    act(() => manager.setFlag("f1", true));
    expect(container.textContent).toBe("on");
    expect(renders.since(before)).toEqual({ reader: 1 });
  });
});
