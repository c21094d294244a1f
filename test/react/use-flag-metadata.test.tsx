import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, FlagProvider, useFlagMetadata, type FlagMetadata } from "@victor-flags/react";

describe("useFlagMetadata", () => {
  it("returns the definition with dependencies and free metadata, undefined for an unknown flag", () => {
    const manager = new FeatureFlagManager({
      config: {
        version: 1,
        flags: {
          planner: { default: false, description: "Hierarchical planning", dependencies: ["base"], metadata: { maxDepth: 5 } },
          base: { default: true },
        },
      },
    });
    const seen: (FlagMetadata | undefined)[] = [];
    function Meta({ name }: { name: string }) {
      const meta = useFlagMetadata(name);
      seen.push(meta);
      return <span>{meta ? `${meta.description}|${meta.dependencies.join(",")}|${String(meta.metadata.maxDepth)}` : "none"}</span>;
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Meta name="planner" />/<Meta name="missing" />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("Hierarchical planning|base|5/none");
    const renders = seen.length;
    act(() => manager.setFlag("base", false)); // values move, definitions do not
    expect(seen.length).toBe(renders);
  });

  it("follows a config reload that changes the definition", () => {
    const doc = (maxDepth: number) => ({ version: 1 as const, flags: { planner: { default: true, metadata: { maxDepth } } } });
    const manager = new FeatureFlagManager({ config: doc(5) });
    function Meta() {
      return <span>{String(useFlagMetadata("planner")?.metadata.maxDepth)}</span>;
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Meta />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("5");
    act(() => manager.loadConfig(doc(8), { origin: "network" }));
    expect(container.textContent).toBe("8");
  });
});
