import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { FlagConfig } from "@victor-flags/core";
import { loadConfigFile } from "../config-file.js";
import type { FileProblem } from "../file-errors.js";
import { expandHome } from "../paths.js";

/** A config document that validated, as the dev server serves it. */
export interface ServedConfig {
  document: FlagConfig;
  /** The compact JSON sent over HTTP and SSE (one line, so one SSE `data:` field). */
  body: string;
  /** Quoted strong ETag of `body`. */
  etag: string;
  warnings: FileProblem[];
}

/** What a reload did: served a new document, found the same one, or kept the last good one. */
export type ReloadResult =
  | { type: "updated"; config: ServedConfig }
  | { type: "unchanged"; config: ServedConfig }
  | { type: "invalid"; error: Error; config: ServedConfig };

/** Loads and validates the file into a `ServedConfig`; throws a `ConfigFileError` when it cannot. */
export function readServedConfig(file: string): ServedConfig {
  const loaded = loadConfigFile(file);
  const body = JSON.stringify(loaded.document);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  return { document: loaded.document, body, etag, warnings: loaded.warnings };
}

/**
 * Holds the last good config of a file and reloads it when the file changes on disk. The
 * directory is watched rather than the file, because editors save by writing a temp file and
 * renaming it over the original, which a watch on the old file would miss.
 */
export class ConfigWatcher {
  private good: ServedConfig;
  private watcher: FSWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly file: string,
    private readonly onReload: (result: ReloadResult) => void,
    private readonly debounceMs = 75,
  ) {
    this.good = readServedConfig(file);
  }

  /** The last good config. */
  get current(): ServedConfig {
    return this.good;
  }

  /** Starts watching; changes are debounced so a save that writes twice reloads once. */
  start(): void {
    if (this.watcher) return;
    const full = resolve(expandHome(this.file));
    const name = basename(full);
    this.watcher = watch(dirname(full), { persistent: false }, (_event, changed) => {
      if (changed !== null && changed.toString() !== name) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.reload();
      }, this.debounceMs);
    });
    this.watcher.on("error", () => {
      // The directory went away; the last good config keeps being served.
    });
  }

  /** Re-reads the file now. An invalid file is reported and the last good config stays. */
  reload(): ReloadResult {
    let result: ReloadResult;
    try {
      const next = readServedConfig(this.file);
      if (next.etag === this.good.etag) result = { type: "unchanged", config: this.good };
      else {
        this.good = next;
        result = { type: "updated", config: next };
      }
    } catch (error) {
      result = { type: "invalid", error: error as Error, config: this.good };
    }
    this.onReload(result);
    return result;
  }

  /** Stops watching. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.watcher?.close();
    this.watcher = undefined;
  }
}
