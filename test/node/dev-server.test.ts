import { renameSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryStorage, FeatureFlagManager, type FlagConfig } from "@victor-flags/core";
import { createRemoteSource } from "@victor-flags/core/remote";
import { exposuresToOtlp, jsonExposureFormat } from "@victor-flags/core/metrics";
import { ConfigFileError, startDevServer, type DevServer, type DevServerOptions, type MetricsBatch, type ReloadResult } from "@victor-flags/node";
import { openSse, type SseStream } from "./helpers/sse-client";
import { tempFile } from "./helpers/temp-files";

const v1: FlagConfig = { version: 1, flags: { new_checkout: { default: false }, dark_mode: { default: true } } };
const v2: FlagConfig = { version: 1, flags: { new_checkout: { default: true }, dark_mode: { default: true } } };

interface Harness {
  server: DevServer;
  file: string;
  logs: { info: string[]; warn: string[]; error: string[] };
  metrics: MetricsBatch[];
  /** Resolves with the next reload of the given type. */
  nextReload(type: ReloadResult["type"]): Promise<ReloadResult>;
}

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function start(doc: FlagConfig | string = v1, extra: Partial<DevServerOptions> = {}): Promise<Harness> {
  const file = tempFile("flags.json", doc);
  const logs = { info: [] as string[], warn: [] as string[], error: [] as string[] };
  const metrics: MetricsBatch[] = [];
  const waiting: Array<{ type: string; resolve: (r: ReloadResult) => void }> = [];
  const server = await startDevServer({
    configPath: file,
    port: 0,
    debounceMs: 20,
    logger: { info: (m) => logs.info.push(m), warn: (m) => logs.warn.push(m), error: (m) => logs.error.push(m) },
    onMetrics: (b) => metrics.push(b),
    onReload: (r) => {
      const i = waiting.findIndex((w) => w.type === r.type);
      if (i >= 0) waiting.splice(i, 1)[0]!.resolve(r);
    },
    ...extra,
  });
  open.push(server);
  return { server, file, logs, metrics, nextReload: (type) => new Promise((resolve) => waiting.push({ type, resolve })) };
}

async function sse(url: string): Promise<SseStream> {
  const s = await openSse(url);
  open.push(s);
  return s;
}

describe("dev server: the config document", () => {
  it("listens on 127.0.0.1 and serves the document with an ETag, answering 304 to If-None-Match", async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.configUrl).toBe(`${server.url}/flags.json`);
    const res = await fetch(server.configUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(await res.json()).toEqual(v1);

    const again = await fetch(server.configUrl, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect((await fetch(server.configUrl, { headers: { "If-None-Match": `W/${etag}, "other"` } })).status).toBe(304);
    expect((await fetch(server.configUrl, { headers: { "If-None-Match": '"stale"' } })).status).toBe(200);
    const head = await fetch(server.configUrl, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toBe(etag);
  });

  it("allows a dev app on another origin: CORS preflight for If-None-Match, ETag exposed", async () => {
    const { server } = await start();
    const pre = await fetch(server.configUrl, { method: "OPTIONS", headers: { Origin: "http://localhost:5173", "Access-Control-Request-Headers": "if-none-match" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-headers")).toMatch(/If-None-Match/i);
    const res = await fetch(server.configUrl, { headers: { Origin: "http://localhost:5173" } });
    expect(res.headers.get("access-control-expose-headers")).toMatch(/ETag/i);
  });

  it("serves a custom path and answers unknown paths and methods clearly", async () => {
    const { server } = await start(v1, { path: "/api/flags" });
    expect((await fetch(`${server.url}/api/flags?env=dev`)).status).toBe(200);
    const missing = await fetch(`${server.url}/flags.json`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "nothing at /flags.json; the config is at /api/flags" });
    const put = await fetch(`${server.url}/api/flags`, { method: "PUT", body: "{}" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("GET");
  });

  it("refuses to start on an invalid config, naming the problem", async () => {
    const file = tempFile("flags.json", { version: 1, flags: { a: { default: "yes" } } });
    await expect(startDevServer({ configPath: file, port: 0 })).rejects.toThrow(ConfigFileError);
    await expect(startDevServer({ configPath: file, port: 0 })).rejects.toThrow(/flags\.a\.default: must be a boolean/);
  });
});

describe("dev server: live updates over SSE", () => {
  it("sends the current document on connect, then the full new document when the file changes", async () => {
    const h = await start();
    const stream = await sse(h.server.streamUrl);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const first = await stream.next();
    expect(first).toEqual({ event: "config", id: h.server.etag, data: JSON.stringify(v1) });

    const reloaded = h.nextReload("updated");
    writeFileSync(h.file, JSON.stringify(v2, null, 2));
    await reloaded;
    const pushed = await stream.next();
    expect(pushed.event).toBe("config");
    expect(JSON.parse(pushed.data)).toEqual(v2);
    expect(pushed.id).toBe(h.server.etag);
    expect(pushed.id).not.toBe(first.id);
    // The HTTP document moved too: the old ETag no longer matches.
    const res = await fetch(h.server.configUrl, { headers: { "If-None-Match": first.id! } });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(pushed.id);
  });

  it("picks up an editor's atomic save (write a temp file, rename it over the config)", async () => {
    const h = await start();
    const stream = await sse(h.server.streamUrl);
    await stream.next();
    const reloaded = h.nextReload("updated");
    writeFileSync(`${h.file}.tmp`, JSON.stringify(v2));
    renameSync(`${h.file}.tmp`, h.file);
    await reloaded;
    expect(JSON.parse((await stream.next()).data)).toEqual(v2);
  });

  it("does not push an invalid edit: it is reported, streams hear it was rejected, and the last good document stays", async () => {
    const h = await start();
    const stream = await sse(h.server.streamUrl);
    const first = await stream.next();

    const invalid = h.nextReload("invalid");
    writeFileSync(h.file, JSON.stringify({ version: 1, flags: { new_checkout: { default: "yes" } } }));
    const result = await invalid;
    expect(result.type).toBe("invalid");
    expect(h.logs.error.join("\n")).toContain("flags.new_checkout.default: must be a boolean");
    expect(h.logs.error.join("\n")).toContain(`not pushed: still serving the last good config ${first.id}`);
    expect(await (await fetch(h.server.configUrl)).json()).toEqual(v1);

    const broken = h.nextReload("invalid");
    writeFileSync(h.file, '{ "version": 1, "flags": {');
    await broken;
    expect(h.logs.error.at(-1)).toContain("invalid JSON");

    // The stream heard twice that a newer document was rejected, and never saw one.
    for (const expected of ["must be a boolean", "invalid JSON"]) {
      const notice = await stream.next();
      expect(notice.event).toBe("rejected");
      expect(notice.id).toBe(first.id);
      expect(notice.data).toContain(expected);
    }
    // The next document on the stream is the next valid one.
    const fixed = h.nextReload("updated");
    writeFileSync(h.file, JSON.stringify(v2));
    await fixed;
    expect(JSON.parse((await stream.next()).data)).toEqual(v2);
  });

  it("feeds core's remote source: a manager streaming from the server follows edits of the file", async () => {
    const h = await start();
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), logger: { warn() {}, error() {} } });
    const source = createRemoteSource({ url: h.server.configUrl, streaming: true, storage: createMemoryStorage(), logger: { warn() {}, error() {} } });
    open.push({ close: () => source.dispose() });
    source.start(manager);
    await source.ready();
    expect(manager.isEnabled("new_checkout")).toBe(false);
    expect(manager.getStatus()).toMatchObject({ ready: true, source: "network", error: null });

    const changed = new Promise<void>((resolve) => manager.onFlagChanged("new_checkout", () => resolve()));
    writeFileSync(h.file, JSON.stringify(v2));
    await changed;
    expect(manager.isEnabled("new_checkout")).toBe(true);
  });

  it("a rejected edit shows in the status of a streaming source (rejectedUpdate), with the last good config kept", async () => {
    const h = await start();
    const manager = new FeatureFlagManager({ storage: createMemoryStorage(), logger: { warn() {}, error() {} } });
    const source = createRemoteSource({ url: h.server.configUrl, streaming: true, storage: createMemoryStorage(), logger: { warn() {}, error() {} } });
    open.push({ close: () => source.dispose() });
    source.start(manager);
    await source.ready();
    // The stream may still be connecting: edit (differently each time) until the notice arrives.
    for (let attempt = 0; attempt < 20 && !manager.getStatus().rejectedUpdate; attempt++) {
      writeFileSync(h.file, JSON.stringify({ version: 1, flags: { new_checkout: { default: "yes" } }, attempt }));
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(manager.getStatus().rejectedUpdate?.message).toContain("flags.new_checkout.default: must be a boolean");
    expect(manager.isEnabled("new_checkout")).toBe(false);

    const changed = new Promise<void>((resolve) => manager.onFlagChanged("new_checkout", () => resolve()));
    writeFileSync(h.file, JSON.stringify(v2));
    await changed;
    expect(manager.getStatus()).toMatchObject({ error: null, rejectedUpdate: undefined });
  });

  it("ends open streams and stops listening on close()", async () => {
    const h = await start();
    const stream = await sse(h.server.streamUrl);
    await stream.next();
    await h.server.close();
    await expect(stream.next()).rejects.toThrow();
    await expect(fetch(h.server.configUrl)).rejects.toThrow();
  });
});

describe("dev server: metrics sink", () => {
  it("accepts and prints an exposure batch from the exposure reporter (sent as text/plain JSON)", async () => {
    const h = await start();
    const body = jsonExposureFormat.encode(
      { id: "b1", windowStart: 0, windowEnd: 1000, total: 4, exposures: [{ kind: "flag", name: "new_checkout", value: true, count: 3 }, { kind: "variant", name: "exp", variant: "treatment", count: 1 }] },
      { reporterId: "r1", droppedTotal: 0 },
    );
    const res = await fetch(h.server.metricsUrl, { method: "POST", headers: { "Content-Type": jsonExposureFormat.contentType }, body });
    expect(res.status).toBe(200);
    expect(h.metrics).toHaveLength(1);
    expect(h.metrics[0]).toMatchObject({ path: "/metrics", kind: "exposures" });
    const printed = h.logs.info.join("\n");
    expect(printed).toContain("exposures batch b1 from r1: 4 exposures in 2 lines");
    expect(printed).toContain("flag new_checkout=true ×3");
    expect(printed).toContain("variant exp=treatment ×1");
  });

  it("accepts OTLP/HTTP JSON at /v1/metrics and prints each data point", async () => {
    const h = await start();
    const otlp = exposuresToOtlp({ id: "b2", windowStart: 0, windowEnd: 1000, total: 2, exposures: [{ kind: "flag", name: "dark_mode", value: false, count: 2 }] });
    const res = await fetch(`${h.server.url}/v1/metrics`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(otlp) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(h.metrics[0]!.kind).toBe("otlp");
    expect(h.logs.info.join("\n")).toMatch(/OTLP metrics: 1 data point[\s\S]*dark_mode/);
  });

  it("rejects bodies it cannot read, with a status that says why", async () => {
    const h = await start(v1, { maxBodyBytes: 100 });
    expect((await fetch(h.server.metricsUrl, { method: "POST", body: "not json" })).status).toBe(400);
    expect((await fetch(h.server.metricsUrl, { method: "POST", headers: { "Content-Type": "application/x-protobuf" }, body: "x" })).status).toBe(415);
    expect((await fetch(h.server.metricsUrl, { method: "POST", body: JSON.stringify({ pad: "x".repeat(200) }) })).status).toBe(413);
    expect((await fetch(h.server.metricsUrl)).status).toBe(405);
    expect(h.metrics).toEqual([]);
  });
});
