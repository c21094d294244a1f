import type { FlagChange } from "./flag-store.js";
import { KeyedListeners, notifyAll } from "./listeners.js";
import type { Logger } from "./platform.js";

/** `(name, value)` after a flag's effective value changed. */
export type FlagCallback = (name: string, value: boolean) => void;

/** Per-name and `"*"` callbacks, each run in isolation after the store is consistent. */
export class ChangeCallbacks {
  private readonly byName = new KeyedListeners<FlagCallback>();

  constructor(private readonly logger: Logger) {}

  /** Registers `callback` for `name` or `"*"`; the returned function removes it. */
  add(name: string, callback: FlagCallback): () => void {
    return this.byName.add(name, callback);
  }

  /** Calls the callbacks of every change, named ones first, then `"*"`. */
  fire(changes: readonly FlagChange[]): void {
    for (const c of changes) {
      notifyAll(this.byName.get(c.name), [c.name, c.value], this.logger, `onFlagChanged callback for "${c.name}"`);
      notifyAll(this.byName.get("*"), [c.name, c.value], this.logger, `onFlagChanged("*") callback`);
    }
  }

  /** Callbacks attached (for leak checks). */
  get count(): number {
    return this.byName.count;
  }
}
