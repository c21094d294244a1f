import type { ReactElement } from "react";
import { useSyncExternalStore } from "../use-sync-external-store.js";
import type { ExposureCounter } from "./exposure-counter.js";

/** Exposure counts since the devtools mounted, per flag or experiment and value. */
export function ExposuresTab({ counter }: { counter: ExposureCounter }): ReactElement {
  const counts = useSyncExternalStore(counter.subscribe, counter.getSnapshot);
  const sorted = [...counts].sort((a, b) => a.name.localeCompare(b.name) || a.value.localeCompare(b.value));
  return (
    <>
      <p className="muted">Distinct exposures the UI reported since the page loaded: each subject and value counts once.</p>
      {sorted.length === 0 ? (
        <p className="muted">No exposure yet.</p>
      ) : (
        <table aria-label="Exposures">
          <thead>
            <tr>
              <th scope="col">Flag or experiment</th>
              <th scope="col">Value</th>
              <th scope="col">Exposures</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={`${c.kind}:${c.name}:${c.value}`}>
                <td>
                  <code>{c.name}</code> <span className="muted">{c.kind}</span>
                </td>
                <td>{c.kind === "flag" ? (c.value === "true" ? "on" : "off") : c.value}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
