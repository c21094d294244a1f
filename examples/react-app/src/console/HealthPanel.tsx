import { useConsole } from "./use-console";
import { PLANNER, useInstrumentation } from "./instrumentation";
import { BreakableName } from "./BreakableName";

const tone = { healthy: "on", degraded: "warn", unhealthy: "bad", unknown: "off" } as const;

/** `checkAll()` results, refreshed every 2 s; the planner's check rolls its flag back when unhealthy. */
export function HealthPanel() {
  const { health, checker, watch } = useInstrumentation();
  const { act } = useConsole();
  const rolledBack = checker.getRolledBack();
  return (
    <section className="card wide" data-testid="health">
      <div className="row" style={{ justifyContent: "space-between", marginBottom: 8 }}>
        <h2>Health checks</h2>
        <button onClick={() => void watch?.checkNow()}>check now</button>
      </div>
      {health.length === 0 && <p className="muted">first run…</p>}
      <table className="stack">
        <tbody>
          {health.map((result) => (
            <tr key={result.name} data-testid={`health-${result.name}`} data-status={result.status}>
              <td>
                <code>
                  <BreakableName text={result.name} />
                </code>
              </td>
              <td className="nowrap">
                <span className={`pill ${tone[result.status]}`}>{result.status}</span>
              </td>
              <td className="muted">{result.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        "unknown" means this browser cannot measure it; the SDK never guesses. When{" "}
        <code>
          <BreakableName text={`performance:${PLANNER}`} />
        </code>{" "}
        turns unhealthy, the checker turns{" "}
        <code>
          <BreakableName text={PLANNER} />
        </code>{" "}
        off (source <code>auto_rollback</code>).
      </p>
      {rolledBack.length > 0 && (
        <div className="row">
          <span className="pill bad">rolled back: {rolledBack.join(", ")}</span>
          <button
            onClick={() =>
              act(() => {
                for (const name of rolledBack) {
                  checker.metrics.getOrCreate(name).reset();
                  checker.rearmRollback(name);
                }
              })
            }
          >
            clear metrics and re-arm
          </button>
        </div>
      )}
    </section>
  );
}
