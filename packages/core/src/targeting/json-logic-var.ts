// JSONLogic's `var`: paths split once at compile time, own properties only (no path reaches a
// prototype), and flagd's context enrichment `$flagd.flagKey` / `$flagd.timestamp` at the root.

import type { Node, OperationCompiler, Run } from "./json-logic-types.js";

/** Object.hasOwn for environments that predate it. */
export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A property of an object, array or string that is data, else `undefined`: never a function
 * (`constructor`, `toString`) and never `__proto__` unless own, so no path reaches
 * Object.prototype, whose members are all functions or that accessor. No own-check is needed for
 * the rest, which keeps the hot path to one property read.
 */
export function own(value: unknown, key: string): unknown {
  if (value !== null && typeof value === "object") {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "function") return undefined;
    return key === "__proto__" && !hasOwn(value, key) ? undefined : v;
  }
  // strings have indexes and `length`, as json-logic-js and json-logic-engine read them
  return typeof value === "string" && hasOwn(Object(value), key) ? (value as unknown as Record<string, unknown>)[key] : undefined;
}

function flagdProperty(segments: readonly string[], run: Run): unknown {
  if (run.ts < 0) run.ts = Math.floor(run.now() / 1000);
  const flagd = { flagKey: run.flagKey, timestamp: run.ts };
  let value: unknown = flagd;
  for (let i = 1; i < segments.length && value !== undefined; i++) value = own(value, segments[i] as string);
  return value;
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
    if (a === "__proto__") {
      return (data, run) => {
        const v = own(data, a);
        return v === undefined ? miss(data, run) : v;
      };
    }
    return (data, run) => {
      if (data !== null && typeof data === "object") {
        const v = (data as Record<string, unknown>)[a];
        if (v !== undefined && typeof v !== "function") return v;
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

/** `var`: `{"var": "a.b"}`, `{"var": ["a", default]}`, or a computed path. */
export const compileVar: OperationCompiler = (args, c) => {
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

