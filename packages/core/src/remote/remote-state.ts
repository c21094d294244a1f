import type { KeyValueStorage, Logger } from "../platform.js";
import type { FlagContext } from "../types.js";
import type { ConfigTarget } from "./config-target.js";
import type { RemoteSourceOptions } from "./remote-options.js";

/** A document `hydrate()` turned down; the engine explains it with the full validator's messages. */
export interface RejectedAtStart {
  what: "bootstrap" | "cache";
  key: string;
  doc: unknown;
}

/** What the eager part of a remote source shares with its lazily loaded network engine. */
export interface RemoteState {
  /** The options as given: the engine resolves what hydrate() does not need. */
  readonly options: RemoteSourceOptions;
  readonly url: (context: FlagContext) => string;
  readonly storage: KeyValueStorage;
  readonly logger: Logger;
  readonly cacheKey: (url: string) => string;
  readonly maxBodyBytes: number;
  readonly rejected: RejectedAtStart[];
  /** True once the start settled: a network config applied, or the start timeout passed. */
  settled: boolean;
  /** Settles the start and resolves `ready()`. */
  settle(): void;
}

/** The network half of a remote source, loaded by the first `start()` through `import()`. */
export interface RemoteEngine {
  /** Fetches now, then polls / streams into `target`; a no-op while running. */
  begin(target: ConfigTarget): void;
  /** Aborts the request in flight, closes the stream and clears every timer. */
  halt(): void;
  /** Fetches now (joining a request in flight). */
  refresh(): Promise<void>;
  /** Settles the start on what the target holds, with a `timeout` error naming what was missing. */
  timedOut(target: ConfigTarget, startTimeoutMs: number): void;
}
