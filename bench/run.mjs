// `npm run bench`: size, evaluation, scale and React benches for victor-flags and its peers in
// one run; writes bench/RESULTS.md and bench/README-snippet.md and prints the ratios.
//
//   node bench/run.mjs [--quick] [--runs=N] [--only=size,eval,scale,react,targeting,server]
//
// Every timing bench runs in child processes, one SDK at a time and never two at once, with
// NODE_ENV=production. Each child takes several samples; a bench is run --runs times (3 by
// default) and all samples are pooled into a median and an interquartile spread.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/bundle.mjs";
import { build, machine, runChild, stalePackages, versions } from "./lib/harness.mjs";
import { report } from "./lib/report.mjs";
import { readmePerformanceTable } from "./lib/readme-table.mjs";
import { SDK_IDS } from "./lib/sdks.mjs";
import { measureApps, measureBudgeted, readBudgets, readmeSection, missingPackage } from "./size.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? (quick ? 1 : 3));
const only = args.find((a) => a.startsWith("--only="))?.slice(7).split(",") ?? ["size", "eval", "scale", "react", "targeting", "server"];
const SCALE_SIZES = [10, 1_000, 10_000];
const started = performance.now();
const log = (msg) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

const results = { machine: machine(), versions: {}, quick, runs, size: null, eval: null, scale: null, react: null, startedAt: new Date().toISOString() };
const reactReady = !missingPackage({ packages: ["core", "react"] });

// The timing benches import our packages by name, from dist: rebuild when src moved since.
if (only.some((o) => o !== "size" && o !== "targeting")) {
  const stale = stalePackages(reactReady ? ["core", "react"] : ["core"]);
  if (stale.length) {
    log(`building ${stale.join(", ")} (dist older than src)`);
    build(stale);
  }
}
results.versions = versions();

if (only.includes("size")) {
  log("size: bundling budgeted entries and each SDK's app import");
  results.size = { budgeted: await measureBudgeted(), apps: await measureApps(), budgets: readBudgets() };
}

/** Pools the samples of `runs` children per key; `each(run)` returns { key: childResult }. */
function pooled(label, jobs) {
  const out = {};
  for (let run = 0; run < runs; run++) {
    for (const job of jobs) {
      log(`${label}: ${job.name} (run ${run + 1}/${runs})`);
      const res = runChild(job.args, { quick });
      job.merge(out, res);
    }
  }
  return out;
}

if (only.includes("eval")) {
  results.eval = pooled(
    "evaluation",
    SDK_IDS.map((sdk) => ({
      name: sdk,
      args: ["bench/evaluate.bench.mjs", sdk],
      merge(out, res) {
        const slot = (out[sdk] ??= { cases: {}, problems: [], errors: [] });
        if (res.error) return void slot.errors.push(res.error);
        slot.problems.push(...res.problems);
        for (const [key, c] of Object.entries(res.cases)) {
          const into = (slot.cases[key] ??= c.skipped ? { skipped: c.skipped } : { samples: [], support: c.support });
          if (c.samples) into.samples.push(...c.samples);
        }
      },
    })),
  );
}

if (only.includes("scale")) {
  const jobs = [];
  for (const sdk of SDK_IDS) {
    for (const count of SCALE_SIZES) {
      jobs.push({
        name: `${sdk} × ${count} flags`,
        args: ["--expose-gc", "bench/scale.bench.mjs", sdk, String(count)],
        merge(out, res) {
          const slot = ((out[sdk] ??= {})[count] ??= { samples: [], retained: [], errors: [] });
          if (res.error) return void slot.errors.push(res.error);
          slot.samples.push(...res.samples);
          slot.retained.push(res.retainedBytes);
        },
      });
    }
  }
  results.scale = pooled("scale", jobs);
}

if (only.includes("react")) {
  const sdks = SDK_IDS.filter((sdk) => sdk !== "victor" || reactReady);
  const reactRuns = Math.max(1, Math.min(runs, 2));
  const out = {};
  for (let run = 0; run < reactRuns; run++) {
    // "bare": a plain store read through React's useSyncExternalStore, the floor each SDK's time is compared above
    for (const sdk of [...sdks, "bare"]) {
      log(`react: ${sdk} (run ${run + 1}/${reactRuns})`);
      const res = runChild(["bench/react.bench.mjs", sdk], { quick, timeoutMs: 300_000 });
      const slot = (out[sdk] ??= { phases: {}, errors: [] });
      if (res.error) {
        slot.errors.push(res.error);
        continue;
      }
      slot.react = res.react;
      for (const [phase, p] of Object.entries(res.phases)) {
        const into = (slot.phases[phase] ??= { ms: [], renders: [] });
        into.ms.push(...p.ms);
        into.renders.push(...p.renders);
      }
    }
  }
  if (!reactReady) out.victor = { errors: ["packages/react/src/index.ts does not exist yet"], phases: {} };
  results.react = out;
}

// flagd targeting beside @openfeature/flagd-core: its own children and report (bench/targeting.bench.mjs)
if (only.includes("targeting")) {
  log("targeting: flagd flags beside @openfeature/flagd-core, JSONLogic engines, semver");
  const res = spawnSync(process.execPath, ["bench/targeting.bench.mjs", ...(quick ? ["--quick"] : [])], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  const table = (res.stdout ?? "").split("\n## ")[1];
  if (res.status === 0 && table) console.log(`\n## ${table.trim()}\n(all tables: bench/TARGETING-RESULTS.md)`);
  else console.log(`targeting bench failed (exit ${res.status})`);
}

// A server's per-request work beside GrowthBook, and managers built one after another (V8's
// pretenuring trap, flag-store-extension.ts): plain lines, kept in RESULTS.md as printed.
if (only.includes("server")) {
  results.server = [];
  for (const script of ["bench/server-request.bench.mjs", "bench/store-churn.bench.mjs"]) {
    log(`server: ${script}`);
    const res = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "inherit"] });
    const lines = (res.stdout ?? "").trim().split("\n").filter(Boolean);
    results.server.push(...(res.status === 0 ? lines : [`${script} failed (exit ${res.status})`]));
  }
  console.log(`\n## Server\n${results.server.join("\n")}`);
}

results.totalSeconds = (performance.now() - started) / 1000;
// --only=targeting writes its own file and leaves RESULTS.md as it was
if (only.some((o) => o !== "targeting" && o !== "server")) {
  const { markdown, summary } = report(results);
  const server = results.server ? `\n## Server: one request's values, and managers built in a row\n\n${results.server.map((line) => `- ${line}`).join("\n")}\n` : "";
  writeFileSync(join(ROOT, "bench", "RESULTS.md"), markdown + server);
  if (results.size) writeFileSync(join(ROOT, "bench", "README-snippet.md"), readmeSection(results.size.budgets));
  console.log(`\n${summary}`);
  log(`wrote bench/RESULTS.md${results.size ? " and bench/README-snippet.md" : ""}`);
  // A run with every part rewrites README's ratio table, so it never quotes another run's figures.
  if (results.size && results.eval && results.scale && results.react) {
    const readmePath = join(ROOT, "README.md");
    const readme = readFileSync(readmePath, "utf8");
    const [start, end] = ["<!-- perf:start -->", "<!-- perf:end -->"];
    const a = readme.indexOf(start);
    const b = readme.indexOf(end);
    if (a >= 0 && b > a) {
      writeFileSync(readmePath, `${readme.slice(0, a + start.length)}\n${readmePerformanceTable(results)}\n${readme.slice(b)}`);
      log("wrote README.md's performance table");
    }
  }
}
