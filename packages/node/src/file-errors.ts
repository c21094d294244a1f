import { FlagsError, type ConfigProblem } from "@victor-flags/core";
import { formatLocation, type SourcePosition } from "./source-location.js";

/** A problem in a file, with the line and column it sits at when known. */
export interface FileProblem extends ConfigProblem {
  line?: number;
  column?: number;
}

/**
 * What went wrong with a file: it is absent, cannot be read, is over the size limit
 * (`MAX_CONFIG_FILE_BYTES`), does not parse, or its content is wrong.
 */
export type FileErrorKind = "not-found" | "unreadable" | "too-large" | "syntax" | "invalid";

/** Attaches a position (when known) to a problem. */
export function locatedProblem(problem: ConfigProblem, position: SourcePosition | undefined): FileProblem {
  return position ? { ...problem, line: position.line, column: position.column } : { ...problem };
}

/** `file:line:col: path: message`, one line a CI log or an editor can link. */
export function formatFileProblem(file: string, problem: FileProblem): string {
  const where = formatLocation(file, problem.line === undefined ? undefined : { line: problem.line, column: problem.column ?? 1 });
  return problem.path ? `${where}: ${problem.path}: ${problem.message}` : `${where}: ${problem.message}`;
}

function describeProblems(file: string, what: string, problems: readonly FileProblem[]): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `${file}: ${what} (${count}):\n${problems.map((p) => `  - ${formatFileProblem(file, p)}`).join("\n")}`;
}

/**
 * A config file that is missing, unreadable, not valid JSON/YAML, or not a valid config.
 * `problems` lists every problem with its path and position; the message lists them too.
 */
export class ConfigFileError extends FlagsError {
  readonly file: string;
  readonly kind: FileErrorKind;
  readonly problems: readonly FileProblem[];
  constructor(file: string, kind: FileErrorKind, problems: readonly FileProblem[], options?: { cause?: unknown; what?: string }) {
    const what = options?.what ?? "invalid flag config";
    const message =
      kind === "invalid"
        ? describeProblems(file, what, problems)
        : problems.length === 1
          ? formatFileProblem(file, problems[0]!)
          : describeProblems(file, what, problems);
    super("CONFIG_INVALID", message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.file = file;
    this.kind = kind;
    this.problems = problems;
  }
}

/** A profile file (`~/.victor/profiles.yaml`) that cannot be read, is not YAML, or holds non-boolean values. */
export class ProfileError extends ConfigFileError {
  constructor(file: string, kind: Exclude<FileErrorKind, "not-found">, problems: readonly FileProblem[], options?: { cause?: unknown }) {
    super(file, kind, problems, { ...options, what: "invalid profile" });
  }
}
