import { DependencyError, type FlagMetadata } from "@victor-flags/react";
import { describe, useConsole, useLiveManager } from "./use-console";
import { BreakableName } from "./BreakableName";

/** `key: value, key: value`: JSON without spaces is one unbreakable word in a narrow column. */
function formatMetadata(metadata: Record<string, unknown>): string {
  const value = (v: unknown) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(", ")}]` : JSON.stringify(v));
  return Object.entries(metadata)
    .map(([k, v]) => `${k}: ${value(v)}`)
    .join(", ");
}

function MetadataCell({ meta }: { meta: FlagMetadata | undefined }) {
  if (!meta) return <td className="meta" data-label="definition">—</td>;
  const facts = [
    meta.rolloutStrategy,
    meta.rollout ? `rollout ${meta.rollout.percentage}%` : undefined,
    meta.stable ? "stable" : "unstable",
    meta.since ? `since ${meta.since}` : undefined,
    meta.adHoc ? "ad hoc" : undefined,
  ].filter(Boolean);
  return (
    <td className="meta" data-label="definition">
      <div>{facts.join(" · ")}</div>
      {meta.dependencies.length > 0 && (
        <div>
          needs: <BreakableName text={meta.dependencies.join(", ")} />
        </div>
      )}
      {Object.keys(meta.metadata).length > 0 && <code>{formatMetadata(meta.metadata)}</code>}
    </td>
  );
}

/** Every flag: effective value, the layer that decided it (`explain`), its definition, and a runtime toggle. */
export function FlagTable() {
  const { manager, snapshot } = useLiveManager();
  const { act, error, dismiss } = useConsole();
  const names = Object.keys(snapshot.flags);

  return (
    <section className="card wide" data-testid="flags">
      <div className="row" style={{ justifyContent: "space-between", marginBottom: 8 }}>
        <h2>Flags ({names.length})</h2>
        <button onClick={() => act(() => manager.resetAll())} data-testid="reset-all">
          Reset all overrides
        </button>
      </div>
      {error && (
        <div className="alert" role="alert" data-testid="action-error">
          <span>
            {error instanceof DependencyError ? `Turn on ${error.unmet.join(", ")} first. ` : ""}
            {describe(error)}
          </span>
          <button onClick={dismiss}>dismiss</button>
        </div>
      )}
      <table className="stack">
        <thead>
          <tr>
            <th>flag</th>
            <th>override</th>
            <th>value</th>
            <th>source (explain)</th>
            <th>definition and metadata</th>
          </tr>
        </thead>
        <tbody>
          {names.map((name) => {
            const value = snapshot.flags[name] === true;
            const why = manager.explain(name);
            const meta = manager.getFlagMetadata(name);
            return (
              <tr key={name} data-testid={`flag-${name}`} data-value={String(value)} data-source={why.source}>
                <td>
                  <strong className="mono">
                    <BreakableName text={name} />
                  </strong>
                  <div className="muted">{meta?.description}</div>
                </td>
                <td className="nowrap" data-label="override">
                  <label className="row" style={{ flexWrap: "nowrap" }}>
                    <input
                      type="checkbox"
                      checked={value}
                      aria-label={`toggle ${name}`}
                      data-testid={`toggle-${name}`}
                      onChange={(event) => {
                        const next = event.currentTarget.checked;
                        act(() => manager.setFlag(name, next));
                      }}
                    />
                    <button onClick={() => act(() => manager.resetFlag(name))} data-testid={`reset-${name}`}>
                      reset
                    </button>
                  </label>
                </td>
                <td data-label="value">
                  <span className={`pill ${value ? "on" : "off"}`}>{value ? "on" : "off"}</span>
                </td>
                <td data-label="source">
                  <span className="pill src">{why.source}</span>
                  <div className="muted">{why.reason}</div>
                </td>
                <MetadataCell meta={meta} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
