import { useInstrumentation } from "./instrumentation";
import { BreakableName } from "./BreakableName";

// A no-break space: "40" and "ms" never end up on two lines.
const ms = (n: number | null) => (n === null ? "—" : `${Math.round(n)}\u00a0ms`);

/** `getSummary()` of each feature with recorded executions, recent percentiles, and the exposure reporter's counters. */
export function MetricsPanel() {
  const { registry, reporter } = useInstrumentation();
  const names = registry.names();
  const stats = reporter?.getStats();
  return (
    <section className="card" data-testid="metrics">
      <h2>Metrics</h2>
      {names.length === 0 ? (
        <p className="muted">No executions yet: turn on hierarchical_planning_enabled and press "run the planner".</p>
      ) : (
        // One row with the feature's name, then its numbers: six columns in a third of the page
        // left the name a few letters wide.
        <table className="stack">
          <thead>
            <tr>
              <th>runs</th>
              <th>errors</th>
              <th>avg</th>
              <th>p50 / p95 / p99</th>
              <th>users</th>
            </tr>
          </thead>
          {names.map((name) => {
              const metrics = registry.getOrCreate(name);
              const s = metrics.getSummary();
              const p = metrics.getLatencyPercentiles();
              return (
                // A tbody per feature: its name row and its numbers row read as one.
                <tbody key={name} data-testid={`metrics-${name}`}>
                  <tr className="group">
                    <td colSpan={5}>
                      <code>
                        <BreakableName text={s.feature} />
                      </code>{" "}
                      <span className={`pill ${s.enabled ? "on" : "off"}`}>{s.enabled ? "on" : "off"}</span>
                    </td>
                  </tr>
                  <tr>
                    <td data-label="runs">{s.executions}</td>
                    <td data-label="errors">
                      {s.errors} ({(s.errorRate * 100).toFixed(1)}%)
                    </td>
                    <td data-label="avg">{ms(s.avgDurationMs)}</td>
                    <td data-label="p50 / p95 / p99">
                      {ms(p.p50)} / {ms(p.p95)} / {ms(p.p99)}
                    </td>
                    <td data-label="users">{s.activeUsers}</td>
                  </tr>
                </tbody>
              );
            })}
        </table>
      )}
      <h3 style={{ marginTop: 10 }}>Exposures</h3>
      {stats ? (
        <p className="muted" data-testid="exposure-stats">
          {stats.pendingExposures} waiting, {stats.sentExposures} sent in {stats.sentBatches} batches to the dev server, {stats.droppedExposures} dropped
          {stats.retries ? `, ${stats.retries} retries` : ""}
        </p>
      ) : (
        <p className="muted">starting…</p>
      )}
    </section>
  );
}
