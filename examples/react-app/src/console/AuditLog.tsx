import type { AuditEntry } from "@victor-flags/core";
import { useConsole, useLiveManager } from "./use-console";
import { BreakableName } from "./BreakableName";

const time = (iso: string) => new Date(iso).toLocaleTimeString();
const show = (value: AuditEntry["oldValue"]) => (value === null ? "—" : typeof value === "object" ? JSON.stringify(value) : String(value));

/** The manager's audit log, newest first: who changed which flag, from what to what. */
export function AuditLog() {
  const { manager } = useLiveManager();
  const { act } = useConsole();
  const entries = manager.getAuditLog(undefined, { limit: 30 });
  return (
    <section className="card span-2" data-testid="audit">
      <div className="row" style={{ justifyContent: "space-between", marginBottom: 8 }}>
        <h2>Audit log</h2>
        <button onClick={() => act(() => manager.clearAuditLog())}>clear</button>
      </div>
      {entries.length === 0 ? (
        <p className="muted">No changes yet: flip a toggle, switch the user, or edit the catalogue on disk.</p>
      ) : (
        <div className="audit">
          <table className="stack">
            <thead>
              <tr>
                <th>time</th>
                <th>flag / experiment</th>
                <th>change</th>
                <th>source</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-entry">
                  <td className="muted">{time(entry.timestamp)}</td>
                  <td className="mono">
                    <BreakableName text={entry.flagName} />
                  </td>
                  <td data-label="change">
                    {show(entry.oldValue)} → <strong>{show(entry.newValue)}</strong>
                  </td>
                  <td data-label="source">
                    <span className="pill src">{entry.source}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
