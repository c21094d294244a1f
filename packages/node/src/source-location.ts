// Maps problem paths such as `flags.a.dependencies[0]` back to a line and column in the file the
// document came from, so a CI log points at the exact spot (`flags.json:12:9`). JSON is YAML, so
// one YAML parse gives positions for both formats.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLError } from "yaml";

/** A 1-based position in a text file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds where a problem path points in a source text; `undefined` when it cannot tell. */
export type Locator = (path: string) => SourcePosition | undefined;

/** Builds a locator over `text` (JSON or YAML). A text that does not parse locates nothing. */
export function createLocator(text: string): Locator {
  const lineCounter = new LineCounter();
  let root: Node | null = null;
  try {
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
    root = doc.contents;
  } catch {
    root = null;
  }
  const at = (offset: number): SourcePosition => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return (path) => {
    if (!root) return undefined;
    let node: Node | null = root;
    let best: number | undefined = node.range?.[0];
    let rest = path;
    while (rest !== "" && node) {
      if (rest.startsWith(".")) rest = rest.slice(1);
      if (isSeq(node)) {
        const m = /^\[(\d+)\]/.exec(rest);
        if (!m) break;
        const item: unknown = node.items[Number(m[1])];
        if (!item || !isNodeLike(item)) break;
        node = item;
        best = node.range?.[0] ?? best;
        rest = rest.slice(m[0].length);
      } else if (isMap(node)) {
        // A quoted key (`flags["limits.api"]`, as flagd problems name dotted keys) matches exactly.
        const quoted = /^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
        const exact = quoted ? (JSON.parse(quoted[1]!) as string) : undefined;
        // Else the longest key that the rest of the path starts with, so names containing "." still match.
        let match: { key: string; keyStart: number | undefined; value: Node | null } | undefined;
        for (const pair of node.items) {
          if (!isPair(pair) || !isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          const next = rest.charAt(key.length);
          if (exact !== undefined ? key === exact : rest.startsWith(key) && (next === "" || next === "." || next === "[") && (!match || key.length > match.key.length)) {
            match = { key, keyStart: pair.key.range?.[0], value: isNodeLike(pair.value) ? pair.value : null };
          }
        }
        if (!match) break;
        best = match.keyStart ?? best;
        rest = rest.slice(quoted ? quoted[0].length : match.key.length);
        node = match.value;
      } else break;
    }
    return best === undefined ? undefined : at(best);
  };
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value);
}

/** `file:line:column` (or just `file` without a position), the form editors and CI logs link. */
export function formatLocation(file: string, position: SourcePosition | undefined): string {
  return position ? `${file}:${position.line}:${position.column}` : file;
}

/** Line and column of a character offset in `text` (1-based). */
export function positionOf(text: string, offset: number): SourcePosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * YAML parse errors as problems with positions. The parser often reports one mistake several
 * times at the same spot (a bad indent is also a bad key); one problem per position is kept.
 */
export function yamlSyntaxProblems(errors: readonly YAMLError[], lineCounter: LineCounter): Array<{ path: string; message: string; line: number; column: number }> {
  const seen = new Set<string>();
  const out: Array<{ path: string; message: string; line: number; column: number }> = [];
  for (const e of errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    const key = `${pos.line}:${pos.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: "", message: `invalid YAML: ${e.message}`, line: pos.line, column: pos.col });
  }
  return out;
}
