// The flagd flag format (flagd.dev "flag definitions") and the shape of an evaluation's answer,
// with OpenFeature's reason and error-code names.

import type { JsonValue } from "../types.js";

/** Why a flag has its value (OpenFeature's standard reasons, as flagd reports them). */
export type FlagdReason = "STATIC" | "TARGETING_MATCH" | "DEFAULT" | "DISABLED" | "ERROR";

/** What went wrong, with reason ERROR (OpenFeature error codes). */
export type FlagdErrorCode = "FLAG_NOT_FOUND" | "TYPE_MISMATCH" | "PARSE_ERROR" | "GENERAL";

/** Flag and flag-set metadata: flat, primitive values (flagd's schema). */
export type FlagdMetadata = Readonly<Record<string, string | number | boolean>>;

/** One flag in the flagd format. */
export interface FlagdFlagDefinition {
  state: "ENABLED" | "DISABLED";
  /** Variant name to value; values of any JSON type. */
  variants: { [variant: string]: JsonValue };
  /** Absent or null: without a matching rule the caller's fallback answers (reason DEFAULT). */
  defaultVariant?: string | null;
  /** A JSONLogic rule answering a variant name; null or no answer means the default variant. */
  targeting?: JsonValue;
  metadata?: FlagdMetadata;
}

/** A flagd document: flags, reusable rule fragments for `$ref`, flag-set metadata. */
export interface FlagdDocument {
  $schema?: string;
  flags: { [key: string]: FlagdFlagDefinition };
  $evaluators?: { [name: string]: JsonValue };
  metadata?: FlagdMetadata;
}

/** The context a rule reads: any attributes; `targetingKey` is the subject `fractional` buckets. */
export type FlagdContext = Readonly<Record<string, unknown>>;

/** One evaluation's answer. `value` is undefined when the caller's fallback must answer. */
export interface FlagdResolution {
  readonly value: JsonValue | undefined;
  readonly variant: string | undefined;
  readonly reason: FlagdReason;
  readonly errorCode?: FlagdErrorCode;
  readonly errorMessage?: string;
  /** Flag-set metadata overlaid with the flag's own. */
  readonly metadata: FlagdMetadata;
}

/** A typed answer: the value, or the caller's fallback with the reason and error code. */
export interface FlagdDetails<T> extends Omit<FlagdResolution, "value"> {
  readonly value: T;
}

/** A problem with its path in the document, e.g. `flags.banner.targeting.if[0].$ref`. */
export interface FlagdProblem {
  readonly path: string;
  readonly message: string;
}
