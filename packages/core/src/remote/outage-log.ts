import type { RemoteError } from "../errors.js";
import type { Logger } from "../platform.js";

// Document problems are keyed by their message (a different rejected document is news);
// transport problems by their kind, so a request failing and a stream dropping in the same
// outage, or a flapping server alternating two errors, log one line each, not one per retry.
const DOCUMENT_KINDS = new Set(["invalid-config", "invalid-json", "too-large"]);

/** True when the error is about a document the server sent (it was rejected), not about transport. */
export function isDocumentProblem(error: RemoteError): boolean {
  return DOCUMENT_KINDS.has(error.kind);
}

/**
 * The console side of an outage: each distinct problem is logged once, from the first failure
 * until the source recovers (a valid document, or a 304 for the document it holds).
 */
export class OutageLog {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Logs `line` unless this outage already logged the same problem. */
  report(error: RemoteError, line: string): void {
    const key = isDocumentProblem(error) ? error.message : error.kind;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.logger.error(`remote config: ${line}`);
  }

  /** The outage is over: the next problem is logged again. */
  recovered(): void {
    this.seen.clear();
  }
}
