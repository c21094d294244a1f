// The operations flagd's targeting accepts: JSONLogic's own (semantics of the reference
// implementation, json-logic-js) and flagd's fractional, sem_ver, starts_with and ends_with.
// Each compiles its arguments once; `if`/`and`/`or` and the array operations stay lazy.

import { fractional, pickBucket, toBucketList, type BucketList, type BucketVariant } from "./fractional.js";
import type { Node, OperationCompiler, OpCompiler, Run } from "./json-logic-types.js";
import { NOT_CONSTANT, truthy } from "./json-logic-types.js";
import { parseSemVer, SEM_VER_OPERATORS, semVer, semVerOf, semVerTest, type SemVer } from "./sem-ver.js";
import { endsWith, startsWith } from "./string-ops.js";

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** An own property of an object, array or string, else `undefined`: no path reaches a prototype. */
function own(value: unknown, key: string): unknown {
  if (value !== null && typeof value === "object") {
    const v = (value as Record<string, unknown>)[key];
    // a primitive cannot come from Object.prototype, so only objects need the own-check
    return v === undefined || (typeof v !== "object" && typeof v !== "function") || hasOwn(value, key) ? v : undefined;
  }
  // strings have own indexes and `length`, as json-logic-js and json-logic-engine read them
  return typeof value === "string" && hasOwn(Object(value), key) ? (value as unknown as Record<string, unknown>)[key] : undefined;
}

function flagdProperty(segments: readonly string[], run: Run): unknown {
  if (run.ts < 0) run.ts = Math.floor(run.now() / 1000);
  const flagd = { flagKey: run.flagKey, timestamp: run.ts };
  let value: unknown = flagd;
  for (let i = 1; i < segments.length && value !== undefined; i++) value = own(value, segments[i] as string);
  return value;
}

/** The value at a dotted path's segments, own properties only; undefined when absent. */
export function readPath(value: unknown, segments: readonly string[]): unknown {
  let v = value;
  for (let i = 0; i < segments.length && v !== undefined; i++) v = own(v, segments[i] as string);
  return v;
}

/** `var` with a path known at compile time: segments split once, one- and two-step paths unrolled. */
function varNode(path: string, fallback: Node | undefined, root: boolean): Node {
  const miss: Node = fallback ?? (() => null);
  if (path === "") return (data) => data;
  const segs = path.split(".");
  if (root && segs[0] === "$flagd") {
    if (segs.length === 2 && segs[1] === "flagKey") return (_d, run) => run.flagKey;
    return (data, run) => {
      const v = flagdProperty(segs, run);
      return v === undefined ? miss(data, run) : v;
    };
  }
  const [a, b] = segs as [string, string];
  if (segs.length === 1) {
    return (data, run) => {
      if (data !== null && typeof data === "object") {
        const v = (data as Record<string, unknown>)[a];
        // a primitive cannot come from Object.prototype, so only objects need the own-check
        if (v !== undefined && ((typeof v !== "object" && typeof v !== "function") || hasOwn(data, a))) return v;
      } else if (typeof data === "string") {
        const v = own(data, a);
        if (v !== undefined) return v;
      }
      return miss(data, run);
    };
  }
  if (segs.length === 2) {
    return (data, run) => {
      const v = own(own(data, a), b);
      return v === undefined ? miss(data, run) : v;
    };
  }
  return (data, run) => {
    let v: unknown = data;
    for (let i = 0; i < segs.length && v !== undefined; i++) v = own(v, segs[i] as string);
    return v === undefined ? miss(data, run) : v;
  };
}

function pathOf(value: unknown): string | null {
  if (value === null || value === undefined) return "";
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
}

const compileVar: OperationCompiler = (args, c) => {
  const pathArg = c.arg(args[0], 0);
  const fallback = args.length > 1 ? c.arg(args[1], 1) : undefined;
  const literal = pathOf(c.constantOf(pathArg));
  // $flagd.flagKey is fixed per flag; the clock and computed paths are not context paths
  if (c.root && literal !== "$flagd.flagKey") c.reads(literal === null || literal === "" || literal.split(".")[0] === "$flagd" ? null : literal);
  if (literal !== null) return varNode(literal, fallback, c.root);
  const root = c.root;
  return (data, run) => {
    const path = pathOf(pathArg(data, run));
    // a computed path is compiled per call: rare, and cheap next to what computed it
    return path === null ? (fallback ? fallback(data, run) : null) : varNode(path, fallback, root)(data, run);
  };
};

/** Compiles every argument; the node yields them as an array. */
function all(args: readonly unknown[], c: OpCompiler): Node[] {
  return args.map((a, i) => c.arg(a, i));
}

function values(nodes: readonly Node[], data: unknown, run: Run): unknown[] {
  const out = new Array<unknown>(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = (nodes[i] as Node)(data, run);
  return out;
}

/** An operation over its evaluated arguments. */
function eager(apply: (v: unknown[], run: Run) => unknown): OperationCompiler {
  return (args, c) => {
    const nodes = all(args, c);
    return (data, run) => apply(values(nodes, data, run), run);
  };
}

/** A binary operation over its first two arguments, without building an array. */
function binary(apply: (a: any, b: any) => unknown): OperationCompiler {
  return (args, c) => {
    const a = c.arg(args[0], 0);
    const b = c.arg(args[1], 1);
    return (data, run) => apply(a(data, run), b(data, run));
  };
}

/** `<` / `<=`: two arguments compare, three test that the middle one lies between. */
function ordered(cmp: (a: any, b: any) => boolean): OperationCompiler {
  return (args, c) => {
    const a = c.arg(args[0], 0);
    const b = c.arg(args[1], 1);
    if (args.length < 3) return (data, run) => cmp(a(data, run), b(data, run));
    const z = c.arg(args[2], 2);
    return (data, run) => {
      const m = b(data, run);
      return cmp(a(data, run), m) && cmp(m, z(data, run));
    };
  };
}

const compileIf: OperationCompiler = (args, c) => {
  const nodes = all(args, c);
  const n = nodes.length;
  return (data, run) => {
    let i = 0;
    for (; i < n - 1; i += 2) if (truthy((nodes[i] as Node)(data, run))) return (nodes[i + 1] as Node)(data, run);
    return i === n - 1 ? (nodes[i] as Node)(data, run) : null;
  };
};

function logical(stopWhen: boolean): OperationCompiler {
  return (args, c) => {
    const nodes = all(args, c);
    const n = nodes.length;
    return (data, run) => {
      let current: unknown;
      for (let i = 0; i < n; i++) {
        current = (nodes[i] as Node)(data, run);
        if (truthy(current) === stopWhen) return current;
      }
      return current;
    };
  };
}

/** map/filter/all/none/some/reduce: the second argument runs per element, `var` reading the element. */
function overArray(finish: (items: readonly unknown[], each: (item: unknown) => unknown) => unknown): OperationCompiler {
  return (args, c) => {
    const list = c.arg(args[0], 0);
    const logic = c.arg(args[1], 1, true);
    return (data, run) => {
      const items = list(data, run);
      return finish(Array.isArray(items) ? items : [], (item) => logic(item, run));
    };
  };
}

const compileReduce: OperationCompiler = (args, c) => {
  const list = c.arg(args[0], 0);
  const logic = c.arg(args[1], 1, true);
  const initial = c.arg(args[2], 2);
  return (data, run) => {
    const items = list(data, run);
    let accumulator = initial(data, run);
    if (!Array.isArray(items)) return accumulator;
    for (const current of items) accumulator = logic({ current, accumulator }, run);
    return accumulator;
  };
};

function missingKeys(keys: readonly unknown[], data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const key of keys) {
    let v: unknown = data;
    for (const seg of String(key).split(".")) v = own(v, seg);
    if (v === undefined || v === null || v === "") out.push(key);
  }
  return out;
}

const compileIn: OperationCompiler = (args, c) => {
  const needle = c.arg(args[0], 0);
  const hay = c.arg(args[1], 1);
  const list = c.constantOf(hay);
  // a literal list of strings/numbers (countries, user ids) becomes a Set once
  if (Array.isArray(list) && list.every((x) => typeof x === "string" || typeof x === "number")) {
    const set = new Set<unknown>(list);
    return (data, run) => set.has(needle(data, run));
  }
  return (data, run) => {
    const b = hay(data, run);
    if (typeof b === "string") return b.indexOf(String(needle(data, run))) !== -1;
    return Array.isArray(b) ? b.indexOf(needle(data, run)) !== -1 : false;
  };
};

const targetingKeyOf = (run: Run): unknown => own(run.ctx, "targetingKey");

const compileFractional: OperationCompiler = (args, c) => {
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

const compileSemVer: OperationCompiler = (args, c) => {
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

function stringOp(apply: (v: readonly unknown[]) => boolean | null): OperationCompiler {
  return (args, c) => {
    if (args.length !== 2) c.note(`${c.op} takes 2 arguments, got ${args.length}; it answers null`);
    const nodes = all(args, c);
    return (data, run) => apply(values(nodes, data, run));
  };
}

const num = (x: unknown): number => parseFloat(x as string);

/** An operation that reads context keys it computes: its answer depends on the whole context. */
function readsAll(compile: OperationCompiler): OperationCompiler {
  return (args, c) => {
    c.reads(null);
    return compile(args, c);
  };
}

/** Every operation by name. */
export const OPERATIONS: Readonly<Record<string, OperationCompiler>> = Object.assign(Object.create(null) as Record<string, OperationCompiler>, {
  var: compileVar,
  missing: readsAll(eager((v, run) => missingKeys(Array.isArray(v[0]) ? v[0] : v, run.ctx))),
  missing_some: readsAll(
    eager((v, run) => {
      const keys = Array.isArray(v[1]) ? v[1] : [];
      const missing = missingKeys(keys, run.ctx);
      return keys.length - missing.length >= Number(v[0]) ? [] : missing;
    }),
  ),
  if: compileIf,
  "?:": compileIf,
  and: logical(false),
  or: logical(true),
  "!": eager((v) => !truthy(v[0])),
  "!!": eager((v) => truthy(v[0])),
  "==": binary((a, b) => a == b),
  "===": binary((a, b) => a === b),
  "!=": binary((a, b) => a != b),
  "!==": binary((a, b) => a !== b),
  ">": binary((a, b) => a > b),
  ">=": binary((a, b) => a >= b),
  "<": ordered((a, b) => a < b),
  "<=": ordered((a, b) => a <= b),
  "+": eager((v) => v.reduce<number>((s, x) => s + num(x), 0)),
  "*": eager((v) => (v.length === 1 ? v[0] : v.reduce((p, x) => num(p) * num(x)))),
  "-": eager((v) => (v.length < 2 ? -(v[0] as number) : (v[0] as number) - (v[1] as number))),
  "/": binary((a, b) => a / b),
  "%": binary((a, b) => a % b),
  min: eager((v) => Math.min(...(v as number[]))),
  max: eager((v) => Math.max(...(v as number[]))),
  cat: eager((v) => v.join("")),
  substr: eager((v) => {
    const text = String(v[0]);
    const start = Number(v[1]);
    const end = v[2] === undefined ? undefined : Number(v[2]);
    if (end !== undefined && end < 0) return text.substr(start).slice(0, end);
    return text.substr(start, end);
  }),
  in: compileIn,
  merge: eager((v) => v.flatMap((x) => (Array.isArray(x) ? x : [x]))),
  map: overArray((items, each) => items.map(each)),
  filter: overArray((items, each) => items.filter((x) => truthy(each(x)))),
  all: overArray((items, each) => items.length > 0 && items.every((x) => truthy(each(x)))),
  none: overArray((items, each) => !items.some((x) => truthy(each(x)))),
  some: overArray((items, each) => items.some((x) => truthy(each(x)))),
  reduce: compileReduce,
  log: eager((v) => v[0]),
  fractional: compileFractional,
  sem_ver: compileSemVer,
  starts_with: stringOp(startsWith),
  ends_with: stringOp(endsWith),
});
