import { createServer } from "node:net";
import { renameSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { loadCatalogue } from "../fixtures/catalogue";
import { runCli, startServe, type ServeProcess } from "./helpers/run-cli";
import { openSse, type SseStream } from "./helpers/sse-client";
import { tempFile } from "./helpers/temp-files";

const running: ServeProcess[] = [];
const streams: SseStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) s.close();
  for (const p of running.splice(0)) if (p.child.exitCode === null) await p.stop();
});

/** Saves like an editor does (temp file, then rename), so the server never sees a half-written file. */
function save(file: string, doc: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(doc));
  renameSync(`${file}.tmp`, file);
}

async function serve(file: string, extra: string[] = []): Promise<ServeProcess> {
  const p = await startServe([file, "--port", "0", ...extra]);
  running.push(p);
  return p;
}

// The server runs as a child process; on a busy machine starting it takes a while.
describe("victor-flags serve", { timeout: 60_000 }, () => {
  it("prints its URL on 127.0.0.1 and serves the config with ETag / 304", async () => {
    const file = tempFile("flags.json", loadCatalogue());
    const p = await serve(file);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/flags\.json$/);
    expect(p.stdout()).toContain(`live updates (SSE): ${p.url}/stream`);
    const res = await fetch(p.url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(loadCatalogue());
    const etag = res.headers.get("etag")!;
    expect((await fetch(p.url, { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("pushes the edited file over SSE, reports an invalid edit on the console and tells streams it was rejected, without pushing it", async () => {
    const config = loadCatalogue();
    const file = tempFile("flags.json", config);
    const p = await serve(file);
    const stream = await openSse(`${p.url}/stream`);
    streams.push(stream);
    const first = await stream.next();
    expect(first.event).toBe("config");
    expect(JSON.parse(first.data)).toEqual(config);

    save(file, { ...config, flags: { ...config.flags, lazy_loading_enabled: { default: "on" } } });
    await p.waitForStderr("not pushed: still serving the last good config");
    expect(p.stderr()).toContain("flags.lazy_loading_enabled.default: must be a boolean");

    const notice = await stream.next();
    expect(notice.event).toBe("rejected");
    expect(notice.id).toBe(first.id);
    expect(notice.data).toContain("flags.lazy_loading_enabled.default: must be a boolean");

    const next = { ...config, feature_flags: { lazy_loading_enabled: false } };
    save(file, next);
    const pushed = await stream.next();
    expect(pushed.event).toBe("config");
    expect(JSON.parse(pushed.data)).toEqual(next);
    expect(pushed.id).not.toBe(first.id);
    await p.waitForStderr(/changed: serving .* pushed to 1 stream/);
  });

  it("accepts a metrics batch and prints it", async () => {
    const p = await serve(tempFile("flags.json", loadCatalogue()));
    const metricsUrl = p.url.replace(/\/flags\.json$/, "/metrics");
    const body = { format: "victor-flags.exposures/v1", reporterId: "r9", batchId: "b9", windowStart: "", windowEnd: "", droppedTotal: 0, exposures: [{ kind: "flag", name: "lazy_loading_enabled", value: true, count: 5 }] };
    const res = await fetch(metricsUrl, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "text/plain" } });
    expect(res.status).toBe(200);
    await p.waitForStderr("flag lazy_loading_enabled=true ×5");
  });

  it("stops cleanly on Ctrl-C (SIGINT), exit 0", async () => {
    const p = await serve(tempFile("flags.json", loadCatalogue()));
    const stream = await openSse(`${p.url}/stream`);
    streams.push(stream);
    await stream.next();
    expect(await p.stop()).toBe(0);
    expect(p.stderr()).toContain("dev server stopped");
  });

  it("exits 1 with a clear message for a missing or invalid config and a port in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const file = tempFile("flags.json", loadCatalogue());
      const [missing, invalid, busy] = await Promise.all([
        runCli(["serve", `${file}.nope`, "--port", "0"]),
        runCli(["serve", tempFile("flags.json", { version: 1, flags: { a: {} } }), "--port", "0"]),
        runCli(["serve", file, "--port", String(port)]),
      ]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("config file not found");
      expect(invalid.code).toBe(1);
      expect(invalid.stderr).toContain("flags.a.default: is required");
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      for (const r of [missing, invalid, busy]) expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
