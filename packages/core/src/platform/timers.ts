// Timers through globalThis at call time, so fake timers installed after import apply.

type TimerHandle = { unref?: () => void } | number;

/**
 * `setTimeout` through globalThis at call time (so fake timers apply); the returned function
 * cancels it. `detached` timers do not keep a Node process alive (metrics, health); the remote
 * source's timers do, as a pending request would.
 */
export function startTimeout(callback: () => void, ms: number, detached = true): () => void {
  const handle = (globalThis.setTimeout as (cb: () => void, ms: number) => TimerHandle)(callback, ms);
  if (detached && typeof handle === "object" && typeof handle.unref === "function") handle.unref();
  return () => globalThis.clearTimeout(handle as Parameters<typeof clearTimeout>[0]);
}

/** `setInterval` through globalThis (so fake timers apply), not keeping a Node process alive. */
export function startInterval(callback: () => void, ms: number): () => void {
  const handle = (globalThis.setInterval as (cb: () => void, ms: number) => TimerHandle)(callback, ms);
  if (typeof handle === "object" && typeof handle.unref === "function") handle.unref();
  return () => globalThis.clearInterval(handle as Parameters<typeof clearInterval>[0]);
}
