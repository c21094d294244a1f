import type { ReactElement } from "react";
import type { AuditValue, FeatureFlagManager } from "@victor-flags/core";
import { jsonPreview } from "./typed-flag.js";

// Values of flagd flags may be any JSON (numbers, objects): shown as short JSON.
const show = (v: AuditValue) => (v === true ? "on" : v === false ? "off" : v === null ? "none" : typeof v === "string" ? v : jsonPreview(v, 32));

/** The newest audit entries: what changed, from what to what, and who changed it. */
export function AuditTab({ manager, changed, limit = 200 }: { manager: FeatureFlagManager; changed(): void; limit?: number }): ReactElement {
  const entries = manager.getAuditLog(undefined, { limit });
  return (
    <>
      <p className="muted">
        {`${entries.length} most recent change${entries.length === 1 ? "" : "s"}, newest first. `}
        <button
          type="button"
          className="link"
          onClick={() => {
            manager.clearAuditLog();
            changed();
          }}
        >
          Clear log
        </button>
      </p>
      <table aria-label="Audit log">
        <thead>
          <tr>
            <th scope="col">Time (UTC)</th>
            <th scope="col">Flag or experiment</th>
            <th scope="col">Change</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>
                <time dateTime={entry.timestamp}>{entry.timestamp.slice(11, 19)}</time>
              </td>
              <td>
                <code>{entry.flagName}</code>
              </td>
              <td>{`${show(entry.oldValue)} → ${show(entry.newValue)}`}</td>
              <td>{entry.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
