// Argument helpers shared by the operations.

import type { Node, OpCompiler, Run } from "./json-logic-types.js";

/** Compiles every argument; the node yields them as an array. */
export function all(args: readonly unknown[], c: OpCompiler): Node[] {
  return args.map((a, i) => c.arg(a, i));
}

/** Evaluates compiled arguments into an array. */
export function values(nodes: readonly Node[], data: unknown, run: Run): unknown[] {
  const out = new Array<unknown>(nodes.length);
  for (let i = 0; i < nodes.length; i++) out[i] = (nodes[i] as Node)(data, run);
  return out;
}

