import { useRef, useState } from "react";
import { useFlag, useFlagManager } from "@victor-flags/react";
import { PLANNER, useInstrumentation } from "../console/instrumentation";

/** Typical latency of each planner in the experiment (ms): what the metrics panel compares. */
const baseLatency: Record<string, number> = { control: 40, treatment_a: 28, treatment_b: 65 };

/**
 * Simulates 20 planner runs and records each with `recordExecution`. "Slow" makes them fail the
 * health check, which then rolls the planner flag back on its own.
 */
export function PlannerRun({ variant }: { variant: string | undefined }) {
  const { registry } = useInstrumentation();
  const manager = useFlagManager();
  const planning = useFlag(PLANNER);
  const [slow, setSlow] = useState(false);
  const users = useRef(new Set<string>());

  const run = () => {
    const metrics = registry.getOrCreate(PLANNER);
    const base = (baseLatency[variant ?? ""] ?? 40) + (slow ? 220 : 0);
    for (let i = 0; i < 20; i++) {
      const durationMs = Math.max(1, base * (0.6 + Math.random() * 0.8));
      metrics.recordExecution({ durationMs, success: Math.random() > (slow ? 0.35 : 0.02) });
    }
    users.current.add(manager.getSubject());
    metrics.recordUserActivity(users.current.size);
  };

  return (
    <div className="row" style={{ marginTop: 6 }}>
      <button onClick={run} data-testid="planner-run" disabled={!planning} title={planning ? "" : "turn hierarchical_planning_enabled on to run it"}>
        run the planner ×20
      </button>
      <label className="row">
        <input type="checkbox" checked={slow} onChange={(e) => setSlow(e.currentTarget.checked)} data-testid="planner-slow" /> slow
      </label>
    </div>
  );
}
