import { useState, type ReactElement } from "react";
import type { Explanation, FeatureFlagManager } from "@victor-flags/core";
import { BreakableName } from "./breakable-name.js";
import { flagdDefinitionOf, setVariantOverride, TypedValue, typedDetails, typedSourceText, VariantPicker } from "./typed-flag.js";

interface FlagsTabProps {
  manager: FeatureFlagManager;
  source: string;
  /** Re-read the manager after an action that may change only the audit log. */
  changed(): void;
}

function sourceText(e: Explanation): string {
  if (e.source === "runtime") return `runtime (${e.overrideSource ?? "runtime"})`;
  if (e.source === "dependency") return `dependency: ${e.dependency ?? "?"} is off`;
  return e.source;
}

/** Every flag with value, deciding layer, dependencies and an override switch (a variant picker for flagd flags). */
export function FlagsTab({ manager, source, changed }: FlagsTabProps): ReactElement {
  const [filter, setFilter] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const values = manager.getAllFlags();
  const names = Object.keys(values)
    .filter((name) => name.includes(filter.trim()))
    .sort();

  const act = (name: string, run: () => void) => {
    try {
      run();
      setErrors(({ [name]: _dropped, ...rest }) => rest);
    } catch (error) {
      // DependencyError: "Cannot enable x: dependencies not satisfied: y" — shown on the row.
      setErrors((prev) => ({ ...prev, [name]: error instanceof Error ? error.message : String(error) }));
    }
    changed();
  };

  return (
    <>
      <input type="search" aria-label="Filter flags" placeholder="Filter flags" value={filter} onChange={(e) => setFilter(e.target.value)} />
      <table>
        <thead>
          <tr>
            <th scope="col">Flag</th>
            <th scope="col">Value</th>
            <th scope="col">Source</th>
            <th scope="col">Dependencies</th>
            <th scope="col">Override</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const value = values[name] === true;
            const e = manager.explain(name);
            const meta = manager.getFlagMetadata(name);
            const deps = meta?.dependencies ?? [];
            const off = deps.filter((dep) => values[dep] !== true);
            const byEnv = e.source === "env";
            const flagd = flagdDefinitionOf(manager, name);
            const details = flagd && typedDetails(manager, name, flagd);
            const overridden = e.source === "runtime" || byEnv;
            return (
              <tr key={name} data-flag={name}>
                <td>
                  <code title={meta?.description || undefined}>
                    <BreakableName text={name} />
                  </code>
                  {errors[name] ? (
                    <p className="error" role="alert">
                      {errors[name]}
                    </p>
                  ) : null}
                </td>
                {details ? <TypedValue details={details} /> : <td className={value ? "on" : "off"}>{value ? "on" : "off"}</td>}
                <td title={details?.errorMessage ?? e.reason}>{details && !overridden ? typedSourceText(details) : sourceText(e)}</td>
                <td>
                  {deps.length === 0 ? (
                    <span className="muted">none</span>
                  ) : off.length === 0 ? (
                    <span>
                      met: <BreakableName text={deps.join(", ")} />
                    </span>
                  ) : (
                    <span className="off">
                      unmet: <BreakableName text={off.join(", ")} />
                    </span>
                  )}
                </td>
                <td className="override">
                  {flagd && details ? (
                    <VariantPicker
                      name={name}
                      def={flagd}
                      details={details}
                      overridden={overridden}
                      disabled={byEnv}
                      title={byEnv ? e.reason : undefined}
                      pick={(variant) => act(name, () => (variant === undefined ? manager.resetFlag(name) : setVariantOverride(manager, name, variant, source)))}
                    />
                  ) : (
                    <button
                      type="button"
                      role="switch"
                      className="switch"
                      aria-checked={value}
                      aria-label={`${name} override`}
                      disabled={byEnv}
                      title={byEnv ? e.reason : `Set ${name} ${value ? "off" : "on"} (source: ${source})`}
                      onClick={() => act(name, () => manager.setFlag(name, !value, { source }))}
                    />
                  )}
                  {e.overrideSource !== undefined ? (
                    <button type="button" className="link" aria-label={`Reset ${name}`} onClick={() => act(name, () => manager.resetFlag(name))}>
                      reset
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {names.length === 0 ? <p className="muted">{filter ? "No flag matches the filter." : "No flags: the config is not loaded yet."}</p> : null}
    </>
  );
}
