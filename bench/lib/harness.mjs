// Process plumbing for the benches: child processes, dist freshness, machine and versions.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { join } from "node:path";
import { ROOT } from "./bundle.mjs";
import { versionOf } from "./sdks.mjs";

/**
 * Runs `node <args>` with NODE_ENV=production (every SDK and React in their production builds)
 * and returns the JSON object printed on its last stdout line, or { error } when it failed.
 */
export function runChild(args, { quick = false, timeoutMs = 180_000 } = {}) {
  const res = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", BENCH_QUICK: quick ? "1" : "0" },
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (res.stdout ?? "").trim().split("\n");
  const last = lines[lines.length - 1];
  if (res.status === 0 && last?.startsWith("{")) return JSON.parse(last);
  const why = res.error?.message ?? (res.stderr || res.stdout || `exit ${res.status}`).trim().split("\n").slice(-3).join(" ");
  return { error: why.slice(0, 300) };
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Packages whose dist is missing or older than their src (or package.json). */
export function stalePackages(names) {
  return names.filter((name) => {
    const dir = join(ROOT, "packages", name);
    const dist = join(dir, "dist", "index.js");
    if (!existsSync(join(dir, "src"))) return false;
    if (!existsSync(dist)) return true;
    const built = statSync(dist).mtimeMs;
    return newestMtime(join(dir, "src")) > built || statSync(join(dir, "package.json")).mtimeMs > built;
  });
}

/** Builds the given packages with the repository's rollup config (the same as `npm run build`). */
export function build(names) {
  const res = spawnSync("npx", ["rollup", "-c", "rollup.config.mjs"], {
    cwd: ROOT,
    env: { ...process.env, VF_PACKAGES: names.join(",") },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (res.status !== 0) throw new Error(`build of ${names.join(", ")} failed:\n${(res.stderr || res.stdout).slice(-2000)}`);
}

/** The machine and tool versions the results were measured on. */
export function machine() {
  const list = cpus();
  return {
    cpu: `${list[0]?.model ?? "unknown"} × ${list.length}`,
    memory: `${Math.round(totalmem() / 1024 ** 3)} GiB`,
    os: `${type()} ${release()}`,
    node: process.version,
    load: loadavg().map((x) => x.toFixed(2)).join(" "),
  };
}

/** Versions of every package the benches measure. */
export function versions() {
  const names = [
    "@victor-flags/core", "@victor-flags/react",
    "@growthbook/growthbook", "@growthbook/growthbook-react",
    "@openfeature/web-sdk", "@openfeature/react-sdk",
    "unleash-proxy-client", "@unleash/proxy-client-react",
    "launchdarkly-js-client-sdk", "launchdarkly-react-client-sdk",
    "react", "react-dom", "jsdom", "rollup", "@rollup/plugin-terser",
  ];
  const out = {};
  for (const name of names) {
    try {
      out[name] = versionOf(name);
    } catch {
      out[name] = "not installed";
    }
  }
  return out;
}
