// flagd's operations: fractional, sem_ver, starts_with and ends_with, compiled so that literal
// buckets and versions are prepared once and a repeated subject or version costs a comparison.

import { fractional, pickBucket, toBucketList, type BucketList, type BucketVariant } from "./fractional.js";
import { all, values } from "./json-logic-args.js";
import type { Node, OperationCompiler, OpCompiler, Run } from "./json-logic-types.js";
import { NOT_CONSTANT } from "./json-logic-types.js";
import { own } from "./json-logic-var.js";
import { parseSemVer, SEM_VER_OPERATORS, semVer, semVerOf, semVerTest, type SemVer } from "./sem-ver.js";
import { endsWith, startsWith } from "./string-ops.js";

const targetingKeyOf = (run: Run): unknown => own(run.ctx, "targetingKey");

/** `fractional`: weighted buckets by murmur3 of the bucketing value (see fractional.ts). */
export const compileFractional: OperationCompiler = (args, c) => {
  c.reads("targetingKey");
  const nodes = all(args, c);
  const consts = nodes.map((n) => c.constantOf(n));
  const literal = (from: number): BucketList | null => {
    if (!consts.slice(from).every((v) => v !== NOT_CONSTANT)) return null;
    const list = toBucketList(consts.slice(from));
    if (typeof list === "string") {
      c.note(`fractional: ${list}; it answers null`);
      return null;
    }
    return list;
  };
  const first = consts[0];
  // shorthand (`[["a", 50], ["b", 50]]`): bucket on flagKey + targetingKey over fixed buckets
  // Fixed buckets keep the last subject and its bucket: the same context again hashes nothing.
  if (Array.isArray(first)) {
    const list = literal(0);
    if (list) {
      let lastKey: unknown;
      let lastFlag = "";
      let last: BucketVariant = null;
      return (_d, run) => {
        const key = targetingKeyOf(run);
        if (!key) return null;
        if (key !== lastKey || run.flagKey !== lastFlag || typeof key === "object") {
          last = pickBucket(run.flagKey + String(key), list);
          lastKey = key;
          lastFlag = run.flagKey;
        }
        return last;
      };
    }
  } else if (nodes.length > 0) {
    const rest = literal(1);
    const bucketBy = nodes[0] as Node;
    if (rest) {
      let lastBy: string | undefined;
      let last: BucketVariant = null;
      return (data, run) => {
        const by = bucketBy(data, run);
        if (typeof by !== "string") return fractional(values(nodes, data, run), run.flagKey, targetingKeyOf(run));
        if (by !== lastBy) {
          last = pickBucket(by, rest);
          lastBy = by;
        }
        return last;
      };
    }
  }
  return (data, run) => fractional(values(nodes, data, run), run.flagKey, targetingKeyOf(run));
};

/**
 * A version argument: parsed once when literal; otherwise the last input and its parse are kept,
 * so evaluating again for the same context parses nothing.
 */
function versionOf(node: Node, c: OpCompiler): (data: unknown, run: Run) => SemVer | null {
  const literal = c.constantOf(node);
  if (literal !== NOT_CONSTANT) {
    const parsed = parseSemVer(literal);
    return () => parsed;
  }
  let lastRaw: unknown = NOT_CONSTANT;
  let last: SemVer | null = null;
  return (data, run) => {
    const raw = node(data, run);
    if (raw !== lastRaw || typeof raw === "object") {
      last = parseSemVer(raw);
      lastRaw = raw;
    }
    return last;
  };
}

/** `sem_ver`: [version, operator, version]. */
export const compileSemVer: OperationCompiler = (args, c) => {
  const nodes = all(args, c);
  if (args.length !== 3) {
    c.note(`sem_ver takes 3 arguments, got ${args.length}; it answers null`);
    return (data, run) => semVer(values(nodes, data, run));
  }
  const op = c.constantOf(nodes[1] as Node);
  if (op !== NOT_CONSTANT && !SEM_VER_OPERATORS.has(String(op))) {
    c.note(`sem_ver operator "${String(op)}" is not one of ${[...SEM_VER_OPERATORS].join(" ")}; it answers null`, 1);
  }
  const a = versionOf(nodes[0] as Node, c);
  const operator = nodes[1] as Node;
  const b = versionOf(nodes[2] as Node, c);
  if (op !== NOT_CONSTANT && SEM_VER_OPERATORS.has(String(op))) {
    const test = semVerTest(String(op));
    return (data, run) => {
      const x = a(data, run);
      const y = b(data, run);
      return x && y ? test(x, y) : null;
    };
  }
  return (data, run) => semVerOf(a(data, run), operator(data, run), b(data, run));
};

/** `starts_with` / `ends_with`: exactly two string arguments, else null. */
export const compileStartsWith: OperationCompiler = /*#__PURE__*/ stringOp(startsWith);
/** See compileStartsWith. */
export const compileEndsWith: OperationCompiler = /*#__PURE__*/ stringOp(endsWith);

function stringOp(apply: (v: readonly unknown[]) => boolean | null): OperationCompiler {
  return (args, c) => {
    if (args.length !== 2) c.note(`${c.op} takes 2 arguments, got ${args.length}; it answers null`);
    const nodes = all(args, c);
    return (data, run) => apply(values(nodes, data, run));
  };
}

