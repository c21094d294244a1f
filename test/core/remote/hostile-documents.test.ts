import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStorage, FeatureFlagManager, RemoteError } from "@victor-flags/core";
import { createRemoteSource } from "@victor-flags/core/remote";
import { recordingLogger } from "../../fixtures/remote-config-server.js";

// Hostile documents over a real loopback HTTP server (issue 20, items 2 and 3): each is refused
// as an invalid config naming its path, never a network error, and the last good config stays.
const GOOD = { version: 1, flags: { a: { default: true, metadata: { owner: "team" } } } };
const DEEP = `{"version":1,"flags":{"a":{"default":false,"metadata":${'{"x":'.repeat(5000)}1${"}".repeat(5000)}}}}`;
const PROTO = '{"version":1,"flags":{"a":{"default":false,"metadata":{"__proto__":{"isAdmin":true}}}}}';

let body = JSON.stringify(GOOD);
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flags.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("remote source and hostile documents", () => {
  it.each([
    ["metadata nested 5 000 deep", DEEP, /flags\.a\.metadata\.x\.x.*more than 64 levels deep/],
    ["__proto__ inside metadata", PROTO, /flags\.a\.metadata\.__proto__: reserved name "__proto__" is not allowed/],
  ])("%s: an invalid-config failure naming the path; the last good config stays", async (_, hostile, message) => {
    body = JSON.stringify(GOOD);
    const remote = createRemoteSource({ url, storage: createMemoryStorage(), logger: recordingLogger(), retry: { baseMs: 60_000, maxMs: 60_000 } });
    const manager = new FeatureFlagManager();
    try {
      remote.start(manager);
      await remote.ready();
      expect(manager.getAllFlags()).toEqual({ a: true });
      body = hostile;
      await remote.refresh();
      const error = manager.getStatus().error;
      expect(error).toBeInstanceOf(RemoteError);
      expect(error).toMatchObject({ kind: "invalid-config" });
      expect((error as RemoteError).message).toMatch(message);
      expect(manager.getAllFlags()).toEqual({ a: true });
      expect(Object.getPrototypeOf(Object.assign({}, manager.getFlagMetadata("a")!.metadata))).toBe(Object.prototype);
    } finally {
      remote.dispose();
    }
  });
});
