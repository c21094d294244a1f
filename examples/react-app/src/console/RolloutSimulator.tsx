import { useMemo, useState } from "react";
import { StagedRolloutResolver } from "@victor-flags/core";
import { useLiveManager, useSubject } from "./use-console";

const USERS = 1000;
const COLUMNS = 50;
const CELL = 9;

/**
 * What a rollout percentage means: 1 000 simulated users bucketed with the SDK's hash. Raising
 * the slider only ever adds users (monotonic bucketing). A simulation: the config on the server
 * decides the real percentage.
 */
export function RolloutSimulator() {
  const { manager, snapshot } = useLiveManager();
  const subject = useSubject();
  const gradual = Object.keys(snapshot.flags).filter((name) => manager.getFlagMetadata(name)?.rolloutStrategy === "gradual");
  const [chosen, setFlag] = useState("");
  // Until the user picks one (and while the config is still loading): the first flag with a rollout.
  const flag = gradual.includes(chosen) ? chosen : (gradual.find((name) => manager.getFlagMetadata(name)?.rollout) ?? gradual[0] ?? "");
  const configured = manager.getFlagMetadata(flag)?.rollout?.percentage ?? 0;
  const [percentage, setPercentage] = useState<number | undefined>(undefined);
  const p = percentage ?? configured;

  // One resolver per simulated user, kept across slider moves: only the percentage changes.
  const resolvers = useMemo(() => Array.from({ length: USERS }, (_, i) => new StagedRolloutResolver({ rolloutPercentage: 0, subject: `simulated-user-${i}` })), []);
  const inside = useMemo(
    () =>
      resolvers.map((r) => {
        r.setRolloutPercentage(p);
        return flag !== "" && r.resolve(flag, false);
      }),
    [resolvers, flag, p],
  );
  const count = inside.filter(Boolean).length;
  const me = flag !== "" && new StagedRolloutResolver({ rolloutPercentage: p, subject }).resolve(flag, false);
  const rows = Math.ceil(USERS / COLUMNS);

  return (
    <section className="card" data-testid="rollout">
      <h2>Rollout simulator</h2>
      <div className="row">
        <select
          value={flag}
          onChange={(e) => {
            setFlag(e.currentTarget.value);
            setPercentage(undefined);
          }}
          aria-label="flag"
        >
          {gradual.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
        <input type="range" min={0} max={100} step={1} value={p} onChange={(e) => setPercentage(Number(e.currentTarget.value))} aria-label="rollout percentage" data-testid="rollout-slider" />
        <strong>{p}%</strong>
      </div>
      <svg className="dots" viewBox={`0 0 ${COLUMNS * CELL} ${rows * CELL}`} width="100%" role="img" aria-label={`${count} of ${USERS} users in`}>
        {inside.map((on, i) => (
          <rect key={i} x={(i % COLUMNS) * CELL} y={Math.floor(i / COLUMNS) * CELL} width={CELL - 2} height={CELL - 2} rx={2} fill={on ? "#137a4b" : "#dde1e7"} />
        ))}
      </svg>
      <p>
        <strong data-testid="rollout-count">{count}</strong> of {USERS.toLocaleString("en")} simulated users are in ({((count / USERS) * 100).toFixed(1)}% for a
        target of {p}%). You ({subject}) would be <strong>{me ? "in" : "out"}</strong>.
      </p>
      <p className="muted">The catalogue sets {configured}% for this flag; edit it on disk to change it for real.</p>
    </section>
  );
}
