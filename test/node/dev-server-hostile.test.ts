// The dev server faces whatever a browser tab or a local process sends it (CORS is `*`). These
// tests speak to the real server over raw sockets: malformed requests must get an answer, not
// end the process; what a page POSTs must not write terminal control codes; and a client that
// stops reading must not hold the server's memory.
import { truncateSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FlagConfig } from "@victor-flags/core";
import { startDevServer } from "@victor-flags/node";
import { loadCatalogue } from "../fixtures/catalogue";
import { openSocket, rawExchange, statusOf } from "./helpers/raw-http";
import { startServe, type ServeProcess } from "./helpers/run-cli";
import { tempFile } from "./helpers/temp-files";

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function serve(): Promise<ServeProcess> {
  const p = await startServe([tempFile("flags.json", loadCatalogue()), "--port", "0"]);
  cleanup.push(() => (p.child.exitCode === null ? p.stop() : undefined));
  return p;
}

describe("victor-flags serve: malformed request targets", { timeout: 60_000 }, () => {
  it("answers 400 to a request target that is not a URL and keeps serving", async () => {
    const p = await serve();
    // `//[` used to be read as a URL with a broken host; it is a path (that serves nothing).
    expect(statusOf(await rawExchange(p.url, "GET //[ HTTP/1.1\r\nHost: x\r\n\r\n"))).toBe(404);
    for (const target of ["http://[/", "http://[::1/", "http://", "ftp://x/flags.json", "*"]) {
      const answer = await rawExchange(p.url, `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(statusOf(answer), `GET ${target}`).toBe(400);
      expect(answer).toContain("the request target is not a path or an http URL");
    }
    expect(p.child.exitCode).toBeNull();
    const res = await fetch(p.url);
    expect(res.status).toBe(200);
    // The absolute form proxies send still finds the config, and `//` stays part of a path.
    expect(statusOf(await rawExchange(p.url, `GET ${p.url} HTTP/1.1\r\nHost: x\r\n\r\n`))).toBe(200);
    expect(statusOf(await rawExchange(p.url, "GET //flags.json HTTP/1.1\r\nHost: x\r\n\r\n"))).toBe(404);
  });
});

describe("victor-flags serve: the metrics sink prints only inert text", { timeout: 60_000 }, () => {
  const ESC = "\u001b";
  const hostile = `${ESC}[2J${ESC}]0;owned\u0007\u009b31m\rvictor-flags dev server: fake line\n\u202etxt.exe`;
  // Anything that moves the cursor, starts a line or reorders text on a terminal.
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it("escapes control characters from exposure batches and OTLP metrics, and bounds their length", async () => {
    const p = await serve();
    const metricsUrl = p.url.replace(/\/flags\.json$/, "/metrics");
    const batch = {
      format: "victor-flags.exposures/v1",
      reporterId: hostile,
      batchId: `${hostile}${"x".repeat(100_000)}`,
      droppedTotal: 0,
      exposures: [{ kind: hostile, name: hostile, value: hostile, variant: hostile, subject: hostile, count: 1 }],
    };
    const otlp = {
      resourceMetrics: [{ scopeMetrics: [{ metrics: [{ name: hostile, sum: { dataPoints: [{ asInt: hostile, attributes: [{ key: hostile, value: { stringValue: hostile } }] }] } }] }] }],
    };
    const before = p.stderr().length;
    for (const [url, body] of [[metricsUrl, batch], [`${new URL(p.url).origin}/v1/metrics`, otlp], [metricsUrl, { note: hostile }]] as const) {
      const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
      expect(res.status).toBe(200);
    }
    await p.waitForStderr(/POST \/metrics \{"note"/);
    const printed = p.stderr().slice(before);
    expect(printed).not.toMatch(CONTROL);
    expect(printed).toContain("\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u000dvictor-flags dev server: fake line\\u000a\\u202etxt.exe");
    // No line the page wrote can pass for the server's own output.
    for (const line of printed.split("\n")) expect(line.startsWith("victor-flags dev server")).toBe(false);
    for (const line of printed.split("\n")) expect(line.length).toBeLessThanOrEqual(400);
  });
});

describe("dev server: a live-update client that stops reading", { timeout: 120_000 }, () => {
  /** A valid config of about `bytes` bytes (a long description), different for each `n`. */
  const bigConfig = (n: number, bytes: number): FlagConfig => ({
    version: 1,
    flags: { big: { default: n % 2 === 0, description: `${n} ${"x".repeat(bytes)}` } },
  });

  it("is disconnected once its unread backlog passes the limit; readers keep getting every push", async () => {
    const size = 256 * 1024;
    const file = tempFile("flags.json", bigConfig(0, size));
    const warnings: string[] = [];
    const limit = 512 * 1024;
    const server = await startDevServer({
      configPath: file,
      port: 0,
      maxStreamBacklogBytes: limit,
      logger: { info: () => {}, warn: (m) => warnings.push(m), error: () => {} },
    });
    cleanup.push(() => server.close());

    // Clients that open the stream, read its first bytes, and then never read again.
    const stuck: Socket[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = await openSocket(server.url);
      cleanup.push(() => socket.destroy());
      socket.write(`GET /flags.json/stream HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n`);
      await new Promise((resolve) => socket.once("data", resolve));
      socket.pause();
      stuck.push(socket);
    }
    // One client that reads everything.
    const reader = await openSocket(server.url);
    cleanup.push(() => reader.destroy());
    let readBytes = 0;
    reader.on("data", (d: Buffer) => (readBytes += d.length));
    reader.write(`GET /flags.json/stream HTTP/1.1\r\nHost: x\r\n\r\n`);
    await expect.poll(() => readBytes, { timeout: 30_000, interval: 5 }).toBeGreaterThan(size);

    const pushes = 80;
    for (let n = 1; n <= pushes; n++) {
      writeFileSync(file, JSON.stringify(bigConfig(n, size)));
      expect(server.reload().type).toBe("updated");
      // A reader that keeps up has this push before the next save.
      await expect.poll(() => readBytes, { timeout: 30_000, interval: 5 }).toBeGreaterThan((n + 1) * size);
    }
    expect(warnings.filter((w) => w.includes("ended a live-update stream whose client is not reading"))).toHaveLength(3);

    // Each stuck client got less than the pushes add up to, and its connection is over.
    for (const socket of stuck) {
      const received = await new Promise<number>((resolve) => {
        let bytes = 0;
        socket.on("data", (d: Buffer) => (bytes += d.length));
        socket.on("error", () => {});
        socket.on("close", () => resolve(bytes));
        socket.resume();
      });
      expect(received).toBeLessThan(pushes * size);
    }
    expect(reader.destroyed).toBe(false);
    expect(server.document.flags.big!.description!.startsWith(`${pushes} `)).toBe(true);
  });
});

describe("dev server: a config file that grows past the size limit", () => {
  it("is reported and not served; the last good config stays", async () => {
    const good: FlagConfig = { version: 1, flags: { a: { default: true } } };
    const file = tempFile("flags.json", good);
    const errors: string[] = [];
    const server = await startDevServer({ configPath: file, port: 0, logger: { info: () => {}, warn: () => {}, error: (m) => errors.push(m) } });
    cleanup.push(() => server.close());
    truncateSync(file, 10 * 1024 * 1024 + 1);
    const result = server.reload();
    expect(result.type).toBe("invalid");
    expect(errors.join("\n")).toContain(`${file}: file is larger than 10485760 bytes (10 MiB)`);
    expect(errors.join("\n")).toContain("not pushed: still serving the last good config");
    expect(await (await fetch(`${server.url}/flags.json`)).json()).toEqual(good);
  });
});
