import type { ConfigProblem } from "./types.js";

/** Machine-readable error kinds. */
export type FlagsErrorCode = "CONFIG_INVALID" | "DEPENDENCY_UNMET" | "INVALID_ARGUMENT" | "REMOTE_FAILED" | "PROVIDER_MISSING";

/** Base of every error the SDK throws; `code` lets callers branch without parsing messages. */
export class FlagsError extends Error {
  readonly code: FlagsErrorCode;
  constructor(code: FlagsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Formats one problem as `path: message`. */
export function formatProblem(problem: ConfigProblem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** A config document failed validation; `errors` lists every problem with its path. */
export class ConfigError extends FlagsError {
  readonly errors: readonly ConfigProblem[];
  constructor(errors: readonly ConfigProblem[], context = "Invalid flag config") {
    const count = errors.length === 1 ? "1 problem" : `${errors.length} problems`;
    super("CONFIG_INVALID", `${context} (${count}):\n${errors.map((e) => `  - ${formatProblem(e)}`).join("\n")}`);
    this.errors = errors;
  }
}

/** `setFlag(name, true)` while a dependency is off. */
export class DependencyError extends FlagsError {
  readonly flag: string;
  readonly unmet: readonly string[];
  constructor(flag: string, unmet: readonly string[]) {
    super("DEPENDENCY_UNMET", `Cannot enable ${flag}: dependencies not satisfied: ${unmet.join(", ")}`);
    this.flag = flag;
    this.unmet = unmet;
  }
}

/** A caller passed a value of the wrong type or shape. */
export class InvalidArgumentError extends FlagsError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/** What went wrong with a remote config request (see docs/remote-config.md). */
export type RemoteFailureKind = "network" | "timeout" | "http" | "too-large" | "invalid-json" | "invalid-config";

/** A remote config request or pushed update failed; the last good config was kept. */
export class RemoteError extends FlagsError {
  readonly kind: RemoteFailureKind;
  /** The URL that was requested. */
  readonly url: string;
  /** The HTTP status, for `kind: "http"`. */
  readonly status: number | undefined;
  constructor(kind: RemoteFailureKind, message: string, options: { url: string; status?: number; cause?: unknown }) {
    super("REMOTE_FAILED", message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.url = options.url;
    this.status = options.status;
  }
}
