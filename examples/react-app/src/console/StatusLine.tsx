import { useFlagsStatus } from "@victor-flags/react";
import { describe, useSubject } from "./use-console";

const where = {
  network: "network (victor-flags serve)",
  cache: "cache (last good config in localStorage)",
  bootstrap: "bootstrap (rendered into the page)",
  static: "static config",
  none: "nothing yet (defaults)",
} as const;

/** Where the config came from, whether it is current, and the last error of the remote source. */
export function StatusLine() {
  const status = useFlagsStatus();
  const subject = useSubject();
  return (
    <div className={`status${status.error ? " error" : ""}`} data-testid="status" data-source={status.source} data-ready={String(status.ready)} data-stale={String(status.stale)}>
      <span>
        config: <strong data-testid="status-source">{where[status.source]}</strong>
      </span>
      <span className={`pill ${status.ready ? "on" : "warn"}`}>{status.loading ? "loading…" : status.ready ? "ready" : "not ready"}</span>
      {status.stale && <span className="pill warn">stale: showing the last good config</span>}
      {status.rejectedUpdate && (
        <span className="pill bad" data-testid="status-rejected" title={describe(status.rejectedUpdate)}>
          newer config rejected: showing the last good one
        </span>
      )}
      <span className="muted">
        subject: <code data-testid="subject">{subject}</code>
      </span>
      {status.error && (
        <span className="error-text" data-testid="status-error">
          {describe(status.error)}
        </span>
      )}
    </div>
  );
}
