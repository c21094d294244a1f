import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FeatureFlagManager, FlagProvider, useFlagsStatus, type FlagsStatus } from "@victor-flags/react";

describe("useFlagsStatus", () => {
  it("reports the static config as ready, and follows status changes with a stable object in between", () => {
    const manager = new FeatureFlagManager({ config: { version: 1, flags: { a: { default: true } } } });
    const seen: FlagsStatus[] = [];
    function Status() {
      const status = useFlagsStatus();
      seen.push(status);
      return (
        <span>
          {String(status.ready)}/{String(status.loading)}/{status.source}/{status.error?.message ?? "-"}
        </span>
      );
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Status />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("true/false/static/-");

    act(() => manager.reportStatus({ ready: false, loading: true }));
    expect(container.textContent).toBe("false/true/static/-");
    act(() => manager.reportStatus({ ready: true, loading: false, error: new Error("network down"), stale: true }));
    expect(container.textContent).toBe("true/false/static/network down");
    const renders = seen.length;
    act(() => manager.setFlag("a", false)); // a flag change is not a status change
    expect(seen.length).toBe(renders);
    expect(seen[seen.length - 1]).toBe(manager.getStatus());
  });

  it("a loaded config moves the source", () => {
    const manager = new FeatureFlagManager();
    function Status() {
      const { ready, source } = useFlagsStatus();
      return <span>{`${String(ready)}/${source}`}</span>;
    }
    const { container } = render(
      <FlagProvider manager={manager}>
        <Status />
      </FlagProvider>,
    );
    expect(container.textContent).toBe(`${String(manager.getStatus().ready)}/none`);
    act(() => manager.loadConfig({ version: 1, flags: { a: { default: true } } }, { origin: "network" }));
    expect(container.textContent).toBe("true/network");
  });
});
