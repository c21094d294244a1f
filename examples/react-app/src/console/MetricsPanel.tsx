import { useInstrumentation } from "./instrumentation";

const ms = (n: number | null) => (n === null ? "—" : `${Math.round(n)} ms`);

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
        <table>
          <thead>
            <tr>
              <th>feature</th>
              <th>runs</th>
              <th>errors</th>
              <th>avg</th>
              <th>p50 / p95 / p99</th>
              <th>users</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const metrics = registry.getOrCreate(name);
              const s = metrics.getSummary();
              const p = metrics.getLatencyPercentiles();
              return (
                <tr key={name} data-testid={`metrics-${name}`}>
                  <td>
                    <code>{s.feature}</code> <span className={`pill ${s.enabled ? "on" : "off"}`}>{s.enabled ? "on" : "off"}</span>
                  </td>
                  <td>{s.executions}</td>
                  <td>
                    {s.errors} ({(s.errorRate * 100).toFixed(1)}%)
                  </td>
                  <td>{ms(s.avgDurationMs)}</td>
                  <td>
                    {ms(p.p50)} / {ms(p.p95)} / {ms(p.p99)}
                  </td>
                  <td>{s.activeUsers}</td>
                </tr>
              );
            })}
          </tbody>
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
