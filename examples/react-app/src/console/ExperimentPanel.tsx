import { useMemo, useState } from "react";
import { assignVariant } from "@victor-flags/core";
import { useVariant } from "@victor-flags/react";
import { useConsole, useLiveManager, useSubject } from "./use-console";

const EXPERIMENT = "experiment_1";
const SIMULATED = 1000;
const colors = ["#8a94a6", "#3451b2", "#137a4b", "#a35200", "#b42318"];
const presets = ["alice", "bob", "carol", "dave"];

interface Props {
  userId: string;
  onUserChange: (userId: string) => void;
}

/** The A/B experiment of the catalogue: this subject's variant, how 1 000 users split, and a user switch. */
export function ExperimentPanel({ userId, onUserChange }: Props) {
  const variant = useVariant(EXPERIMENT);
  const subject = useSubject();
  const { manager, snapshot } = useLiveManager();
  const { act } = useConsole();
  const [draft, setDraft] = useState(userId);
  const experiment = manager.getExperiments().find((e) => e.name === EXPERIMENT);

  // How the experiment's weights land on 1 000 simulated users. Bucketing only: a variant forced
  // on this page (QA) applies to this page, not to other users, so it must not show up here.
  const split = useMemo(() => {
    const counts = new Map<string, number>();
    if (!experiment) return counts;
    for (let i = 0; i < SIMULATED; i++) {
      const v = assignVariant(experiment.seed, `simulated-user-${i}`, experiment.variants, experiment.weights) ?? "none";
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
    // The snapshot changes when a new config (new weights) arrives.
  }, [experiment, snapshot]);

  if (!experiment) return <section className="card">No experiment "{EXPERIMENT}" in the config.</section>;
  const why = manager.explainVariant(EXPERIMENT);

  return (
    <section className="card" data-testid="experiment">
      <h2>A/B experiment: {EXPERIMENT}</h2>
      <p className="muted">{experiment.description}</p>
      <p>
        You are in <strong data-testid="variant">{variant ?? "—"}</strong> <span className="pill src">{why.source}</span>
      </p>
      <p className="muted">{why.reason}</p>

      <h3>How {SIMULATED.toLocaleString("en")} simulated users split</h3>
      <div className="bar" aria-label="variant split">
        {experiment.variants.map((v, i) => (
          <span key={v} title={`${v}: ${split.get(v) ?? 0}`} style={{ width: `${((split.get(v) ?? 0) / SIMULATED) * 100}%`, background: colors[i % colors.length] }} />
        ))}
      </div>
      <p className="muted" data-testid="variant-split">
        {experiment.variants.map((v, i) => `${v} ${split.get(v) ?? 0} (weight ${experiment.weights[i]})`).join(" · ")}
        {why.source === "runtime" && ` — by bucketing; this page is forced to ${variant ?? "?"} (${why.overrideSource ?? "override"})`}
      </p>

      <h3>Switch user</h3>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          onUserChange(draft.trim());
        }}
      >
        <input value={draft} onChange={(e) => setDraft(e.currentTarget.value)} placeholder="user id (empty: anonymous)" data-testid="user-input" />
        <button type="submit" className="primary" data-testid="user-apply">
          use
        </button>
        {presets.map((p) => (
          <button type="button" key={p} onClick={() => (setDraft(p), onUserChange(p))}>
            {p}
          </button>
        ))}
        <button type="button" onClick={() => (setDraft(""), onUserChange(""))} data-testid="user-anonymous">
          anonymous
        </button>
      </form>
      <p className="muted">
        {userId ? `userId "${userId}"` : "anonymous visitor (random id kept in localStorage)"}: subject <code>{subject}</code>
      </p>

      <h3>Force a variant (QA)</h3>
      <div className="row">
        {experiment.variants.map((v) => (
          <button key={v} onClick={() => act(() => manager.setVariant(EXPERIMENT, v, { source: "qa" }))}>
            {v}
          </button>
        ))}
        <button onClick={() => act(() => manager.resetVariant(EXPERIMENT))}>back to bucketing</button>
      </div>
    </section>
  );
}
