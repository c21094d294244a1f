// `npm test`: type-check, size budgets, then every vitest project; ends with one plain line
// `tests: N passed, N failed` that counts the checks too, so CI logs have a single verdict.
import { spawnSync } from "node:child_process";
import { readFileSync, existsSync, rmSync } from "node:fs";

const extraArgs = process.argv.slice(2);

// A fresh clone: install from the lockfile first, so `npm test` is one command.
if (!existsSync("node_modules/.package-lock.json")) {
  console.log("== node_modules missing: npm ci");
  if (spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" }).status !== 0) process.exit(1);
}
let passed = 0;
let failed = 0;

function step(label, cmd, args) {
  console.log(`\n== ${label}: ${cmd} ${args.join(" ")}`);
  const res = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  return res.status === 0;
}

const checks = [["typecheck", "npx", ["tsc", "-p", "tsconfig.json", "--noEmit"]]];
if (existsSync("bench/size-check.mjs")) checks.push(["size budgets", "node", ["bench/size-check.mjs"]]);
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
