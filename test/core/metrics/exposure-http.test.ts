// The default transport end to end: globalThis.fetch against an HTTP handler (msw).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { FeatureFlagManager, createMemoryStorage } from "@victor-flags/core";
import { createExposureReporter, type ExposurePayload } from "@victor-flags/core/metrics";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const URL_ = "http://127.0.0.1:4999/exposures";

describe("exposure reporter over HTTP", () => {
  it("POSTs the JSON payload with the configured headers through globalThis.fetch", async () => {
    const received: Array<{ body: ExposurePayload; contentType: string | null; key: string | null }> = [];
    server.use(
      http.post(URL_, async ({ request }) => {
        received.push({ body: JSON.parse(await request.text()) as ExposurePayload, contentType: request.headers.get("content-type"), key: request.headers.get("x-api-key") });
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const manager = new FeatureFlagManager({ config: { version: 1, flags: { banner: { default: true } } }, storage: createMemoryStorage() });
    const reporter = createExposureReporter({ manager, url: URL_, headers: { "x-api-key": "secret" }, beacon: false, lifecycle: false });
    try {
      manager.recordExposure("flag", "banner");
      await reporter.flush();
      expect(received).toHaveLength(1);
      expect(received[0]!.contentType).toBe("text/plain;charset=UTF-8");
      expect(received[0]!.key).toBe("secret");
      expect(received[0]!.body.exposures).toEqual([{ kind: "flag", name: "banner", value: true, count: 1 }]);
      expect(reporter.getStats()).toMatchObject({ sentBatches: 1, sentExposures: 1 });
    } finally {
      reporter.dispose();
    }
  });

  it("a 503 from the server keeps the batch for a retry instead of losing it", async () => {
    let calls = 0;
    server.use(http.post(URL_, () => (calls++, new HttpResponse("busy", { status: 503 }))));
    const manager = new FeatureFlagManager({ config: { version: 1, flags: { banner: { default: true } } }, storage: createMemoryStorage() });
    const reporter = createExposureReporter({ manager, url: URL_, beacon: false, lifecycle: false, retry: { baseDelayMs: 60_000 }, logger: { warn() {}, error() {} } });
    try {
      manager.recordExposure("flag", "banner");
      await reporter.flush();
      expect(calls).toBe(1);
      expect(reporter.getStats()).toMatchObject({ queuedBatches: 1, retries: 1, droppedExposures: 0 });
    } finally {
      reporter.dispose();
    }
  });
});
