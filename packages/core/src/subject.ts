import { nanoid } from "nanoid";
import type { KeyValueStorage } from "./platform.js";
import { InvalidArgumentError } from "./errors.js";
import { isPlainObject, isReservedName } from "./safe-record.js";
import type { FlagContext } from "./types.js";

/** Storage key of the anonymous subject id. */
export const ANONYMOUS_ID_KEY = "victor-flags:anonymous-id";

/**
 * The anonymous id stored under `ANONYMOUS_ID_KEY`, created with nanoid on first use, so a
 * returning visitor keeps every bucket.
 */
export function getAnonymousId(storage: KeyValueStorage): string {
  let id: string | null | undefined;
  try {
    id = storage.getItem(ANONYMOUS_ID_KEY);
  } catch {
    // unreadable storage: a fresh id, kept for this page
  }
  if (typeof id === "string" && id) return id;
  const fresh = nanoid();
  try {
    storage.setItem(ANONYMOUS_ID_KEY, fresh);
  } catch {
    // the id still holds for this page; it just will not survive a reload
  }
  return fresh;
}

/**
 * The bucketing subject for a context: its `userId`, or the anonymous id. An empty or
 * whitespace-only `userId` counts as absent: bucketing every such user together would put them
 * all in the same bucket, which is never what a caller meant.
 */
export function subjectFor(context: FlagContext, storage: KeyValueStorage): string {
  return subjectOf(context) ?? getAnonymousId(storage);
}

/** A context's `userId` when it is a usable subject, else `undefined`. */
export function subjectOf(context: FlagContext): string | undefined {
  const id = context.userId;
  return typeof id === "string" && id.trim() ? id : undefined;
}

/** A validated copy of a context, without reserved keys. */
export function copyContext(context: FlagContext): FlagContext {
  if (!isPlainObject(context)) throw new InvalidArgumentError('context must be an object such as { userId: "u1" }');
  if (context.userId !== undefined && typeof context.userId !== "string") {
    throw new InvalidArgumentError(`context.userId must be a string, got ${typeof context.userId}`);
  }
  const out: FlagContext = {};
  for (const key of Object.keys(context)) if (!isReservedName(key)) out[key] = context[key];
  return out;
}
