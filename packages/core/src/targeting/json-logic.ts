// A JSONLogic compiler: a rule becomes a tree of closures once, so a warm evaluation walks no
// JSON, looks no operator up and parses no path. Compilation checks everything it can (unknown
// operations, `$ref`s, depth, size) and reports a fault instead of throwing to the caller;
// the closures themselves never recurse deeper than the rule is nested, which is bounded.

import { OPERATIONS } from "./json-logic-ops.js";
import { NOT_CONSTANT, type Node, type OpCompiler } from "./json-logic-types.js";

export { NOT_CONSTANT, truthy, type Node, type OpCompiler, type OperationCompiler, type Run } from "./json-logic-types.js";

/** A problem found while compiling, with a path such as `flags.a.targeting.if[0]`. */
export interface RuleProblem {
  readonly path: string;
  readonly message: string;
}

/** Thrown inside the compiler only; compileRule turns it into a result. */
class CompileFault extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** Nesting deeper than this is a fault: it bounds the closures' recursion at evaluation. */
export const MAX_RULE_DEPTH = 100;
/** Compiled nodes per rule, `$ref` expansions included: stops exponential `$ref` fan-out. */
export const MAX_RULE_NODES = 50_000;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Options of compileRule. */
export interface CompileOptions {
  /** `$evaluators` of the document, for `$ref`. */
  readonly evaluators?: Readonly<Record<string, unknown>>;
  /** Path prefix of reported problems (e.g. `flags.a.targeting`). */
  readonly path?: string;
  /** Compile the explaining variant: `if` records the branch it takes in `run.trace`. */
  readonly trace?: boolean;
}

/** compileRule's answer: the node, or the fault that keeps the rule from running, plus notes. */
export type CompileResult =
  | {
      readonly ok: true;
      readonly node: Node;
      readonly notes: readonly RuleProblem[];
      /** The root context paths the answer depends on, besides the flag key; null when unknown. */
      readonly reads: readonly string[] | null;
    }
  | { readonly ok: false; readonly fault: RuleProblem; readonly notes: readonly RuleProblem[] };

/** Compiles a JSONLogic rule (with flagd's operations) into a node; never throws. */
export function compileRule(rule: unknown, options: CompileOptions = {}): CompileResult {
  const compiler = new Compiler(options.evaluators ?? {}, options.trace ?? false);
  try {
    const node = compiler.compile(rule, 0, options.path ?? "", true);
    return { ok: true, node, notes: compiler.notes, reads: compiler.pure ? [...compiler.paths] : null };
  } catch (e) {
    const fault = e instanceof CompileFault ? { path: e.path, message: e.message } : { path: options.path ?? "", message: String(e) };
    return { ok: false, fault, notes: compiler.notes };
  }
}

class Compiler {
  readonly notes: RuleProblem[] = [];
  readonly paths = new Set<string>();
  pure = true;
  private readonly constants = new WeakMap<Node, unknown>();
  private readonly refStack: string[] = [];
  private nodes = 0;

  constructor(
    private readonly evaluators: Readonly<Record<string, unknown>>,
    private readonly trace: boolean,
  ) {}

  constant(value: unknown): Node {
    const node: Node = () => value;
    this.constants.set(node, value);
    return node;
  }

  constantOf(node: Node): unknown {
    return this.constants.has(node) ? this.constants.get(node) : NOT_CONSTANT;
  }

  compile(rule: unknown, depth: number, path: string, root: boolean): Node {
    if (depth > MAX_RULE_DEPTH) throw new CompileFault(path, `rule nested deeper than ${MAX_RULE_DEPTH} levels`);
    if (++this.nodes > MAX_RULE_NODES) throw new CompileFault(path, `rule larger than ${MAX_RULE_NODES} nodes (after $ref expansion)`);
    if (Array.isArray(rule)) return this.compileArray(rule, depth, path, root);
    if (rule === null || typeof rule !== "object") return this.constant(rule);
    const keys = Object.keys(rule);
    if (keys.length === 0) return this.constant(rule);
    // json-logic-js would read it as data; flagd-core's engine rejects it, and so do we
    if (keys.length > 1) throw new CompileFault(path, `an operation must be an object with one key, got ${keys.length} (${keys.slice(0, 3).join(", ")})`);
    const op = keys[0] as string;
    const raw: unknown = (rule as Record<string, unknown>)[op];
    if (op === "$ref" && typeof raw === "string") return this.compileRef(raw, depth, path, root);
    const compileOp = hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
    if (!compileOp) throw new CompileFault(path, `unknown operation "${op}"`);
    const args = Array.isArray(raw) ? raw : [raw];
    const opPath = `${path}${path ? "." : ""}${op}`;
    const c: OpCompiler = {
      op,
      path: opPath,
      trace: this.trace,
      root,
      arg: (a, i, scoped = false) => this.compile(a, depth + 1, Array.isArray(raw) ? `${opPath}[${i}]` : opPath, root && !scoped),
      constant: (v) => this.constant(v),
      constantOf: (n) => this.constantOf(n),
      note: (message, i) => void this.notes.push({ path: i === undefined ? opPath : `${opPath}[${i}]`, message }),
      reads: (p) => {
        if (p === null) this.pure = false;
        else this.paths.add(p);
      },
    };
    return compileOp(args, c);
  }

  private compileArray(rule: readonly unknown[], depth: number, path: string, root: boolean): Node {
    const items = rule.map((item, i) => this.compile(item, depth + 1, `${path}[${i}]`, root));
    if (items.every((n) => this.constants.has(n))) return this.constant(items.map((n) => this.constants.get(n)));
    const n = items.length;
    return (data, run) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = (items[i] as Node)(data, run);
      return out;
    };
  }

  private compileRef(name: string, depth: number, path: string, root: boolean): Node {
    if (!hasOwn(this.evaluators, name)) throw new CompileFault(`${path}${path ? "." : ""}$ref`, `$ref to unknown evaluator "${name}"`);
    if (this.refStack.includes(name)) {
      throw new CompileFault(`${path}${path ? "." : ""}$ref`, `$ref cycle: ${[...this.refStack, name].join(" -> ")}`);
    }
    // Expanded in place, like flagd's textual substitution; MAX_RULE_NODES bounds the fan-out.
    this.refStack.push(name);
    try {
      return this.compile(this.evaluators[name], depth, `$evaluators.${name}`, root);
    } finally {
      this.refStack.pop();
    }
  }
}
