import { act, render, waitFor } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureFlagManager, FeatureGate, FlagProvider, Variant, useFlag, useFlagManager, useFlagMetadata, useFlagsStatus, useVariant, type FlagConfig } from "@victor-flags/react";
import { REACT_MAJOR, fakeFetch, manyFlags, settle } from "./helpers.js";

const config: FlagConfig = {
  ...manyFlags(20),
  experiments: { exp: { variants: ["control", "treatment_a"], weights: [0.5, 0.5] } },
};

function Everything({ name }: { name: string }) {
  const on = useFlag(name);
  const variant = useVariant("exp");
  const status = useFlagsStatus();
  const meta = useFlagMetadata(name);
  return (
    <p>
      {name}:{on ? "on" : "off"}/{variant}/{String(status.ready)}/{String(meta?.default)}
      <FeatureGate flag={name} fallback="-">+</FeatureGate>
      <Variant experiment="exp" name="control">
        c
      </Variant>
    </p>
  );
}

const names = Array.from({ length: 20 }, (_, i) => `f${i}`);


describe("StrictMode", () => {
  it("double mounting leaks no subscription (manager given): zero listeners after unmount", () => {
    const manager = new FeatureFlagManager({ config });
    expect(manager.listenerCount()).toBe(0);
    const { container, unmount } = render(
      <StrictMode>
        <FlagProvider manager={manager}>
          {names.map((name) => (
            <Everything key={name} name={name} />
          ))}
        </FlagProvider>
      </StrictMode>,
    );
    const mounted = manager.listenerCount();
    expect(mounted).toBeGreaterThan(0);

    act(() => manager.setFlag("f3", true));
    expect(container.textContent).toContain("f3:on");
    // A flip neither adds nor drops subscriptions.
    expect(manager.listenerCount()).toBe(mounted);

    unmount();
    expect(manager.listenerCount()).toBe(0);
  });

  it("double mounting subscribes each hook once while mounted, and undoes every subscription (config given)", () => {
    const probe: { manager?: FeatureFlagManager } = {};
    function Probe() {
      probe.manager = useFlagManager();
      return null;
    }
    const tree = (
      <FlagProvider config={config}>
        <Probe />
        {names.map((name) => (
          <Everything key={name} name={name} />
        ))}
      </FlagProvider>
    );
    const plain = render(tree);
    const withoutStrict = probe.manager!.listenerCount();
    // Every hook of every consumer holds subscriptions while mounted.
    expect(withoutStrict).toBeGreaterThanOrEqual(names.length * 4);
    plain.unmount();
    expect(probe.manager!.listenerCount()).toBe(0);

    const { unmount } = render(<StrictMode>{tree}</StrictMode>);
    // StrictMode (React 18+) subscribes, unsubscribes and subscribes again: same count once settled.
    expect(probe.manager!.listenerCount()).toBe(withoutStrict);
    unmount();
    expect(probe.manager!.listenerCount()).toBe(0);
  });

  it("url: StrictMode's mount, unmount, mount starts exactly one request, and unmounting stops it", async () => {
    const server = fakeFetch(() => ({ version: 1, flags: { remote_flag: { default: true } } }));
    let manager: FeatureFlagManager | undefined;
    function Probe() {
      manager = useFlagManager();
      return <FeatureGate flag="remote_flag" fallback="off">on</FeatureGate>;
    }
    const { container, unmount } = render(
      <StrictMode>
        <FlagProvider url="https://flags.test/flags.json" storage={createMemoryStorage()} remote={{ fetch: server.fetch }}>
          <Probe />
        </FlagProvider>
      </StrictMode>,
    );
    // The remote source's network code loads on start (import()), so wait for the answer.
    await waitFor(() => expect(container.textContent).toBe("on"));
    await act(async () => {
      await settle();
    });
    expect(server.calls).toEqual(["https://flags.test/flags.json"]);
    unmount();
    await settle();
    expect(manager!.listenerCount()).toBe(0);
  });
});
