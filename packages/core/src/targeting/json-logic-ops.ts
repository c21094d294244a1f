// The operations flagd's targeting accepts: JSONLogic's own (semantics of the reference
// implementation, json-logic-js) and flagd's (flagd-operations.ts). Each compiles its arguments
// once; `if`/`and`/`or` and the array operations stay lazy.

import { compileEndsWith, compileFractional, compileSemVer, compileStartsWith } from "./flagd-operations.js";
import { all, values } from "./json-logic-args.js";
import { comparison } from "./json-logic-compare.js";
import type { Node, OperationCompiler, Run } from "./json-logic-types.js";
import { truthy } from "./json-logic-types.js";
import { compileVar, own } from "./json-logic-var.js";

/** An operation over its evaluated arguments. */
function eager(apply: (v: unknown[], run: Run) => unknown): OperationCompiler {
  return (args, c) => {
    const nodes = all(args, c);
    return (data, run) => apply(values(nodes, data, run), run);
  };
}

/** A binary operation over its first two arguments, without building an array. */
function binary(apply: (a: number, b: number) => unknown): OperationCompiler {
  return (args, c) => {
    const a = c.arg(args[0], 0);
    const b = c.arg(args[1], 1);
    return (data, run) => apply(a(data, run) as number, b(data, run) as number);
  };
}

const compileIf: OperationCompiler = (args, c) => {
  const nodes = all(args, c);
  const n = nodes.length;
  if (c.trace) {
    const at = (i: number) => `${c.path}[${i}]`;
    return (data, run) => {
      let i = 0;
      for (; i < n - 1; i += 2) {
        if (truthy((nodes[i] as Node)(data, run))) {
          run.trace?.push(`${at(i + 1)}: condition ${at(i)} held`);
          return (nodes[i + 1] as Node)(data, run);
        }
      }
      run.trace?.push(i === n - 1 ? `${at(i)}: no condition held (else)` : `${c.path}: no condition held, no else (null)`);
      return i === n - 1 ? (nodes[i] as Node)(data, run) : null;
    };
  }
  if (n === 3) {
    const [test, then, otherwise] = nodes as [Node, Node, Node];
    return (data, run) => (truthy(test(data, run)) ? then(data, run) : otherwise(data, run));
  }
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
    // the usual two or three operands, unrolled
    if (n === 2 || n === 3) {
      const [a, b, z] = nodes as [Node, Node, Node | undefined];
      const last: Node = z ?? b;
      const middle: Node | undefined = z ? b : undefined;
      return (data, run) => {
        let v = a(data, run);
        if (truthy(v) === stopWhen) return v;
        if (middle) {
          v = middle(data, run);
          if (truthy(v) === stopWhen) return v;
        }
        return last(data, run);
      };
    }
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

const num = (x: unknown): number => parseFloat(x as string);

/** An operation that reads context keys it computes: its answer depends on the whole context. */
function readsAll(compile: OperationCompiler): OperationCompiler {
  return (args, c) => {
    c.reads(null);
    return compile(args, c);
  };
}

/** Every operation by name. */
export const OPERATIONS: Readonly<Record<string, OperationCompiler>> = /*#__PURE__*/ Object.assign(Object.create(null) as Record<string, OperationCompiler>, {
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
  "==": comparison("=="),
  "===": comparison("==="),
  "!=": comparison("!="),
  "!==": comparison("!=="),
  ">": comparison(">"),
  ">=": comparison(">="),
  "<": comparison("<"),
  "<=": comparison("<="),
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
  starts_with: compileStartsWith,
  ends_with: compileEndsWith,
});
