// The OTLP payloads are checked against the OTLP/HTTP JSON encoding of
// opentelemetry/proto/collector/metrics/v1 ExportMetricsServiceRequest: the field names and
// types below are transcribed from metrics.proto, common.proto and resource.proto, plus the
// encoding rules of the OTLP spec (lowerCamelCase keys, enums as integers, 64-bit integers as
// decimal strings). Unknown keys are errors, so a typo such as `data_points` is caught.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import {
  FeatureFlagManager,
  createMemoryStorage,
} from "@victor-flags/core";
import {
  FeatureMetricsRegistry,
  OTLP_CUMULATIVE,
  OTLP_DELTA,
  exposuresToOtlp,
  featureMetricsToOtlp,
  otlpExposureFormat,
  pushFeatureMetricsOtlp,
  type ExposureBatch,
} from "@victor-flags/core/metrics";

type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Returns every violation of the OTLP JSON encoding found in `doc` (empty when valid). */
function otlpViolations(doc: Json): string[] {
  const errors: string[] = [];
  const fail = (path: string, msg: string) => errors.push(`${path}: ${msg}`);
  const keys = (path: string, v: Json, allowed: string[], required: string[] = []): v is Record<string, Json> => {
    if (!isObj(v)) return fail(path, "must be an object"), false;
    for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(path, `unknown field "${k}"`);
    for (const k of required) if (!(k in v)) fail(path, `missing "${k}"`);
    return true;
  };
  const arr = (path: string, v: Json, each: (p: string, x: Json) => void) => {
    if (!Array.isArray(v)) return fail(path, "must be an array");
    v.forEach((x, i) => each(`${path}[${i}]`, x));
  };
  const u64 = (path: string, v: Json) => {
    if (typeof v !== "string" || !/^\d+$/.test(v)) fail(path, `64-bit integer must be a decimal string, got ${JSON.stringify(v)}`);
  };
  const i64 = (path: string, v: Json) => {
    if (typeof v !== "string" || !/^-?\d+$/.test(v)) fail(path, `64-bit integer must be a decimal string, got ${JSON.stringify(v)}`);
  };
  const str = (path: string, v: Json) => typeof v !== "string" && fail(path, "must be a string");
  const num = (path: string, v: Json) => (typeof v !== "number" || !Number.isFinite(v)) && fail(path, "must be a finite number");
  const anyValue = (path: string, v: Json) => {
    if (!keys(path, v, ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"])) return;
    const present = Object.keys(v);
    if (present.length !== 1) return fail(path, "AnyValue must set exactly one field");
    const k = present[0]!;
    if (k === "stringValue") str(`${path}.stringValue`, v[k]);
    if (k === "boolValue" && typeof v[k] !== "boolean") fail(`${path}.boolValue`, "must be a boolean");
    if (k === "intValue") i64(`${path}.intValue`, v[k]);
    if (k === "doubleValue") num(`${path}.doubleValue`, v[k]);
  };
  const keyValue = (path: string, v: Json) => {
    if (!keys(path, v, ["key", "value"], ["key", "value"])) return;
    str(`${path}.key`, v.key);
    anyValue(`${path}.value`, v.value);
  };
  const attributes = (path: string, v: Json) => arr(path, v, keyValue);
  const numberPoint = (path: string, v: Json) => {
    if (!keys(path, v, ["attributes", "startTimeUnixNano", "timeUnixNano", "asDouble", "asInt", "exemplars", "flags"], ["timeUnixNano"])) return;
    if ("attributes" in v) attributes(`${path}.attributes`, v.attributes);
    if ("startTimeUnixNano" in v) u64(`${path}.startTimeUnixNano`, v.startTimeUnixNano);
    u64(`${path}.timeUnixNano`, v.timeUnixNano);
    if (("asDouble" in v) === ("asInt" in v)) fail(path, "exactly one of asDouble/asInt");
    if ("asInt" in v) i64(`${path}.asInt`, v.asInt);
    if ("asDouble" in v) num(`${path}.asDouble`, v.asDouble);
  };
  const summaryPoint = (path: string, v: Json) => {
    if (!keys(path, v, ["attributes", "startTimeUnixNano", "timeUnixNano", "count", "sum", "quantileValues", "flags"], ["timeUnixNano", "count", "sum"])) return;
    if ("attributes" in v) attributes(`${path}.attributes`, v.attributes);
    if ("startTimeUnixNano" in v) u64(`${path}.startTimeUnixNano`, v.startTimeUnixNano);
    u64(`${path}.timeUnixNano`, v.timeUnixNano);
    u64(`${path}.count`, v.count);
    num(`${path}.sum`, v.sum);
    let last = -1;
    if ("quantileValues" in v)
      arr(`${path}.quantileValues`, v.quantileValues, (p, q) => {
        if (!keys(p, q, ["quantile", "value"], ["quantile", "value"])) return;
        const quantile = q.quantile as number;
        if (!(quantile >= 0 && quantile <= 1)) fail(p, "quantile must be in [0, 1]");
        if (!(quantile > last)) fail(p, "quantiles must be strictly increasing");
        if (!((q.value as number) >= 0)) fail(p, "quantile values must not be negative");
        last = quantile;
      });
  };
  const metric = (path: string, v: Json) => {
    const data = ["gauge", "sum", "histogram", "exponentialHistogram", "summary"];
    if (!keys(path, v, ["name", "description", "unit", "metadata", ...data], ["name"])) return;
    str(`${path}.name`, v.name);
    const present = data.filter((d) => d in v);
    if (present.length !== 1) return fail(path, "exactly one of gauge/sum/histogram/exponentialHistogram/summary");
    if ("sum" in v && keys(`${path}.sum`, v.sum, ["dataPoints", "aggregationTemporality", "isMonotonic"], ["dataPoints", "aggregationTemporality"])) {
      if (v.sum.aggregationTemporality !== 1 && v.sum.aggregationTemporality !== 2) fail(`${path}.sum.aggregationTemporality`, "must be the integer 1 (DELTA) or 2 (CUMULATIVE)");
      arr(`${path}.sum.dataPoints`, v.sum.dataPoints, numberPoint);
    }
    if ("gauge" in v && keys(`${path}.gauge`, v.gauge, ["dataPoints"], ["dataPoints"])) arr(`${path}.gauge.dataPoints`, v.gauge.dataPoints, numberPoint);
    if ("summary" in v && keys(`${path}.summary`, v.summary, ["dataPoints"], ["dataPoints"])) arr(`${path}.summary.dataPoints`, v.summary.dataPoints, summaryPoint);
  };
  if (!keys("$", doc, ["resourceMetrics"], ["resourceMetrics"])) return errors;
  arr("$.resourceMetrics", doc.resourceMetrics, (p, rm) => {
    if (!keys(p, rm, ["resource", "scopeMetrics", "schemaUrl"], ["scopeMetrics"])) return;
    if ("resource" in rm && keys(`${p}.resource`, rm.resource, ["attributes", "droppedAttributesCount", "entityRefs"])) attributes(`${p}.resource.attributes`, (rm.resource as Record<string, Json>).attributes ?? []);
    arr(`${p}.scopeMetrics`, rm.scopeMetrics, (sp, sm) => {
      if (!keys(sp, sm, ["scope", "metrics", "schemaUrl"], ["metrics"])) return;
      if ("scope" in sm && keys(`${sp}.scope`, sm.scope, ["name", "version", "attributes", "droppedAttributesCount"])) str(`${sp}.scope.name`, sm.scope.name);
      arr(`${sp}.metrics`, sm.metrics, metric);
    });
  });
  return errors;
}

const batch: ExposureBatch = {
  id: "b1",
  windowStart: Date.UTC(2030, 0, 1, 0, 0, 0),
  windowEnd: Date.UTC(2030, 0, 1, 0, 0, 10),
  total: 7,
  exposures: [
    { kind: "flag", name: "checkout_v2", value: true, count: 4 },
    { kind: "flag", name: "checkout_v2", value: false, count: 1 },
    { kind: "variant", name: "pricing", variant: "treatment", count: 2 },
  ],
};

describe("the OTLP validator itself", () => {
  it("rejects the usual mistakes (enum names, snake_case, numeric nanos, two values)", () => {
    const bad = {
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                { name: "a", sum: { aggregationTemporality: "AGGREGATION_TEMPORALITY_DELTA", isMonotonic: true, dataPoints: [{ timeUnixNano: 1, asInt: "1", asDouble: 1 }] } },
                { name: "b", gauge: { data_points: [] } },
              ],
            },
          ],
        },
      ],
    };
    const v = otlpViolations(bad).join("\n");
    expect(v).toMatch(/aggregationTemporality: must be the integer/);
    expect(v).toMatch(/timeUnixNano: 64-bit integer must be a decimal string/);
    expect(v).toMatch(/exactly one of asDouble\/asInt/);
    expect(v).toMatch(/unknown field "data_points"/);
  });
});

describe("exposuresToOtlp", () => {
  it("is a valid ExportMetricsServiceRequest", () => {
    expect(otlpViolations(JSON.parse(JSON.stringify(exposuresToOtlp(batch, { serviceName: "shop" }))))).toEqual([]);
  });

  it("carries a delta, monotonic feature_flag.exposures sum with feature/value/variant attributes over the batch window", () => {
    const doc = exposuresToOtlp(batch, { serviceName: "shop", resourceAttributes: { "deployment.environment": "prod", replicas: 3 }, scopeVersion: "0.1.0" });
    const rm = doc.resourceMetrics[0]!;
    expect(rm.resource.attributes).toEqual([
      { key: "service.name", value: { stringValue: "shop" } },
      { key: "deployment.environment", value: { stringValue: "prod" } },
      { key: "replicas", value: { intValue: "3" } },
    ]);
    expect(rm.scopeMetrics[0]!.scope).toEqual({ name: "@victor-flags/core", version: "0.1.0" });
    const metric = rm.scopeMetrics[0]!.metrics[0]!;
    expect(metric.name).toBe("feature_flag.exposures");
    if (!("sum" in metric)) throw new Error("expected a sum");
    expect(metric.sum.aggregationTemporality).toBe(OTLP_DELTA);
    expect(metric.sum.isMonotonic).toBe(true);
    const start = `${batch.windowStart}000000`;
    const end = `${batch.windowEnd}000000`;
    expect(metric.sum.dataPoints).toEqual([
      { attributes: [{ key: "feature", value: { stringValue: "checkout_v2" } }, { key: "value", value: { boolValue: true } }], startTimeUnixNano: start, timeUnixNano: end, asInt: "4" },
      { attributes: [{ key: "feature", value: { stringValue: "checkout_v2" } }, { key: "value", value: { boolValue: false } }], startTimeUnixNano: start, timeUnixNano: end, asInt: "1" },
      { attributes: [{ key: "feature", value: { stringValue: "pricing" } }, { key: "variant", value: { stringValue: "treatment" } }], startTimeUnixNano: start, timeUnixNano: end, asInt: "2" },
    ]);
  });

  it("writes nanosecond timestamps exactly, beyond the 2^53 range of a double", () => {
    const doc = exposuresToOtlp({ ...batch, windowEnd: 1_700_000_000_123 });
    const metric = doc.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    if (!("sum" in metric)) throw new Error("expected a sum");
    expect(metric.sum.dataPoints[0]!.timeUnixNano).toBe("1700000000123000000");
    expect(BigInt(metric.sum.dataPoints[0]!.timeUnixNano)).toBe(1_700_000_000_123n * 1_000_000n);
  });

  it("otlpExposureFormat encodes JSON for the reporter and retries only what OTLP allows", () => {
    const format = otlpExposureFormat({ serviceName: "shop" });
    expect(format.contentType).toBe("application/json");
    expect(otlpViolations(JSON.parse(format.encode(batch, { reporterId: "r", droppedTotal: 0 })))).toEqual([]);
    expect([429, 502, 503, 504].map((s) => format.isRetryable!(s))).toEqual([true, true, true, true]);
    expect([400, 500, 501].map((s) => format.isRetryable!(s))).toEqual([false, false, false]);
  });
});

describe("featureMetricsToOtlp", () => {
  function registry() {
    const manager = new FeatureFlagManager({ config: { version: 1, flags: { checkout_v2: { default: true } } }, storage: createMemoryStorage() });
    const reg = new FeatureMetricsRegistry({ manager });
    const m = reg.getOrCreate("checkout_v2");
    for (let i = 1; i <= 100; i++) m.recordExecution({ durationMs: i, success: i % 10 !== 0 });
    m.recordUserActivity(12);
    reg.getOrCreate("idle_feature");
    return reg;
  }

  it("is a valid ExportMetricsServiceRequest, also for a feature with no executions", () => {
    expect(otlpViolations(JSON.parse(JSON.stringify(featureMetricsToOtlp(registry()))))).toEqual([]);
  });

  it("exports cumulative executions/errors, a duration summary with p50/p95/p99, and users/enabled gauges", () => {
    const reg = registry();
    const doc = featureMetricsToOtlp(reg, { now: reg.startedAt + 60_000 });
    const metrics = doc.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const byName = Object.fromEntries(metrics.map((m) => [m.name, m]));
    const point = (name: string) => {
      const m = byName[name]!;
      const points = "sum" in m ? m.sum.dataPoints : "gauge" in m ? m.gauge.dataPoints : [];
      return points.find((p) => p.attributes[0]!.value && "stringValue" in p.attributes[0]!.value && p.attributes[0]!.value.stringValue === "checkout_v2")!;
    };
    const executions = byName["feature.executions"]!;
    if (!("sum" in executions)) throw new Error("expected a sum");
    expect(executions.sum.aggregationTemporality).toBe(OTLP_CUMULATIVE);
    expect(point("feature.executions").asInt).toBe("100");
    expect(point("feature.executions").startTimeUnixNano).toBe(`${reg.startedAt}000000`);
    expect(point("feature.errors").asInt).toBe("10");
    expect(point("feature.active_users").asInt).toBe("12");
    expect(point("feature.enabled").asInt).toBe("1");
    const duration = byName["feature.duration"]!;
    if (!("summary" in duration)) throw new Error("expected a summary");
    const summary = duration.summary.dataPoints[0]!;
    expect(summary.count).toBe("100");
    expect(summary.sum).toBe(5050);
    expect(summary.quantileValues).toEqual([
      { quantile: 0.5, value: 50 },
      { quantile: 0.95, value: 95 },
      { quantile: 0.99, value: 99 },
    ]);
    expect(duration.summary.dataPoints[1]!.quantileValues).toEqual([]);
  });

  describe("pushFeatureMetricsOtlp", () => {
    const server = setupServer();
    beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
    afterEach(() => server.resetHandlers());
    afterAll(() => server.close());

    it("POSTs application/json to the collector's /v1/metrics", async () => {
      const seen: Array<{ type: string | null; body: Json }> = [];
      server.use(
        http.post("http://127.0.0.1:4318/v1/metrics", async ({ request }) => {
          seen.push({ type: request.headers.get("content-type"), body: await request.json() });
          return HttpResponse.json({ partialSuccess: {} });
        }),
      );
      const response = await pushFeatureMetricsOtlp({ registry: registry(), url: "http://127.0.0.1:4318/v1/metrics", serviceName: "shop" });
      expect(response.ok).toBe(true);
      expect(seen[0]!.type).toBe("application/json");
      expect(otlpViolations(seen[0]!.body)).toEqual([]);
    });
  });
});
