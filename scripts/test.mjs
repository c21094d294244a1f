// `npm test`: build when stale, type-check, size budgets, publint and arethetypeswrong per
// package, then every vitest project; ends with one plain line `tests: N passed, N failed` that
// counts the checks too, so CI logs have a single verdict.
import { spawnSync } from "node:child_process";
import { readFileSync, existsSync, rmSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const extraArgs = process.argv.slice(2);

// A fresh clone: install from the lockfile first, so `npm test` is one command.
if (!existsSync("node_modules/.package-lock.json")) {
  console.log("== node_modules missing: npm ci");
  if (spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" }).status !== 0) process.exit(1);
}
let passed = 0;
let failed = 0;

/** Newest modification time under `path` (0 when missing). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

const packages = readdirSync("packages").filter((name) => existsSync(join("packages", name, "package.json")));

/** True when a package's dist is missing or older than its sources, its package.json or the build config. */
function buildIsStale() {
  const config = Math.max(newest("rollup.config.mjs"), newest("scripts/transpile-plugin.mjs"), newest("tsconfig.build.json"));
  return packages.some((name) => {
    const dir = join("packages", name);
    const outputs = ["index.js", "index.cjs", "index.d.ts", "index.d.cts"].map((f) => join(dir, "dist", f));
    if (outputs.some((o) => !existsSync(o))) return true;
    const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
    return Math.max(config, newest(join(dir, "src")), newest(join(dir, "package.json"))) > built;
  });
}

function step(label, cmd, args) {
  console.log(`\n== ${label}: ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  return res.status === 0;
}

// A fresh clone has no dist: the CLI, packaging and browser tests run the built packages.
if (buildIsStale()) {
  if (step("build (dist missing or older than its sources)", "npm", ["run", "build"])) passed++;
  else { failed++; console.log("check failed: build"); }
}

const checks = [["typecheck", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]]];
if (existsSync("bench/size-check.mjs")) checks.push(["size budgets", "node", ["bench/size-check.mjs"]]);
// What a user's tools see in each published package: package.json and files (publint), and the
// types under ESM and CommonJS with node16 and bundler resolution (arethetypeswrong).
for (const name of packages) {
  checks.push([`publint ${name}`, "npx", ["publint", "--strict", join("packages", name)]]);
  checks.push([`arethetypeswrong ${name}`, "npx", ["attw", "--pack", join("packages", name), "--profile", "node16", "--format", "table-flipped"]]);
}
for (const [label, cmd, args] of checks) {
  if (extraArgs.length && !process.env.VF_ALL_CHECKS) break;
  if (step(label, cmd, args)) passed++;
  else { failed++; console.log(`check failed: ${label}`); }
}

const results = ".vitest-results.json";
rmSync(results, { force: true });
const ok = step("vitest", "npx", [
  "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${results}`, ...extraArgs,
]);
if (existsSync(results)) {
  const json = JSON.parse(readFileSync(results, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that fails to load has no failed test in it but must still fail the run.
  const brokenSuites = json.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0);
  for (const s of brokenSuites) console.log(`suite failed to run: ${s.name}\n${s.message}`);
  failed += brokenSuites.length;
} else if (!ok) {
  failed++;
}
if (!ok && failed === 0) failed++;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
