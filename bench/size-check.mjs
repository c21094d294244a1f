// `npm test`'s size check: builds the budgeted entries of size-entries.mjs from src and fails
// (exit 1) when one is over its budget in size-budgets.json, or when the README's size section
// (between <!-- size:start --> and <!-- size:end -->) disagrees with the budgets.
// Budgets are only ever lowered to what is measured, or raised on purpose in a reviewed commit.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./lib/bundle.mjs";
import { BUDGETED } from "./size-entries.mjs";
import { formatBudget, measureBudgeted, readBudgets, readmeProblems } from "./size.mjs";

const started = performance.now();
const budgets = readBudgets();
const failures = [];
const lines = [];

for (const name of Object.keys(BUDGETED)) if (!(name in budgets.budgets)) failures.push(`${name}: no budget in bench/size-budgets.json`);
for (const name of Object.keys(budgets.budgets)) if (!(name in BUDGETED)) failures.push(`${name}: budgeted in bench/size-budgets.json but not built by bench/size-entries.mjs`);

const sizes = await measureBudgeted();
for (const [name, result] of Object.entries(sizes)) {
  const budget = budgets.budgets[name];
  if (result.skipped) {
    lines.push(`skip ${name}: ${result.skipped}`);
    continue;
  }
  if (budget === undefined) continue;
  const over = result.gzip - budget;
  if (over > 0) {
    failures.push(
      `${name}: ${result.gzip} B minified+gzip is over its budget of ${budget} B by ${over} B. ` +
        `Largest modules: ${result.modules.slice(0, 3).map((m) => `${m.id} (${m.bytes} B before minify)`).join(", ")}. ` +
        `Shrink it, or raise the budget in bench/size-budgets.json (and the README size section) in a commit that says why.`,
    );
  } else {
    const lazy = result.lazy.gzip ? `, +${result.lazy.gzip} B lazy` : "";
    lines.push(`ok   ${name}: ${result.gzip} B${lazy} (budget ${budget} B, ${-over} B to spare)`);
  }
}

const readmePath = join(ROOT, "README.md");
const problems = existsSync(readmePath) ? readmeProblems(readFileSync(readmePath, "utf8"), budgets) : null;
if (problems === null) lines.push("skip README size section: no <!-- size:start --> marker (bench/README-snippet.md has the section to paste)");
else if (problems.length === 0) lines.push(`ok   README size section matches the budgets (${Object.values(budgets.budgets).map(formatBudget).join(", ")})`);
else failures.push(...problems);

for (const line of lines) console.log(line);
console.log(`size check took ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
