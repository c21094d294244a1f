// Seeded fuzzing of the remote source with malformed bodies and event streams (issue 20). A
// failing seed is printed in the test name; rerun it with FUZZ_SEED=<n>. Every case checks the
// promise that matters: what the manager holds, and what the cache keeps, is always a document
// that validates — the last one the server sent that was whole, valid and within maxBodyBytes.
import { createMemoryStorage, FeatureFlagManager, validateConfig, type FlagConfig, type FlagsStatus } from "@victor-flags/core";
import { createRemoteSource, type ConfigTarget, type FetchLike } from "@victor-flags/core/remote";
import { describe, expect, it } from "vitest";
import { prng, type Rng } from "../../fixtures/prng.js";
import { cachedEntry, recordingLogger, until } from "../../fixtures/remote-config-server.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const LIMIT = 4096;
const URL_ = "https://fuzz.test/flags.json";
const encoder = new TextEncoder();


function validDoc(r: Rng): FlagConfig {
  const flags: FlagConfig["flags"] = {};
  for (let i = 0, n = 1 + r.int(5); i < n; i++) flags[`f_${r.int(8)}`] = { default: r.next() < 0.5 };
  return { version: 1, flags };
}

/** A document text: valid, subtly invalid, hostile or not JSON at all. */
function bodyText(r: Rng): string {
  const doc = validDoc(r) as unknown as Record<string, unknown>;
  const text = JSON.stringify(doc);
  switch (r.int(14)) {
    case 0: return text.slice(0, r.int(text.length)); // truncated
    case 1: return JSON.stringify({ ...doc, version: r.pick([2, "1", null]) });
    case 2: return JSON.stringify({ version: 1, flags: { Bad_Name: { default: true } } });
    case 3: return JSON.stringify({ version: 1, flags: { a: { default: "yes" } } });
    case 4: return `{"version":1,"flags":{"__proto__":{"default":true}}}`;
    case 5: return JSON.stringify({ ...doc, pad: "x".repeat(LIMIT) }); // too large
    case 6: return "[".repeat(2000) + "]".repeat(2000);
    case 7: return String.fromCharCode(...Array.from({ length: 1 + r.int(64) }, () => r.int(0x10000)));
    case 8: return r.pick(["", "null", "0", '"str"', "[]", "{}", "\ufeff" + text]);
    case 9: return JSON.stringify({ version: 1, flags: { a: { default: true, dependencies: ["a"] } } });
    default: return text;
  }
}

/** `text` as a stream cut at random byte offsets (splitting UTF-8 sequences and CRLF pairs). */
function chunked(r: Rng, text: string): ReadableStream<Uint8Array> {
  const bytes = encoder.encode(text);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + r.int(Math.max(1, Math.min(64, bytes.length - i)));
    chunks.push(bytes.slice(i, i + n));
    i += n;
  }
  return new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(chunks.shift()!) : c.close()) });
}

/** What a fresh manager evaluates for a document, to compare against what the source installed. */
const valuesOf = (doc: unknown) => new FeatureFlagManager({ config: doc as FlagConfig }).getAllFlags();
const acceptable = (text: string): unknown => {
  if (encoder.encode(text).length > LIMIT) return undefined;
  try {
    // A UTF-8 byte order mark is dropped by the decoder, as fetch's text() does.
    const doc = JSON.parse(text.replace(/^\ufeff/, "")) as unknown;
    return validateConfig(doc).valid ? doc : undefined;
  } catch {
    return undefined;
  }
};

/** A `ConfigTarget` that records every document the source installs. */
function recordingTarget() {
  let status: FlagsStatus = { ready: false, loading: false, error: null, source: "none", stale: false };
  const installed: unknown[] = [];
  const target: ConfigTarget = {
    getContext: () => ({}),
    onContextChange: () => () => undefined,
    setConfig: (doc) => void installed.push(doc),
    getStatus: () => status,
    setStatus: (patch) => void (status = { ...status, ...patch }),
  };
  return { target, installed };
}

function expectCacheValid(storage: ReturnType<typeof createMemoryStorage>) {
  const raw = storage.getItem(`victor-flags:remote:${URL_}`);
  if (raw !== null) expect(validateConfig(cachedEntry(raw)!.config).valid).toBe(true);
}

describe(`remote source fuzz (seed ${SEED})`, () => {
  it("malformed HTTP answers never replace the last good config", async () => {
    const r = prng(SEED);
    let next: () => Response = () => Response.json(validDoc(r));
    const fetch: FetchLike = async () => next();
    const storage = createMemoryStorage();
    const manager = new FeatureFlagManager();
    const remote = createRemoteSource({ url: URL_, fetch, storage, logger: recordingLogger(), maxBodyBytes: LIMIT, startTimeoutMs: 600_000, retry: { baseMs: 600_000 } });
    let expected: unknown;
    try {
      remote.start(manager);
      for (let i = 0; i < 300; i++) {
        const text = bodyText(r);
        const status = r.pick([200, 200, 200, 200, 204, 304, 404, 500]);
        const declared = r.next() < 0.2 ? { "content-length": String(r.int(2 * LIMIT)) } : undefined;
        next = () => new Response(status === 204 || status === 304 ? null : chunked(r, text), { status, headers: { etag: `"e${r.int(4)}"`, ...declared } });
        await remote.refresh();
        if (status === 200 && acceptable(text) !== undefined && !(declared && Number(declared["content-length"]) > LIMIT)) expected = acceptable(text);
        if (expected !== undefined) expect(manager.getAllFlags(), `case ${i}: ${status} ${text.slice(0, 80)}`).toEqual(valuesOf(expected));
        expectCacheValid(storage);
      }
    } finally {
      remote.dispose();
    }
  }, 60_000);

  it("malformed event streams never install anything but whole, valid documents", async () => {
    const r = prng(SEED + 1);
    for (let i = 0; i < 120; i++) {
      const events: string[] = [];
      const docs: unknown[] = [];
      const eol = r.pick(["\n", "\r\n", "\r"]);
      for (let e = 0, n = 1 + r.int(5); e < n; e++) {
        const text = bodyText(r);
        const lines = [r.pick(["event: config", "event: message", "", "event: other", ": keep-alive", "retry: 1"]), r.pick(["id: \"x\"", "id: a\u0000b", ""])];
        // Half the documents span two data lines (joined with "\n", which may break them).
        const cut = r.next() < 0.5 ? -1 : r.int(text.length + 1);
        lines.push(...(cut < 0 ? [`data: ${text}`] : [`data: ${text.slice(0, cut)}`, `data:${text.slice(cut)}`]));
        events.push(lines.filter(Boolean).join(eol) + eol + (r.next() < 0.9 ? eol : ""));
        docs.push(acceptable(cut < 0 ? text : text.slice(0, cut) + "\n" + text.slice(cut)));
      }
      const initial = validDoc(r);
      let streamed = false;
      const fetch: FetchLike = async (url) => {
        if (!url.endsWith("/stream")) return Response.json(initial);
        streamed = true;
        return new Response(chunked(r, events.join("")), { headers: { "content-type": "text/event-stream" } });
      };
      const storage = createMemoryStorage();
      const { target, installed } = recordingTarget();
      const logger = recordingLogger();
      const remote = createRemoteSource({ url: URL_, fetch, streaming: true, storage, logger, maxBodyBytes: LIMIT, retry: { baseMs: 600_000 } });
      try {
        remote.start(target);
        await remote.ready();
        // Every stream here ends; the source logs the drop (its status may already be fresh again).
        await until(() => streamed && logger.messages.some((m) => m.message.includes("disconnected")), `case ${i}: the stream to end ${JSON.stringify(events)}`);
        const candidates = [initial, ...docs.filter((d) => d !== undefined)];
        for (const doc of installed) expect(candidates, `case ${i}: ${JSON.stringify(events).slice(0, 300)}`).toContainEqual(doc);
        expectCacheValid(storage);
      } finally {
        remote.dispose();
      }
    }
  }, 60_000);
});
