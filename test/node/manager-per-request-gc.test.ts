// A server builds a manager per request (getServerFlags does). V8's parser allocates a function
// literal assigned straight to a property (`s.write = (...) => ...`) in the old generation, taking
// it for a long-lived method; a store extension that did so kept every request's values alive
// until a full GC and made manager construction ~2x slower (bench/store-churn.bench.mjs). This
// checks the cause, not a timing: the hooks an extension installs on a fresh store are young
// objects. Run against the built package, in a child with --allow-natives-syntax.
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const core = pathToFileURL(fileURLToPath(new URL("../../packages/core/dist/index.js", import.meta.url))).href;
const targeting = pathToFileURL(fileURLToPath(new URL("../../packages/core/dist/targeting.js", import.meta.url))).href;

const script = `
const { FeatureFlagManager, createEnvFlagStore, createMemoryStorage } = await import(${JSON.stringify(core)});
const { installFlagdTargeting } = await import(${JSON.stringify(targeting)});
const INTERNALS = Symbol.for("victor-flags.store");
const config = { version: 1, flags: { a: { default: true }, b: { default: false, rollout: { percentage: 50 } } } };
const young = (f) => typeof f === "function" && %InYoungGeneration(f);
const out = {};
const manager = new FeatureFlagManager({ config, context: { userId: "u1" }, storage: createMemoryStorage() });
const s = manager.store[INTERNALS];
out.managerWrite = young(s.write);
out.managerAfter = young(s.after);
installFlagdTargeting();
const light = createEnvFlagStore({ VICTOR_FEATURE_A: "false" }, { config, storage: createMemoryStorage() });
out.envNotify = young(light[INTERNALS].notify);
process.stdout.write(JSON.stringify(out));
`;

describe("a manager per request", () => {
  it("installs its store hooks as young objects, so a request's values die with it", () => {
    const res = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
    expect(res.stderr).toBe("");
    expect(JSON.parse(res.stdout)).toEqual({ managerWrite: true, managerAfter: true, envNotify: true });
  });
});
