import { render, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryStorage } from "@victor-flags/core";
import { FeatureGate, FlagProvider } from "@victor-flags/react";
import { fakeFetch } from "./helpers.js";
import { cachedEntry } from "../fixtures/remote-config-server.js";

describe("url provider options", () => {
  it("the provider's logger hears remote failures; its storage holds the config cache", async () => {
    const errors: string[] = [];
    const logger = { warn: () => {}, error: (message: string) => void errors.push(message) };
    const storage = createMemoryStorage();
    const failing = async () => {
      throw new Error("connection refused");
    };
    const { unmount } = render(
      <FlagProvider url="https://flags.test/down.json" storage={storage} logger={logger} remote={{ fetch: failing, retry: { maxAttempts: 0 } }}>
        <FeatureGate flag="x">x</FeatureGate>
      </FlagProvider>,
    );
    // The remote source's network code loads on start (import()), so wait for the failure.
    await waitFor(() => expect(errors.some((m) => m.includes("connection refused"))).toBe(true));
    unmount();

    const ok = fakeFetch(() => ({ version: 1, flags: { x: { default: true } } }));
    const second = render(
      <FlagProvider url="https://flags.test/up.json" storage={storage} remote={{ fetch: ok.fetch }}>
        <FeatureGate flag="x">x</FeatureGate>
      </FlagProvider>,
    );
    await waitFor(() => expect(cachedEntry(storage.getItem("victor-flags:remote:https://flags.test/up.json"))?.config).toEqual({ version: 1, flags: { x: { default: true } } }));
    second.unmount();
  });
});
