// What exposure counting costs a flag read, ns per call, from the built @victor-flags/core.
// Usage: node bench/exposure.bench.mjs [--quick]   (builds packages/core/dist when it is stale)
// Prints a table, then one JSON line: { bench: "exposure", cases: { <case>: { medianNs, samples } } }.
//
// isEnabled            the read alone: the baseline
// read+record, idle    isEnabled + manager.recordExposure with no listener (no reporter attached)
// read+record, dedup   the same with a reporter attached: the manager's per-(subject, flag, value)
//                      dedup answers, as for every read after the first (what useFlag's effect
//                      and repeated reads pay)
// reporter.record      one exposure counted into the reporter's aggregate (a first-time
//                      exposure after dedup), flushes going to a fetch that resolves at once
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const SAMPLES = QUICK ? 5 : 15;
const SAMPLE_MS = QUICK ? 10 : 25;
const WARMUP_MS = QUICK ? 100 : 300;

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const dist = join(ROOT, "packages/core/dist/index.js");
if (!existsSync(dist) || newest(join(ROOT, "packages/core/src")) > statSync(dist).mtimeMs) {
  const res = spawnSync("npx", ["rollup", "-c", "rollup.config.mjs"], { cwd: ROOT, env: { ...process.env, VF_PACKAGES: "core" }, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`building core failed:\n${(res.stderr || res.stdout).slice(-2000)}`);
}
const core = await import("@victor-flags/core");

const config = { version: 1, flags: { checkout_v2: { default: true }, banner: { default: false } } };
const silent = { warn() {}, error() {} };
const manager = (userId) => new core.FeatureFlagManager({ config, context: { userId }, storage: core.createMemoryStorage(), logger: silent });

let sink = 0;
function measure(fn) {
  const batch = (n) => {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) if (fn(i)) sink++;
    return Number(process.hrtime.bigint() - t0);
  };
  let n = 16;
  let spent = 0;
  let perCall = Infinity;
  while (spent < WARMUP_MS * 1e6) {
    const ns = batch(n);
    spent += ns;
    perCall = ns / n;
    if (ns < SAMPLE_MS * 1e6) n *= 2;
  }
  const size = Math.max(1, Math.round((SAMPLE_MS * 1e6) / perCall));
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) samples.push(batch(size) / size);
  samples.sort((a, b) => a - b);
  return { medianNs: samples[Math.floor(samples.length / 2)], samples };
}

const plain = manager("user-1");
const idle = manager("user-1");
const tracked = manager("user-1");
const ok = () => Promise.resolve({ ok: true, status: 200 });
const reporter = core.createExposureReporter({ manager: tracked, url: "http://127.0.0.1:9/x", fetch: ok, beacon: false, lifecycle: false, flushIntervalMs: 60_000 });
const direct = core.createExposureReporter({ manager: manager("user-2"), url: "http://127.0.0.1:9/x", fetch: ok, beacon: false, lifecycle: false, flushIntervalMs: 60_000 });
const events = Array.from({ length: 64 }, (_, i) => ({ kind: "flag", name: `flag_${i}`, value: i % 2 === 0, subject: "s", timestamp: 0 }));

const cases = {
  isEnabled: measure(() => plain.isEnabled("checkout_v2")),
  "read+record, idle": measure(() => {
    const v = idle.isEnabled("checkout_v2");
    idle.recordExposure("flag", "checkout_v2");
    return v;
  }),
  "read+record, dedup": measure(() => {
    const v = tracked.isEnabled("checkout_v2");
    tracked.recordExposure("flag", "checkout_v2");
    return v;
  }),
  "reporter.record": measure((i) => (direct.record(events[i & 63]), true)),
};
reporter.dispose();
direct.dispose();

const base = cases.isEnabled.medianNs;
console.log(`exposure counting, ns per call (median of ${SAMPLES} samples; node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? ""})`);
for (const [name, r] of Object.entries(cases)) {
  const extra = name === "isEnabled" ? "" : `  (+${(r.medianNs - base).toFixed(1)} ns over isEnabled)`;
  console.log(`  ${name.padEnd(20)} ${r.medianNs.toFixed(1).padStart(8)} ns${extra}`);
}
if (sink === -1) console.log("");
console.log(JSON.stringify({ bench: "exposure", cases }));
