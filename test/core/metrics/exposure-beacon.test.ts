// @vitest-environment jsdom
// Page hide as a browser signals it: a real `pagehide` on window and `visibilitychange` on
// document (jsdom), with navigator.sendBeacon (which jsdom lacks) replaced by a recorder.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FeatureFlagManager, createMemoryStorage } from "@victor-flags/core";
import { createExposureReporter, otlpExposureFormat, type ExposureReporter, type ExposureReporterOptions } from "@victor-flags/core/metrics";

const config = { version: 1 as const, flags: { banner: { default: true }, search_v2: { default: false } } };
const URL_ = "https://collect.example.test/exposures";

let beacons: Array<{ url: string; data: string | Blob }>;
let reporter: ExposureReporter | undefined;

function setVisibility(state: "visible" | "hidden") {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  document.dispatchEvent(new Event("visibilitychange"));
}

beforeEach(() => {
  beacons = [];
  Object.defineProperty(navigator, "sendBeacon", {
    configurable: true,
    value: (url: string, data: string | Blob) => (beacons.push({ url, data }), true),
  });
});
afterEach(() => {
  reporter?.dispose();
  reporter = undefined;
  Reflect.deleteProperty(navigator, "sendBeacon");
  setVisibility("visible");
});

function start(options: Partial<ExposureReporterOptions> = {}) {
  const manager = new FeatureFlagManager({ config, context: { userId: "u1" }, storage: createMemoryStorage() });
  const fetchSpy = vi.fn(() => Promise.resolve({ ok: true, status: 200 }));
  reporter = createExposureReporter({ manager, url: URL_, fetch: fetchSpy, flushIntervalMs: 60_000, ...options });
  return { manager, fetchSpy, reporter };
}

describe("sendBeacon on page hide (jsdom)", () => {
  it("pagehide sends the pending exposures with navigator.sendBeacon, not fetch", () => {
    const { manager, fetchSpy } = start();
    manager.recordExposure("flag", "banner");
    manager.recordExposure("flag", "search_v2");
    window.dispatchEvent(new Event("pagehide"));
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(beacons).toHaveLength(1);
    expect(beacons[0]!.url).toBe(URL_);
    expect(typeof beacons[0]!.data).toBe("string"); // text/plain: no CORS preflight
    const payload = JSON.parse(beacons[0]!.data as string);
    expect(payload.exposures.map((e: { name: string }) => e.name).sort()).toEqual(["banner", "search_v2"]);
  });

  it("visibilitychange to hidden sends too; to visible does not", () => {
    const { manager } = start();
    manager.recordExposure("flag", "banner");
    setVisibility("visible");
    expect(beacons).toHaveLength(0);
    setVisibility("hidden");
    expect(beacons).toHaveLength(1);
    // pagehide right after finds nothing left to send.
    window.dispatchEvent(new Event("pagehide"));
    expect(beacons).toHaveLength(1);
  });

  it("a JSON content type (OTLP) goes as a Blob of that type", async () => {
    const { manager } = start({ format: otlpExposureFormat({ serviceName: "web" }) });
    manager.recordExposure("flag", "banner");
    window.dispatchEvent(new Event("pagehide"));
    const data = beacons[0]!.data as Blob;
    expect(data).toBeInstanceOf(Blob);
    expect(data.type).toBe("application/json");
    expect(JSON.parse(await data.text()).resourceMetrics[0].scopeMetrics[0].metrics[0].name).toBe("feature_flag.exposures");
  });

  it("dispose() removes the page listeners", () => {
    const { manager, reporter: r } = start();
    manager.recordExposure("flag", "banner");
    r.dispose();
    window.dispatchEvent(new Event("pagehide"));
    setVisibility("hidden");
    expect(beacons).toHaveLength(0);
  });
});
