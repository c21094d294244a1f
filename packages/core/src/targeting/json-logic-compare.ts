// Comparison operations, one closure per operator: a literal right-hand side (the usual
// `{"==": [{"var": "plan"}, "pro"]}`) is captured as a value rather than called, and no
// comparison goes through a shared helper that the engine could not inline.

import type { Node, OperationCompiler } from "./json-logic-types.js";
import { NOT_CONSTANT } from "./json-logic-types.js";

/** The comparison operators. */
export type ComparisonOperator = "==" | "===" | "!=" | "!==" | ">" | ">=" | "<" | "<=";

// Operands are JSON values or context attributes; the operators mean what they mean in JavaScript.
type Loose = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function withLiteral(op: ComparisonOperator, a: Node, k: Loose): Node {
  switch (op) {
    case "==":
      return (d, r) => (a(d, r) as Loose) == k;
    case "===":
      return (d, r) => a(d, r) === k;
    case "!=":
      return (d, r) => (a(d, r) as Loose) != k;
    case "!==":
      return (d, r) => a(d, r) !== k;
    case ">":
      return (d, r) => (a(d, r) as Loose) > k;
    case ">=":
      return (d, r) => (a(d, r) as Loose) >= k;
    case "<":
      return (d, r) => (a(d, r) as Loose) < k;
    case "<=":
      return (d, r) => (a(d, r) as Loose) <= k;
  }
}

function general(op: ComparisonOperator, a: Node, b: Node): Node {
  switch (op) {
    case "==":
      return (d, r) => (a(d, r) as Loose) == b(d, r);
    case "===":
      return (d, r) => a(d, r) === b(d, r);
    case "!=":
      return (d, r) => (a(d, r) as Loose) != b(d, r);
    case "!==":
      return (d, r) => a(d, r) !== b(d, r);
    case ">":
      return (d, r) => (a(d, r) as Loose) > (b(d, r) as Loose);
    case ">=":
      return (d, r) => (a(d, r) as Loose) >= (b(d, r) as Loose);
    case "<":
      return (d, r) => (a(d, r) as Loose) < (b(d, r) as Loose);
    case "<=":
      return (d, r) => (a(d, r) as Loose) <= (b(d, r) as Loose);
  }
}

/** `op` over its first two arguments; `<` / `<=` with three test that the middle one lies between. */
export function comparison(op: ComparisonOperator): OperationCompiler {
  return (args, c) => {
    const a = c.arg(args[0], 0);
    const b = c.arg(args[1], 1);
    if ((op === "<" || op === "<=") && args.length >= 3) {
      const z = c.arg(args[2], 2);
      const strict = op === "<";
      return (d, r) => {
        const x = a(d, r) as Loose;
        const m = b(d, r) as Loose;
        const y = z(d, r) as Loose;
        return strict ? x < m && m < y : x <= m && m <= y;
      };
    }
    const k = c.constantOf(b);
    return k === NOT_CONSTANT ? general(op, a, b) : withLiteral(op, a, k);
  };
}
