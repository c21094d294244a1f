// Production's check of what hydrate() installed before the validator was loaded: a bootstrap
// object, or a cache entry whose integrity sum held. Loaded with import() right after hydrate,
// so a bad document is served only until this chunk arrives (and the store's tolerant reads
// mean it can neither crash nor hang evaluation meanwhile); then it goes, as in development.
import type { FlagConfig } from "../types.js";
import { readCached, removeCached } from "./config-cache.js";
import { problemsOf } from "./config-problems.js";
import type { ConfigTarget } from "./config-target.js";
import type { RejectedAtStart, RemoteState } from "./remote-state.js";

/** What the target serves once a hydrated document is rejected and nothing else is left. */
const EMPTY: FlagConfig = { version: 1, flags: {} };

/** Validates the document hydrate() installed; a bad one is replaced by the cache, else by nothing. */
export function verifyHydrated(s: RemoteState, t: ConfigTarget, hydrated: RejectedAtStart): void {
  // Anything installed since (the network, the stream) was validated on its way in.
  if (t.getStatus().source !== hydrated.what) return;
  const problems = problemsOf(hydrated.doc);
  if (problems === undefined) return;
  let replacement: { doc: FlagConfig; origin: "cache" | "none" } = { doc: EMPTY, origin: "none" };
  if (hydrated.what === "bootstrap") {
    s.logger.error(`bootstrap config rejected, trying the cache instead: ${problems.message}`);
    const cached = readCached(s.storage, hydrated.key, s.maxBodyBytes, s.logger);
    const cacheProblems = cached === undefined ? undefined : problemsOf(cached);
    if (cached !== undefined && cacheProblems === undefined) replacement = { doc: cached as FlagConfig, origin: "cache" };
    else if (cacheProblems !== undefined) rejectCache(s, hydrated.key, cacheProblems.message);
  } else rejectCache(s, hydrated.key, problems.message);
  t.setConfig(replacement.doc, replacement.origin);
  t.setStatus(s.settled ? { source: replacement.origin } : { ready: false, loading: true, error: null, stale: false, source: replacement.origin });
}

function rejectCache(s: RemoteState, key: string, why: string): void {
  removeCached(s.storage, key);
  s.logger.warn(`cached config under "${key}" no longer validates; it was removed (${why})`);
}
