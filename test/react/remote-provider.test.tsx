import { act, render } from "@testing-library/react";
import { StrictMode } from "react";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStorage, type FeatureFlagManager, type FlagsStatus, type KeyValueStorage } from "@victor-flags/core";
import { FlagProvider, useFlag, useFlagManager, useFlagsStatus } from "@victor-flags/react";
import { cacheEntry, CONFIG_URL, configDoc, until } from "../fixtures/remote-config-server.js";

const server = setupServer();
const requests: string[] = [];
server.events.on("request:start", ({ request }) => void requests.push(`${request.method} ${request.url}`));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

/** Lets pending I/O and promise chains run for a number of macrotask turns. */
async function ioRounds(n: number) {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Holds each config request until the test answers it. */
function heldNetwork() {
  const pending: ((response: Response) => void)[] = [];
  server.use(http.get(CONFIG_URL, () => new Promise<Response>((answer) => pending.push(answer))));
  return pending;
}

function cacheHolding(doc: unknown, etag = '"cached"'): KeyValueStorage {
  return createMemoryStorage({ [`victor-flags:remote:${CONFIG_URL}`]: cacheEntry(CONFIG_URL, doc, etag) });
}

/** Records what every render saw, so a flash of the wrong value cannot hide between assertions. */
function probe() {
  const seen: { checkout: boolean; status: FlagsStatus }[] = [];
  const box: { manager?: FeatureFlagManager } = {};
  function Probe() {
    box.manager = useFlagManager();
    const checkout = useFlag("new_checkout");
    const status = useFlagsStatus();
    seen.push({ checkout, status });
    return <span>{checkout ? "new" : "old"}</span>;
  }
  // Inside act() React 17/18 render only when act returns, so waits look at the manager itself.
  const status = () => box.manager!.getStatus();
  return { seen, Probe, status };
}

describe("<FlagProvider url>", () => {
  it("StrictMode's mount, unmount, mount sends exactly one request", async () => {
    const pending = heldNetwork();
    const { Probe } = probe();
    const { unmount } = render(
      <StrictMode>
        <FlagProvider url={CONFIG_URL} storage={createMemoryStorage()}>
          <Probe />
        </FlagProvider>
      </StrictMode>,
    );
    await until(() => pending.length > 0, "the request");
    // Give a second request every chance to show up before counting.
    await act(async () => {
      await ioRounds(20);
    });
    expect(pending).toHaveLength(1);
    expect(requests).toEqual([`GET ${CONFIG_URL}`]);
    unmount();
  });

  it("renders the cached config on the first render (no flash), then moves from cache to network", async () => {
    const pending = heldNetwork();
    const { seen, Probe, status } = probe();
    const { container, unmount } = render(
      <FlagProvider url={CONFIG_URL} storage={cacheHolding(configDoc({ new_checkout: true }))}>
        <Probe />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("new");
    expect(seen[0]).toMatchObject({ checkout: true, status: { source: "cache", loading: true, ready: false } });

    await until(() => pending.length === 1, "the revalidation");
    await act(async () => {
      pending[0]!(HttpResponse.json(configDoc({ new_checkout: false }), { headers: { etag: '"v2"' } }));
      await until(() => status().source === "network", "the network config");
    });
    expect(container.textContent).toBe("old");
    expect(seen.at(-1)!.status).toEqual({ ready: true, loading: false, error: null, source: "network", stale: false });
    // On from the first render, then off once the network answered; never back and forth.
    const values = seen.map((s) => s.checkout);
    const firstOff = values.indexOf(false);
    expect(firstOff).toBeGreaterThan(0);
    expect(values.slice(firstOff)).not.toContain(true);
    unmount();
  });

  it("renders a bootstrap document on the first render, then the network config", async () => {
    const pending = heldNetwork();
    const { seen, Probe, status } = probe();
    const { container, unmount } = render(
      <FlagProvider url={CONFIG_URL} storage={createMemoryStorage()} remote={{ bootstrap: configDoc({ new_checkout: true }) }}>
        <Probe />
      </FlagProvider>,
    );
    expect(container.textContent).toBe("new");
    expect(seen[0]!.status.source).toBe("bootstrap");
    await until(() => pending.length === 1, "the request");
    await act(async () => {
      pending[0]!(HttpResponse.json(configDoc({ new_checkout: true, other: true })));
      await until(() => status().source === "network", "the network config");
    });
    expect(seen.map((s) => s.checkout)).not.toContain(false);
    unmount();
  });

  it("a failing network keeps the cached values on screen and reports error + stale", async () => {
    server.use(http.get(CONFIG_URL, () => new HttpResponse(null, { status: 503 })));
    const { seen, Probe, status } = probe();
    const { container, unmount } = render(
      <FlagProvider url={CONFIG_URL} storage={cacheHolding(configDoc({ new_checkout: true }))} remote={{ logger: { warn: () => undefined, error: () => undefined } }}>
        <Probe />
      </FlagProvider>,
    );
    await act(async () => {
      await until(() => status().error !== null, "the failure");
    });
    expect(container.textContent).toBe("new");
    expect(seen.at(-1)!.status).toMatchObject({ source: "cache", stale: true });
    expect(seen.at(-1)!.status.error!.message).toContain("HTTP 503");
    unmount();
  });
});
