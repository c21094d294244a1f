import { closeSync, openSync, readSync } from "node:fs";
import { validateConfig, type FlagConfig } from "@victor-flags/core";
import { LineCounter, parseDocument } from "yaml";
import { ConfigFileError, locatedProblem, type FileProblem } from "./file-errors.js";
import { expandHome } from "./paths.js";
import { createLocator, positionOf, yamlSyntaxProblems, type Locator } from "./source-location.js";

/** A config file read and parsed, not yet validated. */
export interface ParsedConfigFile {
  /** The path as given (used in messages). */
  file: string;
  format: "json" | "yaml";
  text: string;
  /** The parsed document; validate it with `validateConfig`. */
  document: unknown;
  /** Maps a problem path (`flags.a.default`) to its line and column in `text`. */
  locate: Locator;
}

/** A config file that passed validation. */
export interface LoadedConfigFile extends ParsedConfigFile {
  document: FlagConfig;
  /** Validation warnings (unknown keys, values for undeclared flags), each with its position. */
  warnings: FileProblem[];
}

/**
 * Largest config or profile file the CLI, the dev server and `createNodeManager` read (10 MiB).
 * A flag config is a few kilobytes; a file this big is a mistake or an attack, and reading it
 * would hold the process while it parses. (Clients of the dev server refuse documents over their
 * own `maxBodyBytes`, 1 MiB by default.)
 */
export const MAX_CONFIG_FILE_BYTES = 10 * 1024 * 1024;

type FileFailure = "not-found" | "unreadable" | "too-large";

/**
 * Reads a file as text, turning a missing, unreadable or too large file into a `ConfigFileError`.
 * It reads at most one byte past the limit, so a huge file (or an endless one such as a device)
 * costs no more than the limit.
 */
export function readTextFile(
  file: string,
  missingMessage: string,
  make = (kind: FileFailure, problem: FileProblem, cause: unknown) => new ConfigFileError(file, kind, [problem], { cause }),
): string {
  let fd: number;
  try {
    fd = openSync(expandHome(file), "r");
  } catch (error) {
    throw failure(error, missingMessage, make);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, MAX_CONFIG_FILE_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_CONFIG_FILE_BYTES) {
        const message = `file is larger than ${MAX_CONFIG_FILE_BYTES} bytes (10 MiB), the limit for a config or profile file`;
        throw make("too-large", { path: "", message }, undefined);
      }
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } catch (error) {
    if (error instanceof ConfigFileError) throw error;
    throw failure(error, missingMessage, make);
  } finally {
    closeSync(fd);
  }
}

function failure(error: unknown, missingMessage: string, make: (kind: FileFailure, problem: FileProblem, cause: unknown) => ConfigFileError): ConfigFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return make("not-found", { path: "", message: missingMessage }, error);
  const reason = code === "EISDIR" ? "is a directory, not a file" : code === "EACCES" ? "permission denied" : (error as Error).message;
  return make("unreadable", { path: "", message: `cannot read file: ${reason}` }, error);
}

/**
 * Reads and parses a config document from a `.json` file (or `.yaml`/`.yml`). Throws a
 * `ConfigFileError` naming the file, line and column when it is missing or does not parse.
 */
export function readConfigFile(file: string): ParsedConfigFile {
  const text = readTextFile(file, "config file not found");
  const format = /\.ya?ml$/i.test(file) ? "yaml" : "json";
  const locate = createLocator(text);
  if (format === "yaml") {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { prettyErrors: false, lineCounter });
    if (doc.errors.length > 0) {
      throw new ConfigFileError(file, "syntax", yamlSyntaxProblems(doc.errors, lineCounter), { what: "invalid YAML" });
    }
    return { file, format, text, document: yamlToJs(file, doc), locate };
  }
  try {
    return { file, format, text, document: JSON.parse(text) as unknown, locate };
  } catch (error) {
    throw new ConfigFileError(file, "syntax", [jsonSyntaxProblem(text, error as Error)], { cause: error });
  }
}

/**
 * Reads, parses and validates a config file. An invalid document throws a `ConfigFileError`
 * (`kind: "invalid"`) listing every problem with its path, line and column.
 */
export function loadConfigFile(file: string): LoadedConfigFile {
  const parsed = readConfigFile(file);
  const result = validateConfig(parsed.document);
  const locate = (p: { path: string; message: string }) => locatedProblem(p, parsed.locate(p.path));
  if (!result.valid) throw new ConfigFileError(file, "invalid", result.errors.map(locate));
  return { ...parsed, document: parsed.document as FlagConfig, warnings: result.warnings.map(locate) };
}

/**
 * The plain value of a parsed YAML document. The parser refuses to expand aliases past a budget
 * (a "billion laughs" file of nested `*refs`) by throwing a ReferenceError, which is a problem
 * of the file, so it becomes a `ConfigFileError` like any other.
 */
function yamlToJs(file: string, doc: ReturnType<typeof parseDocument>): unknown {
  try {
    return doc.toJS() as unknown;
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const message = `invalid YAML: aliases (*name) expand to too many nodes; write the values out instead (${error.message})`;
    throw new ConfigFileError(file, "syntax", [{ path: "", message }], { cause: error, what: "invalid YAML" });
  }
}

/** Turns a `JSON.parse` error into a problem at the line and column V8 reports as a position. */
function jsonSyntaxProblem(text: string, error: Error): FileProblem {
  const raw = error.message;
  const match = /at position (\d+)/.exec(raw);
  const offset = match ? Number(match[1]) : raw.includes("end of JSON input") ? text.length : undefined;
  // Keep V8's wording but drop its position suffixes: we print the position ourselves.
  const message = raw.replace(/\s*\(line \d+ column \d+\)/, "").replace(/\s*in JSON at position \d+/, "").replace(/^Unexpected end of JSON input$/, "unexpected end of file");
  return locatedProblem({ path: "", message: `invalid JSON: ${message}` }, offset === undefined ? undefined : positionOf(text, offset));
}
