// Checks of the flagd format, split the way loading treats them: structural errors (wrong types,
// a defaultVariant that names no variant — flagd-core rejects those too) reject the document;
// rule warnings (a `$ref` to a missing evaluator, an unknown operation, a rule that can answer
// a variant the flag lacks) fail that one flag's evaluations, and the rest of the document loads.

import { hasOwn } from "../safe-record.js";
import { isRecord } from "./flagd-structure.js";
import type { FlagdProblem } from "./flagd-types.js";
import { SEM_VER_OPERATORS } from "./sem-ver.js";

export { flagdDocumentErrors, flagdFlagErrors, isFlagdFlag, pathOf } from "./flagd-structure.js";

// Operations whose answer is always a boolean (or null): a rule made of one of them names the
// variants "true" / "false".
const BOOLEAN_OPS = /*#__PURE__*/ new Set(["==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "in", "all", "none", "some", "sem_ver", "starts_with", "ends_with"]);

/** A variant a rule can answer, with where it comes from. */
interface Outcome {
  readonly path: string;
  readonly variant: string;
}

/**
 * The variant names a rule can answer that are visible without running it: literals in `if`
 * branches, `fractional` bucket names, boolean operations, through `$ref`s. Bounded by depth.
 */
export function ruleOutcomes(rule: unknown, evaluators: Readonly<Record<string, unknown>>, path: string): Outcome[] {
  const out: Outcome[] = [];
  const visit = (r: unknown, p: string, depth: number, refs: readonly string[]): void => {
    if (depth > 100 || r === null || r === undefined) return;
    if (typeof r === "string" || typeof r === "number" || typeof r === "boolean") return void out.push({ path: p, variant: String(r) });
    if (!isRecord(r)) return;
    const keys = Object.keys(r);
    if (keys.length !== 1) return;
    const op = keys[0] as string;
    const raw = r[op];
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number): string => (Array.isArray(raw) ? `${p}.${op}[${i}]` : `${p}.${op}`);
    if (op === "$ref" && typeof raw === "string") {
      if (hasOwn(evaluators, raw) && !refs.includes(raw)) visit(evaluators[raw], p, depth + 1, [...refs, raw]);
    } else if (op === "if" || op === "?:") {
      for (let i = 1; i < args.length; i += 2) visit(args[i], argPath(i), depth + 1, refs);
      if (args.length % 2 === 1) visit(args[args.length - 1], argPath(args.length - 1), depth + 1, refs);
    } else if (op === "fractional") {
      args.forEach((bucket, i) => {
        if (Array.isArray(bucket) && bucket.length > 0) visit(bucket[0], `${argPath(i)}[0]`, depth + 1, refs);
      });
    } else if (BOOLEAN_OPS.has(op)) {
      if (op === "sem_ver" && !SEM_VER_OPERATORS.has(String(args[1]))) return; // answers null: the default
      out.push({ path: p, variant: "true" }, { path: p, variant: "false" });
    }
  };
  visit(rule, path, 0, []);
  return out;
}

/** Warnings for variants a flag's rule can answer but the flag does not define. */
export function unknownVariantWarnings(rule: unknown, variants: Readonly<Record<string, unknown>>, evaluators: Readonly<Record<string, unknown>>, path: string): FlagdProblem[] {
  const seen = new Set<string>();
  const out: FlagdProblem[] = [];
  for (const o of ruleOutcomes(rule, evaluators, `${path}.targeting`)) {
    if (hasOwn(variants, o.variant) || seen.has(`${o.path}\0${o.variant}`)) continue;
    seen.add(`${o.path}\0${o.variant}`);
    out.push({ path: o.path, message: `can answer variant "${o.variant}", which ${path}.variants does not define (that evaluation answers ERROR and the caller's fallback)` });
  }
  return out;
}
