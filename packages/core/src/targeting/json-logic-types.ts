// Types shared by the JSONLogic compiler and its operations, in a module of their own so the two
// do not import each other.

/** One evaluation's inputs: the root context, the flag key and the lazily read clock. */
export interface Run {
  readonly ctx: unknown;
  readonly flagKey: string;
  /** `$flagd.timestamp` in seconds, read once per evaluation on first use (-1 until then). */
  ts: number;
  /** Set only by explain: the rule paths the evaluation took. */
  readonly trace?: string[];
  readonly now: () => number;
}

/** A compiled rule node: the current data (the context, or an element inside map/filter/...). */
export type Node = (data: unknown, run: Run) => unknown;

/** What an operation's compile function gets. */
export interface OpCompiler {
  /** Compiles an argument one level deeper; `scoped` when `var` inside it reads an element. */
  arg(rule: unknown, index: number, scoped?: boolean): Node;
  /** A node that always yields `value`, marked constant. */
  constant(value: unknown): Node;
  /** The value of a constant node, or NOT_CONSTANT. */
  constantOf(node: Node): unknown;
  /** Whether `var` here reads the root context (not an element of map/filter/...). */
  readonly root: boolean;
  /** Records a non-fatal problem (the operation still compiles, answering as flagd would). */
  note(message: string, index?: number): void;
  /**
   * Declares a context path the rule reads at the root (dotted, e.g. "user.country"), or null when
   * the answer depends on more than such paths (the clock, a computed path, the whole context).
   */
  reads(path: string | null): void;
  readonly op: string;
  /** Path of this operation in the document, e.g. `flags.a.targeting.if`. */
  readonly path: string;
  /** Whether to compile the explaining variant, which records its choices in `run.trace`. */
  readonly trace: boolean;
}

/** An operation: compiles its (already array-normalised, raw) arguments into a node. */
export type OperationCompiler = (args: readonly unknown[], c: OpCompiler) => Node;

/** Marker returned by constantOf for non-constant nodes. */
export const NOT_CONSTANT: unique symbol = /*#__PURE__*/ Symbol("not constant");

/** JSONLogic truthiness: an empty array is false, everything else as in JavaScript. */
export function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : !!value;
}

