import { InvalidArgumentError } from "../errors.js";
import { ExposureLog } from "../exposure-log.js";
import { internalsOf, type FlagStore } from "../flag-store.js";
import type { Logger } from "../platform/logger.js";
import type { ExposureEvent } from "../types.js";
import { composedManager } from "./store-or-manager.js";

/**
 * Calls `listener` once per distinct exposure the store records (per subject, flag and value).
 * Through the store's manager when it has one, so its `clearCache()` resets what was seen, as it
 * always did; otherwise with a log of its own, so the manager is not needed.
 */
export function listenToExposures(store: FlagStore, logger: Logger, listener: (event: ExposureEvent) => void): () => void {
  const manager = composedManager(store);
  if (manager !== undefined) return manager.onExposure(listener);
  // The store's own exposure listeners (what `extendFlagStore(store).onExposure` adds to),
  // without bundling the rest of the extension.
  const listeners = internalsOf(store)?.exposureListeners;
  if (listeners === undefined) throw new InvalidArgumentError("createExposureReporter: store must be made by createFlagStore");
  const log = new ExposureLog(logger);
  const stopLog = log.listen(listener);
  const forward = (e: ExposureEvent) => log.record(e.kind, e.name, e.value, e.subject);
  listeners.add(forward);
  return () => {
    listeners.delete(forward);
    stopLog();
  };
}
