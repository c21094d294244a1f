// Size measurement shared by `npm run bench` and `npm test` (size-check.mjs): our budgeted
// entries, every SDK's app import, the budgets file and the README's size section.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { measure, ROOT, sourceEntryOf } from "./lib/bundle.mjs";
import { APP_IMPORTS, BUDGETED } from "./size-entries.mjs";

export const BUDGETS_FILE = join(ROOT, "bench", "size-budgets.json");
export const README_START = "<!-- size:start -->";
export const README_END = "<!-- size:end -->";

/** The budgets file: { budgets: { [entry]: gzip bytes }, aims: {...} }. */
export function readBudgets() {
  return JSON.parse(readFileSync(BUDGETS_FILE, "utf8"));
}

/** Why an entry cannot be built yet (a package without src), or null. */
export function missingPackage(entry) {
  const missing = (entry.packages ?? []).find((pkg) => !sourceEntryOf(pkg));
  return missing ? `packages/${missing}/src/index.ts does not exist yet` : null;
}

/** Builds each budgeted entry: { [name]: { minified, gzip, modules } | { skipped } }. */
export async function measureBudgeted() {
  const out = {};
  for (const [name, entry] of Object.entries(BUDGETED)) {
    const missing = missingPackage(entry);
    out[name] = missing ? { skipped: missing } : await measure(entry.code);
  }
  return out;
}

/** Builds every SDK's app import: { [sdk]: { minified, gzip, modules } | { error } }. */
export async function measureApps() {
  const out = {};
  for (const [sdk, entry] of Object.entries(APP_IMPORTS)) {
    const missing = missingPackage(entry);
    if (missing) {
      out[sdk] = { skipped: missing };
      continue;
    }
    try {
      out[sdk] = await measure(entry.code);
    } catch (error) {
      out[sdk] = { error: error.message.split("\n")[0] };
    }
  }
  return out;
}

/** A budget as the README shows it: "9.80 kB" (1 kB = 1000 B, as size-limit counts). */
export function formatBudget(bytes) {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** The README size section for the current budgets (what bench/README-snippet.md holds). */
export function readmeSnippet(budgets) {
  const rows = Object.entries(budgets.budgets).map(([name, bytes]) => `| ${name} | ${formatBudget(bytes)} |`);
  return [
    README_START,
    "| import (minified + gzip) | at most |",
    "|---|---|",
    ...rows,
    README_END,
  ].join("\n");
}

/** The whole README "Performance" section, with the size block; bench/README-snippet.md holds it. */
export function readmeSection(budgets) {
  return [
    "## Performance",
    "",
    "Measured side by side with GrowthBook, OpenFeature, Unleash and LaunchDarkly by `npm run bench`: the tables are in [bench/RESULTS.md](bench/RESULTS.md), the method in [docs/benchmarks.md](docs/benchmarks.md).",
    "",
    "Bundle size budgets, enforced by `npm test`:",
    "",
    readmeSnippet(budgets),
    "",
  ].join("\n");
}

/**
 * Problems between the README's size section and the budgets: each budgeted entry must have a
 * row with exactly its budget. No section at all is not a problem (returns null then).
 */
export function readmeProblems(readme, budgets) {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 && end < 0) return null;
  if (start < 0 || end < start) return [`README.md: ${README_START} and ${README_END} must both be present, in that order`];
  const section = readme.slice(start + README_START.length, end);
  const rows = new Map();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((c) => c.trim()).filter(Boolean);
    if (cells.length >= 2 && !/^-+$/.test(cells[0]) && cells[0] !== "import (minified + gzip)") rows.set(cells[0], cells[1]);
  }
  const problems = [];
  for (const [name, bytes] of Object.entries(budgets.budgets)) {
    const want = formatBudget(bytes);
    if (!rows.has(name)) problems.push(`README.md size section has no row for "${name}" (expected ${want})`);
    else if (rows.get(name) !== want) problems.push(`README.md says "${name}" is ${rows.get(name)}, but its budget in bench/size-budgets.json is ${want}`);
  }
  for (const name of rows.keys()) if (!(name in budgets.budgets)) problems.push(`README.md size section names "${name}", which has no budget`);
  return problems;
}
