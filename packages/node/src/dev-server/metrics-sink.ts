// Turns a metrics or exposure batch POSTed to the dev server into a few readable lines. The
// shapes are recognised loosely on purpose: the sink is for looking at what an app sends.
// Every string in a body is the sender's: each one goes through `printable` (control characters
// escaped, length bounded), and so does each finished line.
import { printable } from "./printable.js";

/** A batch the dev server received. */
export interface MetricsBatch {
  /** The request path it was POSTed to. */
  path: string;
  /**
   * `exposures`: a `victor-flags.exposures/v1` batch from the exposure reporter; `otlp`: an
   * OTLP/HTTP JSON `ExportMetricsServiceRequest`; `events`: some list of events; `json`: anything else.
   */
  kind: "exposures" | "otlp" | "events" | "json";
  /** The parsed JSON body. */
  body: unknown;
  /** A human-readable summary, one entry per line. */
  lines: string[];
}

const MAX_LINES = 50;
/** Longest printed line; fields are bounded well below it so a line keeps its shape. */
const MAX_LINE = 400;
const MAX_ID = 80;
const MAX_NAME = 120;
const MAX_VALUE = 80;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const compact = (v: unknown, max = 200): string => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    // JSON.stringify recurses: a body nested thousands deep (JSON.parse takes it) overflows the stack.
    s = "(nested too deeply to print)";
  }
  return printable(s, max);
};
/** A field of the body as printable text: strings as they are (escaped), anything else as JSON. */
const field = (v: unknown, max: number): string => (typeof v === "string" ? printable(v, max) : compact(v, max));

/** Classifies a parsed body and summarises it. */
export function summarizeBatch(path: string, body: unknown): MetricsBatch {
  if (isObj(body) && body.format === "victor-flags.exposures/v1" && Array.isArray(body.exposures)) {
    const total = body.exposures.reduce((n: number, e) => n + (isObj(e) && typeof e.count === "number" ? e.count : 0), 0);
    const dropped = typeof body.droppedTotal === "number" && body.droppedTotal > 0 ? `, ${body.droppedTotal} dropped so far` : "";
    const head = `exposures batch ${field(body.batchId, MAX_ID)} from ${field(body.reporterId, MAX_ID)}: ${total} exposure${total === 1 ? "" : "s"} in ${body.exposures.length} line${body.exposures.length === 1 ? "" : "s"}${dropped}`;
    return { path, kind: "exposures", body, lines: cap([head, ...body.exposures.map(eventLine)]) };
  }
  if (isObj(body) && Array.isArray(body.resourceMetrics)) return { path, kind: "otlp", body, lines: cap(otlpLines(body)) };
  const events = Array.isArray(body) ? body : isObj(body) ? Object.values(body).find(Array.isArray) : undefined;
  if (events) {
    const lines = [`${events.length} event${events.length === 1 ? "" : "s"}`, ...events.map(eventLine)];
    return { path, kind: "events", body, lines: cap(lines) };
  }
  return { path, kind: "json", body, lines: [compact(body, MAX_LINE)] };
}

function cap(lines: string[]): string[] {
  const kept = lines.slice(0, MAX_LINES).map((line) => printable(line, MAX_LINE));
  return lines.length > MAX_LINES ? [...kept, `… ${lines.length - MAX_LINES} more`] : kept;
}

function eventLine(event: unknown): string {
  if (!isObj(event) || typeof event.name !== "string") return `  ${compact(event)}`;
  const kind = typeof event.kind === "string" ? `${printable(event.kind, 20)} ` : "";
  const value = "value" in event ? `=${field(event.value, MAX_VALUE)}` : "variant" in event ? `=${field(event.variant, MAX_VALUE)}` : "";
  const count = typeof event.count === "number" ? ` ×${event.count}` : "";
  const subject = typeof event.subject === "string" ? ` (subject ${printable(event.subject, MAX_ID)})` : "";
  return `  ${kind}${printable(event.name, MAX_NAME)}${value}${count}${subject}`;
}

function attrs(point: Obj): string {
  const list = arr(point.attributes).filter(isObj);
  if (list.length === 0) return "";
  const parts = list.map((a) => {
    const v = isObj(a.value) ? Object.values(a.value)[0] : a.value;
    return `${field(a.key, 60)}=${field(v, 60)}`;
  });
  return `{${parts.join(",")}}`;
}

function otlpLines(body: Obj): string[] {
  const lines: string[] = [];
  for (const rm of arr(body.resourceMetrics).filter(isObj)) {
    for (const sm of arr(rm.scopeMetrics).filter(isObj)) {
      for (const metric of arr(sm.metrics).filter(isObj)) {
        const name = metric.name === undefined ? "(unnamed)" : field(metric.name, MAX_NAME);
        const type = ["sum", "gauge", "histogram", "exponentialHistogram", "summary"].find((t) => isObj(metric[t]));
        if (!type) {
          lines.push(`  ${name}: (no data)`);
          continue;
        }
        for (const point of arr((metric[type] as Obj).dataPoints).filter(isObj)) {
          const value =
            "asInt" in point ? field(point.asInt, 40) : "asDouble" in point ? field(point.asDouble, 40) : "count" in point ? `count=${field(point.count, 40)} sum=${field(point.sum ?? "?", 40)}` : compact(point, 80);
          lines.push(`  ${name}${attrs(point)} ${type} ${value}`);
        }
      }
    }
  }
  return [`OTLP metrics: ${lines.length} data point${lines.length === 1 ? "" : "s"}`, ...lines];
}
