import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { consoleLogger, type KeyValueStorage, type Logger } from "@victor-flags/core";
import { expandHome } from "./paths.js";

/**
 * A `KeyValueStorage` kept in a JSON file, so a Node process keeps its anonymous subject id (and
 * a remote source its last good config) across restarts. Reads once, writes through atomically
 * (temp file + rename), so a crash never leaves half a file.
 */
export function createFileStorage(path: string, options: { logger?: Logger } = {}): KeyValueStorage {
  const file = expandHome(path);
  const logger = options.logger ?? consoleLogger;
  let data: Record<string, string> | undefined;

  const load = (): Record<string, string> => {
    if (data) return data;
    data = Object.create(null) as Record<string, string>;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") logger.warn(`cannot read storage file ${file}: ${(error as Error).message}; starting empty`);
      return data;
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
      for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") data[key] = value;
    } catch (error) {
      logger.warn(`storage file ${file} is not a JSON object of strings (${(error as Error).message}); starting empty`);
    }
    return data;
  };

  const save = () => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n", { mode: 0o600 });
      renameSync(tmp, file);
    } catch (error) {
      // The value still holds in memory for this process; it just will not survive a restart.
      logger.warn(`cannot write storage file ${file}: ${(error as Error).message}`);
    }
  };

  return {
    getItem: (key) => {
      const store = load();
      return Object.prototype.hasOwnProperty.call(store, key) ? store[key]! : null;
    },
    setItem: (key, value) => {
      const store = load();
      if (store[key] === value) return;
      store[key] = String(value);
      save();
    },
    removeItem: (key) => {
      const store = load();
      if (!Object.prototype.hasOwnProperty.call(store, key)) return;
      delete store[key];
      save();
    },
  };
}
