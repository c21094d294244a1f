// The exposure reporter and the OTLP exporter against the dev server's metrics sink, over real
// HTTP on 127.0.0.1: the documented payloads are what the sink recognises.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FeatureFlagManager, createMemoryStorage } from "@victor-flags/core";
import { FeatureMetricsRegistry, createExposureReporter, otlpExposureFormat, pushFeatureMetricsOtlp } from "@victor-flags/core/metrics";
import { startDevServer, type DevServer, type MetricsBatch } from "@victor-flags/node";

const config = { version: 1 as const, flags: { banner: { default: true }, search_v2: { default: false } } };
let server: DevServer | undefined;

async function start(batches: MetricsBatch[]) {
  const dir = mkdtempSync(join(tmpdir(), "victor-metrics-"));
  const configPath = join(dir, "flags.json");
  writeFileSync(configPath, JSON.stringify(config));
  server = await startDevServer({ configPath, port: 0, logger: { info() {}, warn() {}, error() {} }, onMetrics: (b) => batches.push(b) });
  return server;
}

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("exposures into the dev server's metrics sink", () => {
  it("the JSON format arrives as an exposures batch", async () => {
    const batches: MetricsBatch[] = [];
    const dev = await start(batches);
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const reporter = createExposureReporter({ manager, url: dev.metricsUrl, beacon: false, lifecycle: false });
    manager.recordExposure("flag", "banner");
    manager.recordExposure("flag", "search_v2");
    await reporter.flush();
    reporter.dispose();
    expect(reporter.getStats()).toMatchObject({ sentBatches: 1, droppedExposures: 0 });
    expect(batches).toHaveLength(1);
    expect(batches[0]!.kind).toBe("exposures");
    expect(batches[0]!.lines[0]).toMatch(/2 exposures in 2 lines/);
  });

  it("the OTLP format and the registry export arrive as OTLP at /v1/metrics", async () => {
    const batches: MetricsBatch[] = [];
    const dev = await start(batches);
    const manager = new FeatureFlagManager({ config, storage: createMemoryStorage() });
    const reporter = createExposureReporter({ manager, url: `${dev.url}/v1/metrics`, format: otlpExposureFormat({ serviceName: "web" }), beacon: false, lifecycle: false });
    manager.recordExposure("flag", "banner");
    await reporter.flush();
    reporter.dispose();
    const registry = new FeatureMetricsRegistry({ manager });
    registry.getOrCreate("banner").recordExecution({ durationMs: 12, success: true });
    const response = await pushFeatureMetricsOtlp({ registry, url: `${dev.url}/v1/metrics` });
    expect(response.ok).toBe(true);
    expect(batches.map((b) => b.kind)).toEqual(["otlp", "otlp"]);
    expect(batches[0]!.lines.join("\n")).toContain("feature_flag.exposures{feature=banner,value=true} sum 1");
    expect(batches[1]!.lines.join("\n")).toContain("feature.executions{feature=banner} sum 1");
  });
});
