// One rule maps every measured figure to a status, so resources and performance read alike:
//   value >= threshold                    -> unhealthy
//   value >= threshold * degradedRatio    -> degraded   (default ratio 0.8: "within 20 % of it")
//   otherwise                             -> healthy
//   no value (the platform cannot tell)   -> unknown

/** The state of one check. */
export type HealthStatus = "healthy" | "degraded" | "unhealthy" | "unknown";

/** Default fraction of a threshold at which a figure counts as degraded. */
export const DEFAULT_DEGRADED_RATIO = 0.8;

/** Status of `value` against `threshold` (see the table at the top of this file). */
export function classifyHealth(value: number | undefined, threshold: number, degradedRatio = DEFAULT_DEGRADED_RATIO): HealthStatus {
  if (value === undefined || !Number.isFinite(value)) return "unknown";
  if (value >= threshold) return "unhealthy";
  if (value >= threshold * degradedRatio) return "degraded";
  return "healthy";
}

const SEVERITY: Record<HealthStatus, number> = { healthy: 0, unknown: 1, degraded: 2, unhealthy: 3 };

/** The more severe of two statuses (unhealthy > degraded > unknown > healthy). */
export function worst(a: HealthStatus, b: HealthStatus): HealthStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}
