// Checks shared by every part of a config document: the problem sink, free-form values that the
// SDK does not interpret, unknown keys and name lengths.

import * as P from "./config-problem-codes.js";
import type { ErrorCode, WarningCode } from "./config-problem-codes.js";
import { MAX_CONFIG_DEPTH, MAX_NAME_LENGTH, MAX_NESTED_VALUES } from "./limits.js";
import { isPlainObject, isReservedName } from "./safe-record.js";

/** Receives problems as the walk finds them, in document order. */
export interface ProblemSink {
  error(path: string, code: ErrorCode, a?: unknown, b?: unknown): void;
  warn(path: string, code: WarningCode, a: string): void;
}

/** flagd's key grammar: a letter, then letters, digits, `_`, `-` or `.` (kebab-case, camelCase, dotted keys). */
export const FLAGD_KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export const isNonEmptyString = (value: unknown): boolean => typeof value === "string" && value !== "";

/**
 * Checks a value the SDK does not interpret (metadata, ignored keys) without recursing: no key
 * may be a reserved name, nothing may nest deeper than `MAX_CONFIG_DEPTH` (`depth` is the
 * value's own depth in the document), and it may hold at most `MAX_NESTED_VALUES` objects and
 * arrays counted as a tree — so a static config whose metadata shares one object at every level
 * (2^60 paths) or refers to itself is refused, and any recursive copy of a valid value is bounded.
 */
export function checkJsonValue(value: unknown, path: string, depth: number, sink: ProblemSink): void {
  if (typeof value !== "object" || value === null) return;
  const stack: Array<[object, string, number]> = [[value, path, depth]];
  let count = 0;
  while (stack.length > 0) {
    const [node, at, level] = stack.pop() as [object, string, number];
    if (level > MAX_CONFIG_DEPTH) {
      sink.error(at, P.TOO_DEEP, MAX_CONFIG_DEPTH);
      continue;
    }
    if (++count > MAX_NESTED_VALUES) {
      sink.error(path, P.TOO_MANY_VALUES, MAX_NESTED_VALUES);
      return;
    }
    const children: Array<[object, string, number]> = [];
    if (Array.isArray(node)) {
      node.forEach((item: unknown, i) => {
        if (typeof item === "object" && item !== null) children.push([item, `${at}[${i}]`, level + 1]);
      });
    } else if (isPlainObject(node)) {
      for (const key of Object.keys(node)) {
        if (isReservedName(key)) sink.error(`${at}.${key}`, P.RESERVED, key);
        else {
          const item = node[key];
          if (typeof item === "object" && item !== null) children.push([item, `${at}.${key}`, level + 1]);
        }
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [object, string, number]);
  }
}

/** Keys of `object` outside `known`: reserved names are errors, others are warned about and checked as free values. */
export function checkKeys(object: Record<string, unknown>, known: ReadonlySet<string>, path: string, depth: number, sink: ProblemSink): void {
  for (const key of Object.keys(object)) {
    if (known.has(key)) continue;
    const at = path ? `${path}.${key}` : key;
    if (isReservedName(key)) {
      sink.error(at, P.RESERVED, key);
      continue;
    }
    sink.warn(at, path ? P.UNKNOWN_KEY : P.UNKNOWN_TOP_KEY, key);
    checkJsonValue(object[key], at, depth + 1, sink);
  }
}

export function checkName(name: string, path: string, sink: ProblemSink): void {
  if (name.length > MAX_NAME_LENGTH) sink.error(path, P.NAME_LENGTH, name.length, MAX_NAME_LENGTH);
}
