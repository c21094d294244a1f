// explain()'s flagd part: the flag's answer with the rule trace, and one sentence saying why. It
// lives with the engine (the hook slot hands it to the manager), so apps without flagd flags
// bundle none of its text.

import type { FlagdExplanationDetails } from "../types.js";
import type { CompiledFlagdDocument } from "./flagd-document.js";
import type { FlagdContext } from "./flagd-types.js";

/** A flagd flag's part of an explanation, and the sentence that becomes the explanation's `reason`. */
export interface FlagdExplained {
  readonly details: FlagdExplanationDetails | undefined;
  readonly reason: string;
}

/** Why a flagd flag's own evaluation answers what it does. */
export function flagdReason(d: FlagdExplanationDetails): string {
  const variant = d.variant === undefined ? "" : `"${d.variant}" (${JSON.stringify(d.value)})`;
  const why =
    d.reason === "TARGETING_MATCH"
      ? `targeting matched variant ${variant}`
      : d.reason === "STATIC"
        ? `no targeting: defaultVariant ${variant}`
        : d.reason === "DEFAULT"
          ? variant
            ? `no rule matched: defaultVariant ${variant}`
            : "no rule matched and there is no defaultVariant: the caller's fallback"
          : d.reason === "DISABLED"
            ? "state DISABLED: the caller's fallback"
            : `${d.errorCode ?? "ERROR"}: ${d.errorMessage ?? "evaluation failed"}; the caller's fallback`;
  const off = d.value !== undefined && typeof d.value !== "boolean" ? ` (a ${Array.isArray(d.value) ? "array" : typeof d.value} value: isEnabled reads it as off, getValue reads it)` : "";
  return `flagd ${d.reason}: ${why}${off}`;
}

/** Explains flagd flag `key` of a compiled document for `context`. */
export function explainFlagdFlag(doc: CompiledFlagdDocument | undefined, key: string, context: FlagdContext): FlagdExplained {
  const e = doc?.flags.get(key)?.explain(context);
  if (e === undefined) {
    const first = doc?.errors[0];
    return { details: undefined, reason: `flagd flag that did not compile${first ? ` (${first.path}: ${first.message})` : ""}, so it is off` };
  }
  const details: FlagdExplanationDetails = { value: e.value, variant: e.variant, reason: e.reason, ...(e.errorCode ? { errorCode: e.errorCode, errorMessage: e.errorMessage } : {}), trace: e.trace };
  return { details, reason: flagdReason(details) };
}
