import { nanoid } from "nanoid";
import { getDefaultFlagStore } from "../default-store.js";
import type { FeatureFlagManager } from "../feature-flag-manager.js";
import type { FlagStore } from "../flag-store.js";
import { consoleLogger, type Logger } from "../platform/logger.js";
import type { ExposureEvent } from "../types.js";
import { backoffDelay } from "../remote/backoff.js";
import { checkExposure, noJitter, readReporterOptions } from "./exposure-options.js";
import { listenToExposures } from "./exposure-listener.js";
import { storeOfOptions } from "./store-or-manager.js";
import { ExposureAggregate, type ExposureBatch } from "./exposure-aggregate.js";
import { isRetryableStatus, jsonExposureFormat, type ExposureFormat } from "./exposure-payload.js";
import { globalFetch, type ReporterFetch } from "../platform/fetch.js";
import { detectBeacon, detectPageLifecycle, type BeaconSender, type PageLifecycle } from "../platform/page.js";
import { startInterval, startTimeout } from "../platform/timers.js";

/** How failed sends are retried. */
export interface ExposureRetryOptions {
  /** Retries after the first attempt before the batch is dropped (default 3). */
  maxRetries?: number;
  /** Delay before the first retry; doubles each time (default 1000 ms). */
  baseDelayMs?: number;
  /** Cap on the delay (default 30 000 ms). */
  maxDelayMs?: number;
  /** Spread each delay randomly over 50–100 % of its value so clients do not retry in step (default true). */
  jitter?: boolean;
}

/** Options of `createExposureReporter`. */
export interface ExposureReporterOptions {
  /** Where batches are POSTed. */
  url: string;
  /** The store whose exposures are counted, each distinct one once (default: the default manager's store). */
  store?: FlagStore;
  /** The same through a manager: its deduplicated `onExposure` events (give `store` or `manager`, not both). */
  manager?: FeatureFlagManager;
  /** Time between flushes (default 10 000 ms). */
  flushIntervalMs?: number;
  /** Distinct lines per batch; the window is sent as soon as it holds this many (default 100). */
  maxBatchSize?: number;
  /** Batches kept while sending fails (one under retry included); beyond it the oldest waiting one is dropped and counted (default 20). */
  maxQueue?: number;
  /** Retry policy, or `false` for none. */
  retry?: ExposureRetryOptions | false;
  /** Abort one request after this long (default 10 000 ms). */
  timeoutMs?: number;
  /** Extra request headers (e.g. an API key). */
  headers?: Record<string, string>;
  /** Wire format (default `jsonExposureFormat`; see `otlpExposureFormat`). */
  format?: ExposureFormat;
  /** Replaces `globalThis.fetch`. */
  fetch?: ReporterFetch;
  /** Replaces `navigator.sendBeacon`; `false` sends on page hide with `fetch(..., { keepalive: true })`. */
  beacon?: BeaconSender | false;
  /** Replaces the pagehide/visibilitychange listeners; `false` disables sending on page hide. */
  lifecycle?: PageLifecycle | false;
  /** Where warnings about dropped batches go (default: console). */
  logger?: Logger;
}

/** Counters of a reporter, for dashboards and tests. */
export interface ExposureReporterStats {
  /** Distinct lines in the window not yet cut into a batch. */
  pendingLines: number;
  /** Exposures in that window. */
  pendingExposures: number;
  /** Batches waiting to be sent (including one waiting for a retry), not counting one in flight. */
  queuedBatches: number;
  inFlight: boolean;
  sentBatches: number;
  sentExposures: number;
  droppedBatches: number;
  droppedExposures: number;
  retries: number;
  /** Batches handed to `sendBeacon` (or a keepalive fetch) on page hide. */
  beaconBatches: number;
}

/** A running exposure reporter. */
export interface ExposureReporter {
  /** Counts one exposure (the store's events arrive here; call it yourself for other sources). */
  record(event: ExposureEvent): void;
  /** Cuts the current window and sends every queued batch; resolves when the queue is empty or waits for a retry. */
  flush(): Promise<void>;
  /** Sends what is left by beacon, as on page hide. */
  sendRemainingByBeacon(): void;
  getStats(): ExposureReporterStats;
  /** Stops timers and listeners; what was not sent is counted as dropped. */
  dispose(): void;
}

type Queued = { batch: ExposureBatch; attempts: number };
type Outcome = { kind: "sent" } | { kind: "retry" } | { kind: "drop"; reason: string };

/** Counts exposures in bounded memory and reports them in batches (docs/metrics-and-health.md). */
export function createExposureReporter(options: ExposureReporterOptions): ExposureReporter {
  const cfg = readReporterOptions(options);
  const store = storeOfOptions(options, "createExposureReporter") ?? getDefaultFlagStore();
  const logger = options.logger ?? consoleLogger;
  const format = options.format ?? jsonExposureFormat;
  const fetchFn = options.fetch ?? globalFetch;
  const beacon = options.beacon === false ? undefined : (options.beacon ?? detectBeacon());
  const lifecycle = options.lifecycle === false ? undefined : (options.lifecycle ?? detectPageLifecycle());
  const retryable = format.isRetryable ?? isRetryableStatus;
  const reporterId = nanoid();
  const warned = new Set<string>();

  const aggregate = new ExposureAggregate(cfg.maxBatchSize);
  const queue: Queued[] = [];
  const stats = { sentBatches: 0, sentExposures: 0, droppedBatches: 0, droppedExposures: 0, retries: 0, beaconBatches: 0 };
  let inFlight = false;
  let draining: Promise<void> | undefined;
  let cancelRetry: (() => void) | undefined;
  let disposed = false;

  const warnOnce = (reason: string) => {
    if (warned.has(reason)) return;
    warned.add(reason);
    logger.warn(`exposure reporter dropped data (${reason}); see getStats().droppedExposures`);
  };

  const drop = (item: Queued, reason: string) => {
    stats.droppedBatches++;
    stats.droppedExposures += item.batch.total;
    warnOnce(reason);
  };

  const enqueue = (batch: ExposureBatch) => {
    // Bounded: when sending keeps failing, the oldest batch goes first and is counted.
    if (queue.length >= cfg.maxQueue) drop(queue.shift()!, "queue full");
    queue.push({ batch, attempts: 0 });
  };

  const cutWindow = () => {
    const batch = aggregate.cut(nanoid());
    if (batch) enqueue(batch);
  };

  const body = (item: Queued) => format.encode(item.batch, { reporterId, droppedTotal: stats.droppedExposures });

  const headers = () => ({ "content-type": format.contentType, ...options.headers });

  const sendOnce = async (item: Queued): Promise<Outcome> => {
    const controller = typeof AbortController === "function" ? new AbortController() : undefined;
    const cancelTimeout = controller ? startTimeout(() => controller.abort(), cfg.timeoutMs) : undefined;
    try {
      const response = await fetchFn(options.url, { method: "POST", headers: headers(), body: body(item), ...(controller ? { signal: controller.signal } : {}) });
      if (response.ok) return { kind: "sent" };
      if (retryable(response.status)) return { kind: "retry" };
      return { kind: "drop", reason: `HTTP ${response.status}, not retried` };
    } catch {
      return { kind: "retry" }; // network error or timeout
    } finally {
      cancelTimeout?.();
    }
  };

  const runQueue = async () => {
    while (queue.length > 0 && !disposed && !cancelRetry) {
      const item = queue.shift()!;
      inFlight = true;
      const outcome = await sendOnce(item);
      inFlight = false;
      if (outcome.kind === "sent") {
        stats.sentBatches++;
        stats.sentExposures += item.batch.total;
      } else if (outcome.kind === "drop") {
        drop(item, outcome.reason);
      } else if (disposed || item.attempts >= cfg.maxRetries) {
        drop(item, "retries exhausted");
      } else {
        item.attempts++;
        stats.retries++;
        queue.unshift(item);
        if (queue.length > cfg.maxQueue) drop(queue.splice(1, 1)[0]!, "queue full");
        cancelRetry = startTimeout(() => {
          cancelRetry = undefined;
          void drain();
        }, backoffDelay(item.attempts - 1, cfg.backoff, cfg.jitter ? Math.random : noJitter));
      }
    }
  };

  function drain(): Promise<void> {
    if (disposed || cancelRetry) return Promise.resolve();
    if (!draining) {
      draining = runQueue().finally(() => {
        draining = undefined;
        // A batch queued between the loop's last check and now must not wait for the next tick.
        if (queue.length > 0) void drain();
      });
    }
    return draining;
  }

  const keepaliveSend = (item: Queued) => {
    fetchFn(options.url, { method: "POST", headers: headers(), body: body(item), keepalive: true }).then(
      (response) => {
        if (!response.ok) return drop(item, `HTTP ${response.status} on page hide`);
        stats.sentBatches++;
        stats.sentExposures += item.batch.total;
      },
      () => drop(item, "network error on page hide"),
    );
  };

  const sendRemainingByBeacon = () => {
    if (disposed) return;
    cutWindow();
    cancelRetry?.();
    cancelRetry = undefined;
    // A page being hidden may never run another timer: hand everything to the browser now.
    for (const item of queue.splice(0)) {
      stats.beaconBatches++;
      if (!beacon) {
        keepaliveSend(item);
      } else if (beacon(options.url, body(item), format.contentType)) {
        stats.sentBatches++;
        stats.sentExposures += item.batch.total;
      } else {
        drop(item, "sendBeacon refused the payload");
      }
    }
  };

  const record = (event: ExposureEvent) => {
    if (disposed) return;
    checkExposure(event);
    aggregate.add(event);
    if (aggregate.full) {
      cutWindow();
      void drain();
    }
  };

  const stopInterval = startInterval(() => {
    cutWindow();
    void drain();
  }, cfg.flushIntervalMs);
  const stopLifecycle = lifecycle?.onHide(sendRemainingByBeacon);
  const stopListening = listenToExposures(store, logger, record);

  return {
    record,
    flush() {
      if (disposed) return Promise.resolve();
      cutWindow();
      return drain();
    },
    sendRemainingByBeacon,
    getStats: () => ({ pendingLines: aggregate.size, pendingExposures: aggregate.count, queuedBatches: queue.length, inFlight, ...stats }),
    dispose() {
      if (disposed) return;
      disposed = true;
      stopListening();
      stopInterval();
      stopLifecycle?.();
      cancelRetry?.();
      cancelRetry = undefined;
      const lost = aggregate.discard() + queue.splice(0).reduce((sum, item) => sum + item.batch.total, 0);
      if (lost > 0) stats.droppedExposures += lost;
    },
  };
}
