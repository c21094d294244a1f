import type { ReactElement } from "react";
import type { FeatureFlagManager } from "@victor-flags/core";

/** Each experiment with a variant picker (a forced variant) and how the current one was chosen. */
export function ExperimentsTab({ manager, source, changed }: { manager: FeatureFlagManager; source: string; changed(): void }): ReactElement {
  const experiments = [...manager.getExperiments()].sort((a, b) => a.name.localeCompare(b.name));
  if (experiments.length === 0) return <p className="muted">No experiments in the config.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Experiment</th>
          <th scope="col">Variant</th>
          <th scope="col">Chosen by</th>
        </tr>
      </thead>
      <tbody>
        {experiments.map((exp) => {
          const e = manager.explainVariant(exp.name);
          const id = `vf-exp-${exp.name}`;
          return (
            <tr key={exp.name} data-experiment={exp.name}>
              <td>
                <label htmlFor={id}>
                  <code>{exp.name}</code>
                </label>
              </td>
              <td>
                <select
                  id={id}
                  value={e.variant ?? ""}
                  onChange={(event) => {
                    manager.setVariant(exp.name, event.target.value, { source });
                    changed();
                  }}
                >
                  {exp.variants.map((variant, i) => (
                    <option key={variant} value={variant}>
                      {`${variant} (${Math.round((exp.weights[i] ?? 0) * 1000) / 10}%)`}
                    </option>
                  ))}
                </select>
              </td>
              <td title={e.reason}>
                {e.source === "runtime" ? `forced (${e.overrideSource ?? "runtime"})` : "bucketing"}
                {e.source === "runtime" ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={`Reset ${exp.name}`}
                    onClick={() => {
                      manager.resetVariant(exp.name);
                      changed();
                    }}
                  >
                    reset
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
