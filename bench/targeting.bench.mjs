// Targeting bench: warm evaluation of flagd flags by our engine beside flagd's own JavaScript
// evaluator (@openfeature/flagd-core), and the measurements behind the choice of JSONLogic engine
// and semver comparison (bytes, speed, correctness). Usage:
//
//   node bench/targeting.bench.mjs [--quick] [--only=flag,rule,semver]   prints markdown, writes bench/TARGETING-RESULTS.md
//   node bench/targeting.bench.mjs child <case> <engine-bundle>   one timing child (internal)
//
// Our engine is bundled from src (packages/core/src/targeting) with the transpile step dist
// uses, so no build has to run first. Every timing runs in a child process of its own, one at a
// time, with NODE_ENV=production; samples are ns of CPU time per call (lib/clock.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { rollup } from "rollup";
import { ROOT, measure } from "./lib/bundle.mjs";
import { cpuNs } from "./lib/clock.mjs";
import { runChild } from "./lib/harness.mjs";
import { formatBytes, formatNs, ratio, summarize, withSpread } from "./lib/stats.mjs";
import { transpile } from "../scripts/transpile-plugin.mjs";
import { CONTEXTS, DOCUMENT, RULE, RULE_DATA, SEMVER_PAIRS } from "./targeting-fixtures.mjs";

const require = createRequire(import.meta.url);
const QUICK = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",") ?? ["flag", "rule", "semver"];
const SAMPLES = QUICK ? 5 : 12;
const SAMPLE_MS = QUICK ? 10 : 25;
const WARMUP_MS = QUICK ? 100 : 250;
let sink = 0;

/** ns per call of `fn`, SAMPLES samples after warming up (the same scheme as evaluate.bench.mjs). */
function timeSync(fn) {
  const batch = (n) => {
    const t0 = cpuNs();
    for (let i = 0; i < n; i++) if (fn()) sink++;
    return cpuNs() - t0;
  };
  const sample = SAMPLE_MS * 1e6;
  let n = 16;
  let spent = 0;
  let ns = 0;
  for (;;) {
    ns = batch(n);
    spent += ns;
    if (spent >= WARMUP_MS * 1e6 && ns >= sample / 2) break;
    if (ns < sample) n *= 2;
  }
  const size = Math.max(1, Math.round((n * sample) / ns));
  const samples = [];
  for (let s = 0; s < SAMPLES; s++) samples.push(batch(size) / size);
  return samples;
}

// ---- children: one case each ----------------------------------------------------------------

async function flagdCore() {
  const { FlagdCore } = require("@openfeature/flagd-core");
  const core = new FlagdCore();
  core.setConfigurations(JSON.stringify(DOCUMENT));
  // flagd-core's default logger writes debug lines on some paths; keep the console out of timing
  return (key, ctx) => core.resolveBooleanEvaluation(key, false, ctx).value;
}

async function victor(bundle) {
  const { compileFlagdDocument, resolveFlagd } = await import(bundle);
  const doc = compileFlagdDocument(DOCUMENT);
  return (key, ctx) => resolveFlagd(doc, key, false, ctx).value;
}

/** JSONLogic engines on RULE, each prepared once where the engine allows. */
async function ruleEngine(name, bundle) {
  if (name === "victor") {
    const { compileRule } = await import(bundle);
    const res = compileRule(RULE);
    const run = { ctx: RULE_DATA, flagKey: "k", ts: -1, now: Date.now };
    return () => res.node(RULE_DATA, run);
  }
  if (name === "json-logic-js") {
    const jsonLogic = require("json-logic-js");
    return () => jsonLogic.apply(RULE, RULE_DATA);
  }
  const { LogicEngine } = require("json-logic-engine");
  const engine = new LogicEngine();
  if (name === "json-logic-engine (compiled)") {
    const fn = engine.build(RULE);
    return () => fn(RULE_DATA);
  }
  return () => engine.run(RULE, RULE_DATA);
}

async function semverCompare(name, bundle) {
  const pairs = SEMVER_PAIRS;
  let i = 0;
  if (name === "victor") {
    const { semVer } = await import(bundle);
    return () => semVer(pairs[i++ & 7]);
  }
  if (name === "semver") {
    const s = require("semver");
    return () => {
      const [a, , b] = pairs[i++ & 7];
      return s.compare(s.parse(a), s.parse(b)) >= 0;
    };
  }
  const { compareVersions } = require("compare-versions");
  return () => {
    const [a, , b] = pairs[i++ & 7];
    return compareVersions(a, b) >= 0;
  };
}

async function child(kase, bundle) {
  const [group, name, ctxName] = kase.split("|");
  let fn;
  if (group === "flag") {
    const resolve = name === "flagd-core" ? await flagdCore() : await victor(bundle);
    const { key, context, want } = CONTEXTS[ctxName];
    const got = resolve(key, context);
    if (got !== want) throw new Error(`${name} ${ctxName}: got ${got}, want ${want}`);
    fn = () => resolve(key, context);
  } else if (group === "rule") {
    fn = await ruleEngine(name, bundle);
    if (fn() !== "on") throw new Error(`${name}: rule answered ${fn()}, want "on"`);
  } else {
    fn = await semverCompare(name, bundle);
  }
  process.stdout.write(`${JSON.stringify({ case: kase, samples: timeSync(fn), sink: sink > 0 })}\n`);
}

// ---- parent -----------------------------------------------------------------------------------

const ENTRY = `export { compileFlagdDocument, resolveFlagd } from "./packages/core/src/targeting/index.ts";
export { compileRule } from "./packages/core/src/targeting/json-logic.ts";
export { semVer } from "./packages/core/src/targeting/sem-ver.ts";`;

/** Our engine as one ES module in a temp dir, built the way dist is. */
async function buildEngine() {
  const dir = join(tmpdir(), "victor-targeting-bench");
  mkdirSync(dir, { recursive: true });
  const entry = join(ROOT, "bench-targeting-entry.ts");
  const bundle = await rollup({
    input: entry,
    plugins: [{ name: "entry", resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? ENTRY : null) }, transpile()],
  });
  const file = join(dir, "engine.mjs");
  await bundle.write({ file, format: "es" });
  await bundle.close();
  return pathToFileURL(file).href;
}

const SIZE_ENTRIES = {
  "victor-flags targeting engine (whole: compile + resolve + validate)": `export { compileFlagdDocument, resolveFlagd } from "./packages/core/src/targeting/index.ts";`,
  "victor-flags JSONLogic compiler + flagd operations": `export { compileRule } from "./packages/core/src/targeting/json-logic.ts";`,
  "victor-flags sem_ver": `export { semVer } from "./packages/core/src/targeting/sem-ver.ts";`,
  "@openfeature/flagd-core (FlagdCore)": `export { FlagdCore } from "@openfeature/flagd-core";`,
  "json-logic-js": `import jsonLogic from "json-logic-js"; export const apply = jsonLogic.apply, add = jsonLogic.add_operation;`,
  "json-logic-engine (LogicEngine)": `export { LogicEngine } from "json-logic-engine";`,
  "semver (parse + compare + coerce)": `import parse from "semver/functions/parse.js"; import compare from "semver/functions/compare.js"; import coerce from "semver/functions/coerce.js"; export { parse, compare, coerce };`,
  "compare-versions (compareVersions)": `export { compareVersions } from "compare-versions";`,
};

async function sizes() {
  const out = {};
  for (const [name, code] of Object.entries(SIZE_ENTRIES)) {
    // bundle.mjs resolves relative imports from the repository root
    const m = await measure(code.replaceAll("./packages/", `${ROOT}/packages/`));
    out[name] = { minified: m.minified, gzip: m.gzip };
  }
  return out;
}

const FLAG_CASES = Object.keys(CONTEXTS).flatMap((ctx) => [`flag|victor|${ctx}`, `flag|flagd-core|${ctx}`]);
const RULE_CASES = ["victor", "json-logic-js", "json-logic-engine (compiled)", "json-logic-engine (interpreted)"].map((n) => `rule|${n}`);
const SEMVER_CASES = ["victor", "semver", "compare-versions"].map((n) => `semver|${n}`);

async function parent() {
  const engine = await buildEngine();
  const { correctness } = await import("./targeting-correctness.mjs");
  const results = { sizes: await sizes(), timings: {}, correctness: await correctness(engine) };
  for (const kase of [...FLAG_CASES, ...RULE_CASES, ...SEMVER_CASES].filter((k) => ONLY.includes(k.split("|")[0]))) {
    process.stderr.write(`timing ${kase}\n`);
    const res = runChild(["bench/targeting.bench.mjs", "child", kase, engine], { quick: QUICK });
    results.timings[kase] = res.error ? { error: res.error } : summarize(res.samples);
  }
  const md = markdown(results);
  writeFileSync(join(ROOT, "bench", "TARGETING-RESULTS.md"), md);
  process.stdout.write(md);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

function timing(kase) {
  const t = TIMINGS[kase];
  return !t ? "–" : t.error ? `error: ${t.error}` : withSpread(t, formatNs);
}
let TIMINGS = {};

function markdown(r) {
  TIMINGS = r.timings;
  const med = (k) => r.timings[k]?.median;
  const lines = ["# Targeting bench", "", `Node ${process.version}, ${QUICK ? "quick run" : `${SAMPLES} samples per case`}; ns of CPU time per call, median ±half the interquartile range.`, ""];
  lines.push("## Warm evaluation of a flagd flag (same context each call)", "", "| flag / context | victor-flags | flagd-core | flagd-core ÷ ours |", "|---|---|---|---|");
  for (const ctx of Object.keys(CONTEXTS)) {
    lines.push(`| ${ctx} | ${timing(`flag|victor|${ctx}`)} | ${timing(`flag|flagd-core|${ctx}`)} | ${ratio(med(`flag|flagd-core|${ctx}`), med(`flag|victor|${ctx}`))} |`);
  }
  lines.push("", "## JSONLogic engines on a plain rule (if / and / in / >= / ==; warm, prepared once where the engine allows)", "", "| engine | time per call | ÷ ours | min+gzip | correctness (see below) |", "|---|---|---|---|---|");
  const sizeOf = { victor: "victor-flags JSONLogic compiler + flagd operations", "json-logic-js": "json-logic-js", "json-logic-engine (compiled)": "json-logic-engine (LogicEngine)", "json-logic-engine (interpreted)": "json-logic-engine (LogicEngine)" };
  for (const k of RULE_CASES) {
    const name = k.split("|")[1];
    const size = r.sizes[sizeOf[name]];
    lines.push(`| ${name} | ${timing(k)} | ${ratio(med(k), med("rule|victor"))} | ${size ? formatBytes(size.gzip) : "–"} | ${r.correctness.jsonLogic[name.replace(/ \(.*\)$/, "")] ?? "–"} |`);
  }
  lines.push("", "## Semver comparison (parse both + compare, 8 version pairs in turn)", "", "| library | time per call | ÷ ours | min+gzip | correctness (see below) |", "|---|---|---|---|---|");
  const semverSize = { victor: "victor-flags sem_ver", semver: "semver (parse + compare + coerce)", "compare-versions": "compare-versions (compareVersions)" };
  for (const k of SEMVER_CASES) {
    const name = k.split("|")[1];
    lines.push(`| ${name} | ${timing(k)} | ${ratio(med(k), med("semver|victor"))} | ${formatBytes(r.sizes[semverSize[name]].gzip)} | ${r.correctness.semver[name]} |`);
  }
  lines.push("", "## Bundle sizes (rollup + terser, gzip level 9)", "", "| entry | minified | min+gzip |", "|---|---|---|");
  for (const [name, s] of Object.entries(r.sizes)) lines.push(`| ${name} | ${formatBytes(s.minified)} | ${formatBytes(s.gzip)} |`);
  lines.push("", "## Correctness checks", "", ...r.correctness.notes.map((n) => `- ${n}`), "");
  return lines.join("\n");
}

if (process.argv[2] === "child") {
  await child(process.argv[3], process.argv[4]);
  process.exit(0);
} else {
  await parent();
}
